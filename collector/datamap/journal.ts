import { gte, sql } from 'drizzle-orm';
import type { Site } from '../../shared/config.ts';
import type { Db, Tx } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
import { deletionJournal } from '../db/schema.ts';
import { keyedHash, keyedHashSql, normalEmail } from './keyed-hash.ts';
import type { OpenStore } from './stores.ts';
import { tableSql, type Identity } from './traversal.ts';

/** Notes a deletion by keyed hashes only, so a backup restored later can be cleaned again (§7022(d)). */
export async function journalDeletion(tx: Tx, site: Site, requestId: string, who: Identity, stores: string[], now: Date): Promise<void> {
  await tx.insert(deletionJournal).values({
    site: site.id, requestId, deletedAt: now, stores,
    emailHash: keyedHash(site, 'journal', normalEmail(who.email)),
    accountHashes: who.accounts.map((account) => keyedHash(site, 'journal', account)),
  });
}

export type JournalEntry = typeof deletionJournal.$inferSelect;

export async function journalSince(db: Db, since: Date): Promise<JournalEntry[]> {
  return db.select().from(deletionJournal).where(gte(deletionJournal.deletedAt, since)).orderBy(deletionJournal.id);
}

/**
 * Finds the consumer of a journal entry in a store again, by hashing its identity columns in the database and
 * comparing: the clear address and account ids come back only from the restored rows themselves.
 */
export async function findJournalled(site: Site, open: OpenStore, db: Db | Tx, entry: JournalEntry): Promise<Identity | undefined> {
  const emails = new Set<string>();
  const accounts = new Set<string>();
  for (const [table, map] of Object.entries(open.store.tables)) {
    const { email, account } = map.identities ?? {};
    if (email) {
      const rows = await selectRows<{ email: string; account: string | null }>(db, sql`select distinct lower(${sql.identifier(email)}::text) as email,
        ${account ? sql`${sql.identifier(account)}::text` : sql`null`} as account from ${tableSql(open.store, table)}
        where ${keyedHashSql(site, 'journal', sql`lower(trim(${sql.identifier(email)}::text))`)} = ${entry.emailHash}`);
      for (const row of rows) {
        emails.add(row.email);
        if (row.account) accounts.add(row.account);
      }
    }
    if (account && entry.accountHashes.length > 0) {
      const rows = await selectRows<{ account: string }>(db, sql`select distinct ${sql.identifier(account)}::text as account from ${tableSql(open.store, table)}
        where ${keyedHashSql(site, 'journal', sql`${sql.identifier(account)}::text`)} in (${sql.join(entry.accountHashes.map((hash) => sql`${hash}`), sql`, `)})`);
      for (const row of rows) accounts.add(row.account);
    }
  }
  if (emails.size === 0 && accounts.size === 0) return undefined;
  // An address no row holds any more matches nothing: the account ids then find the rest.
  return { email: [...emails][0] ?? '', accounts: [...accounts] };
}
