import type { CordonConfig } from '../../shared/config.ts';
import type { Db } from '../db/connect.ts';
import { findSite } from '../deps.ts';
import { eraseFromStore, type StoreErasure } from './erase.ts';
import { findJournalled, journalSince } from './journal.ts';
import type { OpenStores } from './stores.ts';

export interface ReplayReport { entries: number; found: number; results: { requestId: string; stores: StoreErasure[] }[] }

/**
 * Re-applies every journalled deletion since a date, for after a backup restore (§7022(d)): each consumer is
 * found again by the keyed hashes of their identities and deleted exactly as the first time. Running it twice
 * changes nothing more.
 */
export async function replayDeletions(db: Db, config: CordonConfig, stores: OpenStores, since: Date, now: Date): Promise<ReplayReport> {
  const entries = await journalSince(db, since);
  const report: ReplayReport = { entries: entries.length, found: 0, results: [] };
  for (const entry of entries) {
    const site = findSite(config, entry.site);
    if (!site) continue;
    const erased: StoreErasure[] = [];
    for (const open of stores.list) {
      const who = await findJournalled(site, open, open.db, entry);
      if (who) erased.push(await eraseFromStore(site, open, open.db, who, now));
    }
    if (erased.some((result) => result.tables.some((table) => table.rows > 0))) {
      report.found += 1;
      report.results.push({ requestId: entry.requestId, stores: erased });
    }
  }
  return report;
}
