import { sql, type SQL } from 'drizzle-orm';
import type { CordonConfig, Site } from '../../shared/config.ts';
import { undisclosedKinds, type Category, type SensitiveKind, type Store } from '../../shared/datamap.ts';
import { DisclosedTable, disclosedRowsPerTable, type Disclosure } from '../../shared/disclosure.ts';
import type { Db, Tx } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
import type { OpenStore } from './stores.ts';
import { ownedBy, tableSql, type Identity, type Window } from './traversal.ts';

/** §7024(d) columns are never disclosed; every other mapped or identifying column is. */
export function disclosedColumns(store: Store, table: string): { shown: string[]; withheld: { column: string; kind: SensitiveKind }[] } {
  const map = store.tables[table]!;
  const withheld = Object.entries(map.columns)
    .filter(([, spec]) => spec.sensitive && undisclosedKinds.includes(spec.sensitive))
    .map(([column, spec]) => ({ column, kind: spec.sensitive! }));
  const hidden = new Set(withheld.map((entry) => entry.column));
  const shown = [...new Set([...Object.values(map.identities ?? {}), ...Object.keys(map.columns)])].filter((column) => !hidden.has(column));
  return { shown, withheld };
}

/** The consumer's rows of one table inside the window, newest first when the table has a timestamp. */
export function ownedRows(store: Store, table: string, who: Identity, window: Window, columns: string[]): SQL {
  const map = store.tables[table]!;
  const list = columns.length > 0 ? sql.join(columns.map((column) => sql`t.${sql.identifier(column)}`), sql`, `) : sql`1 as row`;
  const order = map.timestamp ? sql` order by t.${sql.identifier(map.timestamp)} desc` : sql``;
  return sql`select ${list} from ${tableSql(store, table)} t where ${ownedBy(store, table, 't', who, window)}${order}`;
}

/** One table's part of the answer: its row count, what it holds, the withheld kinds, and for specific pieces the rows. */
async function discloseTable(db: Db | Tx, store: Store, table: string, who: Identity, window: Window, specific: boolean): Promise<DisclosedTable> {
  const map = store.tables[table]!;
  const { shown, withheld } = disclosedColumns(store, table);
  const held = withheld.map(({ column }) => sql`count(t.${sql.identifier(column)})::int as ${sql.identifier(`w_${column}`)}`);
  const [counts] = await selectRows<Record<string, number>>(db, sql`select count(*)::int as n${held.length > 0 ? sql`, ${sql.join(held, sql`, `)}` : sql``}
    from ${tableSql(store, table)} t where ${ownedBy(store, table, 't', who, window)}`);
  const rows = counts!.n!;
  const part: DisclosedTable = {
    store: store.id,
    table,
    rows,
    categories: [...new Set(Object.values(map.columns).map((spec) => spec.category))].sort(),
    columns: shown,
    withheld: withheld.filter(({ column }) => counts![`w_${column}`]! > 0),
  };
  if (specific && rows > 0) {
    const records = await selectRows<{ r: Record<string, unknown> }>(db,
      sql`select row_to_json(x) as r from (${ownedRows(store, table, who, window, shown)} limit ${disclosedRowsPerTable}) x`);
    part.records = records.map(({ r }) => (typeof r === 'string' ? JSON.parse(r) : r) as Record<string, never>);
    part.truncated = rows > disclosedRowsPerTable;
  }
  // Rows read from a store are outside input: a value that is not plain JSON is refused here, not shown.
  return DisclosedTable.parse(part);
}

export interface DiscloseInput {
  config: CordonConfig;
  site: Site;
  stores: OpenStore[];
  dbOf: (open: OpenStore) => Db | Tx;
  who: Identity;
  window: Window;
  specific: boolean;
  now: Date;
  cordon: Disclosure['cordon'];
}

/** The answer to a know, access or portability request: categories, sources, purposes, recipients, and per table what is held. */
export async function disclose(input: DiscloseInput): Promise<Disclosure> {
  const tables: DisclosedTable[] = [];
  for (const open of input.stores) {
    for (const table of Object.keys(open.store.tables)) {
      const part = await discloseTable(input.dbOf(open), open.store, table, input.who, input.window, input.specific);
      if (part.rows > 0) tables.push(part);
    }
  }
  return {
    kind: input.specific ? 'specific' : 'categories',
    window: { from: input.window.from.toISOString(), to: input.now.toISOString() },
    categories: summariseCategories(input.stores, tables),
    recipients: [
      ...input.config.partners.map((partner) => ({ id: partner.id, signals: [...partner.signals] })),
      ...input.site.vendors.map((vendor) => ({ id: vendor.id, signals: [...vendor.purposes] })),
    ],
    tables,
    cordon: input.cordon,
    identities: { email: input.who.email, accounts: input.who.accounts },
  };
}

/** One line per category held: its sensitive kinds, where it came from, why, and which stores hold it. */
function summariseCategories(stores: OpenStore[], tables: DisclosedTable[]): Disclosure['categories'] {
  const byCategory = new Map<Category, { sensitive: Set<SensitiveKind>; sources: Set<string>; purposes: Set<string>; stores: Set<string> }>();
  for (const part of tables) {
    const map = stores.find((open) => open.store.id === part.store)!.store.tables[part.table]!;
    for (const spec of Object.values(map.columns)) {
      let entry = byCategory.get(spec.category);
      if (!entry) {
        entry = { sensitive: new Set(), sources: new Set(), purposes: new Set(), stores: new Set() };
        byCategory.set(spec.category, entry);
      }
      if (spec.sensitive) entry.sensitive.add(spec.sensitive);
      entry.sources.add(spec.source ?? 'you');
      if (spec.purpose) entry.purposes.add(spec.purpose);
      entry.stores.add(part.store);
    }
  }
  return [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, entry]) => ({
    category, sensitive: [...entry.sensitive].sort(), sources: [...entry.sources].sort(), purposes: [...entry.purposes].sort(), stores: [...entry.stores].sort(),
  }));
}
