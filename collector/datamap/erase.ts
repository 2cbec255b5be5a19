import { sql, type SQL } from 'drizzle-orm';
import type { Site } from '../../shared/config.ts';
import type { DeidentifyRule, OnDelete, Store } from '../../shared/datamap.ts';
import type { Db, Tx } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
import { readCatalog } from './catalog.ts';
import { keyedHashSql } from './keyed-hash.ts';
import type { OpenStore } from './stores.ts';
import { ownedBy, parentsFirst, tableSql, type Identity } from './traversal.ts';

/** What a deletion did to one table, and what a search for the consumer finds there afterwards. */
export interface TableErasure {
  table: string;
  action: 'deleted' | 'deidentified' | 'retained';
  rows: number;
  columns?: string[];
  retained?: { basis: string; until: string };
  /** Rows the access traversal still finds after the deletion: 0 unless the table is retained. */
  foundAfter: number;
}

export interface StoreErasure { store: string; status: 'done'; verified: boolean; tables: TableErasure[] }

/**
 * Deletes one consumer from one store in one transaction: children before parents (a child's rows are found
 * through its parents, which must still be there), retained tables kept with their basis and end date and their
 * named columns rewritten. Then the access traversal runs again and must find nothing but retained rows.
 */
export async function eraseFromStore(site: Site, open: OpenStore, db: Db | Tx, who: Identity, now: Date): Promise<StoreErasure> {
  const store = open.store;
  const catalog = await readCatalog({ ...open, db: db as Db });
  const typeOf = (table: string, column: string) => catalog.get(table)?.columns.find((c) => c.name === column)?.type ?? 'text';
  const tables: TableErasure[] = [];
  await db.transaction(async (tx) => {
    for (const table of parentsFirst(store).reverse()) {
      const onDelete = store.tables[table]!.onDelete;
      tables.push(await eraseTable(tx, site, store, table, onDelete, who, now, (column) => typeOf(table, column)));
    }
    for (const entry of tables) entry.foundAfter = await countOwned(tx, store, entry.table, who);
  });
  const verified = tables.every((entry) => entry.foundAfter === 0 || entry.action === 'retained');
  return { store: store.id, status: 'done', verified, tables };
}

async function eraseTable(
  tx: Tx, site: Site, store: Store, table: string, onDelete: OnDelete, who: Identity, now: Date, typeOf: (column: string) => string,
): Promise<TableErasure> {
  const where = ownedBy(store, table, 't', who);
  if (onDelete === 'delete') {
    const rows = await selectRows<{ n: number }>(tx, sql`with gone as (delete from ${tableSql(store, table)} t where ${where} returning 1)
      select count(*)::int as n from gone`);
    return { table, action: 'deleted', rows: rows[0]!.n, foundAfter: 0 };
  }
  const rules = Object.entries(onDelete.deidentify ?? {});
  const rows = rules.length === 0
    ? await selectRows<{ n: number }>(tx, sql`select count(*)::int as n from ${tableSql(store, table)} t where ${where}`)
    : await selectRows<{ n: number }>(tx, sql`with changed as (update ${tableSql(store, table)} t
        set ${sql.join(rules.map(([column, rule]) => sql`${sql.identifier(column)} = ${rewrite(site, column, rule, typeOf(column))}`), sql`, `)}
        where ${where} returning 1) select count(*)::int as n from changed`);
  const columns = rules.map(([column]) => column);
  if ('retain' in onDelete) {
    const until = new Date(now);
    until.setUTCFullYear(until.getUTCFullYear() + onDelete.retain.years);
    return { table, action: 'retained', rows: rows[0]!.n, columns, retained: { basis: onDelete.retain.basis, until: until.toISOString().slice(0, 10) }, foundAfter: 0 };
  }
  return { table, action: 'deidentified', rows: rows[0]!.n, columns, foundAfter: 0 };
}

/** The new value of a de-identified column, computed by the database from the old one. */
function rewrite(site: Site, column: string, rule: DeidentifyRule, type: string): SQL {
  const old = sql`t.${sql.identifier(column)}`;
  const cast = (value: SQL) => sql`cast(${value} as ${sql.raw(quoteType(type))})`;
  if (rule === 'null') return sql`null`;
  if (rule === 'hash') return cast(keyedHashSql(site, 'deidentify', sql`${old}::text`));
  if (rule === 'generalize') return generalize(old, type, cast);
  return cast(sql`${rule.slice('fixed:'.length)}::text`);
}

/** Dates to the first of their year, numbers to their ten below, text to its first three characters (a ZIP3). */
function generalize(old: SQL, type: string, cast: (value: SQL) => SQL): SQL {
  if (/date|timestamp/.test(type)) return cast(sql`date_trunc('year', ${old})`);
  if (/int|numeric|double|real|decimal/.test(type)) return cast(sql`floor(${old} / 10) * 10`);
  return cast(sql`left(${old}::text, 3)`);
}

/** information_schema's data_type names are plain words ("character varying"); anything else is refused. */
function quoteType(type: string): string {
  if (!/^[a-z ]+$/.test(type)) throw new Error(`cannot de-identify a column of type ${type}`);
  return type === 'ARRAY' || type === 'USER-DEFINED' ? 'text' : type;
}

export async function countOwned(db: Db | Tx, store: Store, table: string, who: Identity): Promise<number> {
  const rows = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from ${tableSql(store, table)} t where ${ownedBy(store, table, 't', who)}`);
  return rows[0]!.n;
}
