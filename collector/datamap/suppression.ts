import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Site } from '../../shared/config.ts';
import type { SuppressionReason } from '../../shared/datamap.ts';
import type { Db, Tx } from '../db/connect.ts';
import { suppressionList } from '../db/schema.ts';
import { keyedHash, normalEmail } from './keyed-hash.ts';

/** Adds a consumer's address to the site's suppression list, by its keyed hash; adding it twice changes nothing. */
export async function suppress(tx: Db | Tx, site: Site, email: string, reason: SuppressionReason, now: Date): Promise<void> {
  await tx.insert(suppressionList).values({ site: site.id, emailHash: suppressionHash(site, email), reason, addedAt: now }).onConflictDoNothing();
}

export const suppressionHash = (site: Site, email: string) => keyedHash(site, 'suppression', normalEmail(email));

/** Which of these addresses are suppressed: what a marketing sync asks before it mails anyone. */
export async function suppressedAmong(db: Db, site: Site, emails: string[]): Promise<string[]> {
  const byHash = new Map(emails.map((email) => [suppressionHash(site, email), email]));
  if (byHash.size === 0) return [];
  const rows = await db.selectDistinct({ emailHash: suppressionList.emailHash }).from(suppressionList)
    .where(and(eq(suppressionList.site, site.id), inArray(suppressionList.emailHash, [...byHash.keys()])));
  return rows.map((row) => byHash.get(row.emailHash)!);
}

/** The whole list, oldest first, for export. */
export async function suppressionEntries(db: Db, site: Site) {
  return db.select({ emailHash: suppressionList.emailHash, reason: suppressionList.reason, addedAt: suppressionList.addedAt })
    .from(suppressionList).where(eq(suppressionList.site, site.id)).orderBy(asc(suppressionList.addedAt), asc(suppressionList.emailHash));
}
