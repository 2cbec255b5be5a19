import { sql } from 'drizzle-orm';
import type { Store } from '../../shared/datamap.ts';
import type { Db, Tx } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
import type { OpenStore } from './stores.ts';
import { ownedBy, parentsFirst, tableSql, type Identity } from './traversal.ts';

/** Which fields of which table were rewritten: names only, never values (§7023). */
export interface TableCorrection { table: string; fields: string[]; rows: number }
export interface StoreCorrection { store: string; status: 'done'; tables: TableCorrection[] }

/**
 * Writes the corrected data points into every table of the store that holds them for the consumer, in one
 * transaction; children first, as they are found through the parents' identities that may be among the fields.
 */
export async function correctInStore(open: OpenStore, db: Db | Tx, who: Identity, fields: Record<string, string>): Promise<StoreCorrection> {
  const tables: TableCorrection[] = [];
  await db.transaction(async (tx) => {
    for (const table of parentsFirst(open.store).reverse()) {
      const columns = columnsHolding(open.store, table, fields);
      if (columns.length === 0) continue;
      const [changed] = await selectRows<{ n: number }>(tx, sql`with changed as (update ${tableSql(open.store, table)} t
        set ${sql.join(columns.map(([column, value]) => sql`${sql.identifier(column)} = ${value}`), sql`, `)}
        where ${ownedBy(open.store, table, 't', who)} returning 1) select count(*)::int as n from changed`);
      if (changed!.n > 0) tables.push({ table, fields: columns.map(([column]) => column), rows: changed!.n });
    }
  });
  return { store: open.store.id, status: 'done', tables };
}

function columnsHolding(store: Store, table: string, fields: Record<string, string>): [string, string][] {
  const identities = (store.tables[table]!.identities ?? {}) as Record<string, string>;
  return Object.entries(fields).filter(([point]) => identities[point] && point !== 'account').map(([point, value]) => [identities[point]!, value]);
}
