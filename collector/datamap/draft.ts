import { TableMap, type Store } from '../../shared/datamap.ts';
import type { Finding } from '../../shared/discovery.ts';
import type { CatalogTable } from './catalog.ts';

/** The integer and text families: a reference and its parent key must be of one. */
const typeFamily = (type: string) => (/int|serial/.test(type) ? 'integer' : type);

/** The tables a `customer_id` may point at: customer, customers, and the like. */
function parentNames(stem: string): string[] {
  return [stem, `${stem}s`, `${stem}es`, stem.replace(/y$/, 'ies')];
}

/**
 * References a table's columns suggest: its foreign keys, then columns named `PARENT_id` of the type of the
 * `id` of a table named for PARENT.
 */
export function proposeReferences(table: CatalogTable, tables: Map<string, CatalogTable>): Record<string, string> {
  const references: Record<string, string> = { ...table.foreignKeys };
  for (const column of table.columns) {
    const stem = /^(.+)_id$/.exec(column.name)?.[1];
    if (!stem || references[column.name]) continue;
    const parent = parentNames(stem).map((name) => tables.get(name)).find((candidate) => candidate && candidate.name !== table.name);
    const key = parent?.columns.find((candidate) => candidate.name === 'id');
    if (parent && key && typeFamily(key.type) === typeFamily(column.type)) references[column.name] = `${parent.name}.id`;
  }
  return references;
}

/**
 * A draft of a store's `tables` to paste into the config: what the map already says, plus the references the
 * catalog suggests and a category for every column discovery found personal information in.
 */
export function draftTables(store: Store, tables: CatalogTable[], findings: Finding[]): Record<string, TableMap> {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const draft: Record<string, TableMap> = {};
  for (const table of tables) {
    const mapped = store.tables[table.name];
    const columns: TableMap['columns'] = { ...mapped?.columns };
    for (const finding of findings) {
      if (finding.table !== table.name || columns[finding.column]) continue;
      columns[finding.column] = { category: finding.category, ...(finding.sensitive ? { sensitive: finding.sensitive } : {}) };
    }
    const references = { ...proposeReferences(table, byName), ...mapped?.references };
    if (!mapped && Object.keys(columns).length === 0 && Object.keys(references).length === 0) continue;
    draft[table.name] = TableMap.parse({ ...mapped, columns, ...(Object.keys(references).length > 0 ? { references } : {}) });
  }
  return draft;
}
