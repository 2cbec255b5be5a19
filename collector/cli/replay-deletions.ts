import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config/load.ts';
import { checkStoresAgainstCatalog } from '../datamap/catalog.ts';
import { openStores } from '../datamap/stores.ts';
import { replayDeletions } from '../datamap/replay.ts';
import { openDatabase } from '../db/connect.ts';

const Since = z.iso.date('--since takes a date such as 2026-11-01');

/**
 * `cordon replay-deletions --since DATE`: after a backup is restored, deletes again every consumer the journal
 * says was deleted since DATE. Prints what it found per request, never who.
 */
export async function replayDeletionsCommand(args: string[], env: { configPath: string; databaseUrl?: string; dataDir: string }): Promise<number> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' } } });
  const since = Since.safeParse(values.since);
  if (!since.success) {
    console.error(`cordon replay-deletions: ${since.error.issues[0]!.message}`);
    return 2;
  }
  const config = loadConfig(env.configPath);
  const database = await openDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
  const stores = openStores(config, database.db);
  try {
    await checkStoresAgainstCatalog(stores.list);
    const report = await replayDeletions(database.db, config, stores, new Date(`${since.data}T00:00:00Z`), new Date());
    for (const result of report.results) {
      const rows = result.stores.flatMap((store) => store.tables.map((table) => `${store.store}.${table.table} ${table.action} ${table.rows}`)).filter((line) => !line.endsWith(' 0'));
      console.log(`request ${result.requestId}: ${rows.join(', ')}`);
    }
    console.log(`cordon replay-deletions: ${report.entries} deletion${report.entries === 1 ? '' : 's'} journalled since ${since.data}; ${report.found} found again and deleted`);
    return 0;
  } finally {
    await stores.close();
    await database.close();
  }
}
