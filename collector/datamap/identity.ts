import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
import { constantTimeEqual, sha256Hex } from '../services/hashing.ts';
import type { OpenStore } from './stores.ts';
import { accountLookups, tableSql, type Identity } from './traversal.ts';

/** The account ids every store holds beside this address: the consumer is found by either from then on. */
export async function resolveIdentity(stores: OpenStore[], email: string, dbOf: (open: OpenStore) => Db | Tx): Promise<Identity> {
  const accounts = new Set<string>();
  for (const open of stores) {
    for (const lookup of accountLookups(open.store, email)) {
      for (const row of await selectRows<{ account: string | null }>(dbOf(open), lookup)) if (row.account) accounts.add(row.account);
    }
  }
  return { email, accounts: [...accounts] };
}

/** How each kind of data point is compared: people type names, phones and dates every which way. */
const normalisers: Record<string, (value: string) => string> = {
  name: (value) => value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
  phone: (value) => value.replace(/\D/g, '').slice(-10),
  postalCode: (value) => value.replace(/[^0-9a-z]/gi, '').toUpperCase().slice(0, 5),
  address: (value) => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
  birthDate: (value) => {
    const time = Date.parse(value);
    return Number.isNaN(time) ? value.trim() : new Date(time).toISOString().slice(0, 10);
  },
};

/**
 * The names of the data points the consumer gave that agree with a row holding their address. Values are
 * compared as hashes of their normal forms in constant time, and nothing about a mismatch is said.
 */
export async function matchingPoints(
  stores: OpenStore[], email: string, points: Record<string, string>, dbOf: (open: OpenStore) => Db | Tx,
): Promise<string[]> {
  const matched = new Set<string>();
  const given = Object.entries(points).filter(([name]) => normalisers[name]);
  for (const open of stores) {
    for (const [table, map] of Object.entries(open.store.tables)) {
      const identities: Record<string, string | undefined> = map.identities ?? {};
      const emailColumn = identities.email;
      const wanted = given.filter(([name]) => identities[name]);
      if (!emailColumn || wanted.length === 0) continue;
      const columns = sql.join(wanted.map(([name]) => sql`${sql.identifier(identities[name]!)}::text as ${sql.identifier(name)}`), sql`, `);
      const rows = await selectRows<Record<string, string | null>>(dbOf(open), sql`select ${columns} from ${tableSql(open.store, table)}
        where lower(${sql.identifier(emailColumn)}::text) = ${email} limit 20`);
      for (const row of rows) {
        for (const [name, value] of wanted) {
          const held = row[name];
          if (held !== null && held !== undefined && sameValue(name, held, value)) matched.add(name);
        }
      }
    }
  }
  return [...matched].sort();
}

function sameValue(name: string, held: string, given: string): boolean {
  const normal = normalisers[name]!;
  const a = normal(held);
  return a !== '' && constantTimeEqual(Buffer.from(sha256Hex(a)), Buffer.from(sha256Hex(normal(given))));
}
