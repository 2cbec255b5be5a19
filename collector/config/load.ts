import { readFileSync } from 'node:fs';
import { CordonConfig } from '../../shared/config.ts';
import { describeIssues } from '../../shared/validation.ts';

export class ConfigError extends Error {}

/** Reads and validates the configuration file; the error lists the path and reason of every bad field. */
export function loadConfig(path: string): CordonConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the configuration (${(error as NodeJS.ErrnoException).code})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(raw, path);
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
