import { CordonConfig } from '../../shared/config.ts';
import { describeIssues } from '../../shared/validation.ts';
import { readJsonFile } from './json-file.ts';

export class ConfigError extends Error {}

/** Reads and validates the configuration file; the error lists the path and reason of every bad field. */
export function loadConfig(path: string): CordonConfig {
  const file = readJsonFile(path);
  if (!file.ok && file.problem === 'unreadable') throw new ConfigError(`${path}: cannot read the configuration (${file.code})`);
  if (!file.ok) throw new ConfigError(`${path}: not valid JSON (${file.message})`);
  return parseConfig(file.value, path);
}

export function parseConfig(raw: unknown, path = 'config'): CordonConfig {
  const result = CordonConfig.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`${path} has bad fields:\n${describeIssues(result.error).map((line) => `  ${line}`).join('\n')}`);
  }
  const duplicate = findDuplicateSiteId(result.data);
  if (duplicate) throw new ConfigError(`${path} has bad fields:\n  sites: the id "${duplicate}" is used twice`);
  return result.data;
}

function findDuplicateSiteId(config: CordonConfig): string | undefined {
  const seen = new Set<string>();
  for (const site of config.sites) {
    if (seen.has(site.id)) return site.id;
    seen.add(site.id);
  }
  return undefined;
}
