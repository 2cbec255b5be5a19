import { sql, type SQL } from 'drizzle-orm';
import type { Store, TableMap } from '../../shared/datamap.ts';

/** Who the consumer is in the stores: the verified address, and the account ids the rows holding it name. */
export interface Identity { email: string; accounts: string[] }

export const tableSql = (store: Store, table: string): SQL => sql`${sql.identifier(store.schema)}.${sql.identifier(table)}`;
const column = (alias: string, name: string): SQL => sql`${sql.identifier(alias)}.${sql.identifier(name)}`;

/** Tables ordered so that every parent comes before the tables that reference it; a cycle is a map error. */
export function parentsFirst(store: Store): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`the references of store ${store.id} form a cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const target of Object.values(store.tables[name]?.references ?? {})) visit(target.split('.')[0]!, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(store.tables)) visit(name, []);
  return order;
}

/** A window on a row's time, for know requests; tables without a timestamp take it from the parents they hang from. */
export interface Window { from: Date }

/**
 * The condition that picks a consumer's rows of `table` (aliased `alias`): its own identity columns match, or it
 * references a row of a parent that is the consumer's. Built as nested subqueries, so the database follows the
 * references in one statement and its indexes on the reference columns do the work.
 */
export function ownedBy(store: Store, table: string, alias: string, who: Identity, window?: Window, depth = 0): SQL {
  const map = store.tables[table]!;
  const own = window && map.timestamp ? sql` and ${column(alias, map.timestamp)} >= ${window.from.toISOString()}` : undefined;
  const inherited = window && !map.timestamp ? window : undefined;
  const matches: SQL[] = identityMatches(map, alias, who);
  for (const [name, target] of Object.entries(map.references ?? {})) {
    const [parent, parentColumn] = target.split('.') as [string, string];
    const inner = `p${depth}`;
    matches.push(sql`${column(alias, name)} in (select ${column(inner, parentColumn)} from ${tableSql(store, parent)} ${sql.identifier(inner)} where ${ownedBy(store, parent, inner, who, inherited, depth + 1)})`);
  }
  const any = matches.length > 0 ? sql.join(matches.map((match) => sql`(${match})`), sql` or `) : sql`false`;
  return own ? sql`(${any})${own}` : sql`(${any})`;
}

function identityMatches(map: TableMap, alias: string, who: Identity): SQL[] {
  const matches: SQL[] = [];
  const email = map.identities?.email;
  const account = map.identities?.account;
  if (email) matches.push(sql`lower(${column(alias, email)}::text) = ${who.email}`);
  if (account && who.accounts.length > 0) {
    matches.push(sql`${column(alias, account)}::text in (${sql.join(who.accounts.map((id) => sql`${id}`), sql`, `)})`);
  }
  return matches;
}

/** The account ids held beside the consumer's address, in tables that name both: how rows keyed by account are found. */
export function accountLookups(store: Store, email: string): SQL[] {
  return Object.entries(store.tables)
    .filter(([, map]) => map.identities?.email && map.identities.account)
    .map(([table, map]) => sql`select distinct ${sql.identifier(map.identities!.account!)}::text as account
      from ${tableSql(store, table)} where lower(${sql.identifier(map.identities!.email!)}::text) = ${email}`);
}
