import { parseArgs } from 'node:util';
import type { Finding } from '../../shared/discovery.ts';
import { loadConfig } from '../config/load.ts';
import { openDatabase, type Database, type Db } from '../db/connect.ts';
import { discoverStore, unmapped, type StoreDiscovery } from '../datamap/discover.ts';
import { draftTables } from '../datamap/draft.ts';
import { openStores } from '../datamap/stores.ts';

export interface CliEnv { databaseUrl?: string; configPath: string; dataDir: string }

/**
 * `cordon discover [--store ID] [--json] [--draft]`: 1 when personal information is found that the map does not
 * declare, so a site can gate its CI on it; 0 otherwise. Progress goes to stderr, the findings to stdout.
 */
export async function discover(args: string[], env: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { store: { type: 'string' }, json: { type: 'boolean', default: false }, draft: { type: 'boolean', default: false } } });
  const config = loadConfig(env.configPath);
  const stores = config.stores.filter((store) => values.store === undefined || store.id === values.store);
  if (values.store !== undefined && stores.length === 0) {
    console.error(`cordon discover: --store: no store "${values.store}" in ${env.configPath}`);
    return 2;
  }
  if (stores.length === 0) console.error(`cordon discover: ${env.configPath} registers no stores; nothing to scan`);
  // The collector's own database is opened only for stores that live in it (an embedded one allows one process).
  const own: Database | undefined = stores.some((store) => !store.url) ? await openDatabase({ url: env.databaseUrl, dataDir: env.dataDir }) : undefined;
  const open = openStores({ ...config, stores }, own?.db as Db);
  const results: StoreDiscovery[] = [];
  try {
    for (const store of open.list) {
      const started = performance.now();
      const result = await discoverStore(store);
      results.push(result);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.error(`cordon discover: ${store.store.id}: ${result.tables.length} tables, ${result.rowsSampled} rows sampled, ${unmapped(result.findings).length} unmapped findings (${seconds} s)`);
    }
  } finally {
    await open.close();
    await own?.close();
  }
  const findings = results.flatMap((result) => result.findings);
  if (values.draft) {
    console.log(JSON.stringify({ stores: results.map((result) => ({ id: result.store.id, tables: draftTables(result.store, result.tables, result.findings) })) }, null, 2));
  } else if (values.json) {
    console.log(JSON.stringify({ findings }, null, 2));
  } else {
    console.log(findingsTable(findings));
  }
  return unmapped(findings).length > 0 ? 1 : 0;
}

const headings = ['STORE', 'TABLE', 'COLUMN', 'FOUND', 'CATEGORY', 'SENSITIVE', 'MAPPED', 'CONFIDENCE', 'MATCHED'];

/** The findings as aligned columns, unmapped ones first: what a person reads to fix the map. */
function findingsTable(findings: Finding[]): string {
  if (findings.length === 0) return 'no personal information found';
  const sorted = [...findings].sort((a, b) => Number(a.mapped) - Number(b.mapped));
  const rows = sorted.map((finding) => [
    finding.store, finding.table, finding.column, finding.inText ? `${finding.kind} in text` : finding.kind, finding.category,
    finding.sensitive ?? '-', finding.mapped ? 'yes' : 'NO', finding.confidence, `${finding.matched}/${finding.sampled}`,
  ]);
  const widths = headings.map((heading, index) => Math.max(heading.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd();
  const missing = unmapped(findings).length;
  const summary = missing > 0 ? `${missing} finding(s) the map does not declare` : 'the map declares everything found';
  return [line(headings), ...rows.map(line), '', summary].join('\n');
}
