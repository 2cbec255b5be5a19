import { sql } from 'drizzle-orm';
import type { Store } from '../../shared/datamap.ts';
import { ConfigError } from '../config/load.ts';
import { describeDatabaseError } from '../db/errors.ts';
import { selectRows } from '../db/rows.ts';
import type { OpenStore } from './stores.ts';
import { parentsFirst } from './traversal.ts';

export interface CatalogColumn { name: string; type: string }
export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  /** Foreign keys of one column: this column → "table.column" of the parent. */
  foreignKeys: Record<string, string>;
  /** The planner's row estimate (0 for a table never analysed). */
  estimatedRows: number;
  /** The pages the table takes on disk now, analysed or not. */
  pages: number;
}
export type Catalog = Map<string, CatalogTable>;

/** The tables of a store's schema, their columns and single-column foreign keys, from the live catalog. */
export async function readCatalog(open: OpenStore): Promise<Catalog> {
  const schema = open.store.schema;
  const columns = await selectRows<{ table_name: string; column_name: string; data_type: string }>(open.db, sql`
    select c.table_name, c.column_name, c.data_type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = ${schema} and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`);
  const keys = await selectRows<{ table_name: string; column_name: string; parent: string; parent_column: string }>(open.db, sql`
    select cl.relname as table_name, a.attname as column_name, pcl.relname as parent, pa.attname as parent_column
    from pg_constraint k
    join pg_class cl on cl.oid = k.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_class pcl on pcl.oid = k.confrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
    where k.contype = 'f' and n.nspname = ${schema} and array_length(k.conkey, 1) = 1`);
  const sizes = await selectRows<{ relname: string; estimate: number | string; pages: number | string }>(open.db, sql`
    select c.relname, greatest(c.reltuples, 0)::float8 as estimate,
      (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8 as pages
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind in ('r', 'p')`);
  const catalog: Catalog = new Map();
  for (const row of columns) {
    let table = catalog.get(row.table_name);
    if (!table) {
      table = { name: row.table_name, columns: [], foreignKeys: {}, estimatedRows: 0, pages: 0 };
      catalog.set(row.table_name, table);
    }
    table.columns.push({ name: row.column_name, type: row.data_type });
  }
  for (const key of keys) {
    const table = catalog.get(key.table_name);
    if (table) table.foreignKeys[key.column_name] = `${key.parent}.${key.parent_column}`;
  }
  for (const size of sizes) {
    const table = catalog.get(size.relname);
    if (!table) continue;
    table.estimatedRows = Number(size.estimate);
    table.pages = Number(size.pages);
  }
  return catalog;
}

/** Every field of a store's map that names a table or column the live catalog does not have, by its path. */
export function mapIssues(store: Store, catalog: Catalog, path: string): string[] {
  const issues: string[] = [];
  const hasColumn = (table: string, column: string) => catalog.get(table)?.columns.some((c) => c.name === column) ?? false;
  const where = `${store.schema}`;
  const tableNames = Object.keys(store.tables);
  if (tableNames.length > 0 && tableNames.every((name) => !catalog.has(name))) return [noTablesIssue(store, tableNames, path)];
  try {
    parentsFirst(store);
  } catch (error) {
    issues.push(`${path}.tables: ${(error as Error).message}`);
  }
  for (const [tableName, table] of Object.entries(store.tables)) {
    const at = `${path}.tables.${tableName}`;
    if (!catalog.has(tableName)) {
      issues.push(`${at}: no table ${where}.${tableName} in the store`);
      continue;
    }
    const named: [string, string][] = [
      ...Object.entries(table.identities ?? {}).map(([point, column]): [string, string] => [`identities.${point}`, column]),
      ...Object.keys(table.references ?? {}).map((column): [string, string] => [`references.${column}`, column]),
      ...Object.keys(table.columns).map((column): [string, string] => [`columns.${column}`, column]),
      ...(table.timestamp ? [['timestamp', table.timestamp] as [string, string]] : []),
      ...Object.keys(typeof table.onDelete === 'object' ? table.onDelete.deidentify ?? {} : {})
        .map((column): [string, string] => [`onDelete.deidentify.${column}`, column]),
    ];
    for (const [field, column] of named) {
      if (!hasColumn(tableName, column)) issues.push(`${at}.${field}: no column ${column} in ${where}.${tableName}`);
    }
    if (!table.identities?.email && !table.identities?.account && Object.keys(table.references ?? {}).length === 0) {
      issues.push(`${at}: names no email or account identity and no reference, so no consumer's rows can be found in it`);
    }
    for (const [column, target] of Object.entries(table.references ?? {})) {
      const [parent, parentColumn] = target.split('.') as [string, string];
      if (!store.tables[parent]) issues.push(`${at}.references.${column}: ${parent} is not a table of this map`);
      else if (!hasColumn(parent, parentColumn)) issues.push(`${at}.references.${column}: no column ${parentColumn} in ${where}.${parent}`);
    }
  }
  return issues;
}

/**
 * A store none of whose tables exists is a store in the wrong place, or whose tables nobody made yet (a fresh
 * collector database): one line that says which, and what to do, rather than a line a table.
 */
function noTablesIssue(store: Store, tableNames: string[], path: string): string {
  const tables = tableNames.join(', ');
  const advice = store.url
    ? `check the store's url and schema`
    : `a store without url is a schema of the collector's own database, so create the tables there (for this `
      + `repository's demo configuration, \`npm start\` creates the demo shop's), or give the store the url of the database that holds them`;
  return `${path}: store "${store.id}" has none of its tables (${tables}) in schema ${store.schema}; ${advice}`;
}

/** Checks every store's map against its live catalog; start-up stops with the path of every bad field. */
export async function checkStoresAgainstCatalog(stores: OpenStore[]): Promise<void> {
  const issues: string[] = [];
  for (const [index, open] of stores.entries()) {
    const path = `stores[${index}]`;
    if (open.problem) {
      issues.push(`${path}.url: ${open.problem}`);
      continue;
    }
    try {
      issues.push(...mapIssues(open.store, await readCatalog(open), path));
    } catch (error) {
      issues.push(`${path}: cannot read the store's catalog (${describeDatabaseError(error)})`);
    }
  }
  if (issues.length > 0) throw new ConfigError(`the data map has bad fields:\n${issues.map((line) => `  ${line}`).join('\n')}`);
}
