import { sql } from 'drizzle-orm';
import { selectRows } from '../db/rows.ts';
import type { CatalogTable } from './catalog.ts';
import type { OpenStore } from './stores.ts';

/** Rows sampled per table: enough to tell a column of emails from one with a stray email, whatever the table's size. */
export const sampleRows = 500;
/** Longer values are cut: free text past this is as telling as its start, and reading it costs. */
const maxValueLength = 4_000;
/** What a table never analysed is assumed to hold per 8 kB page. */
const assumedRowsPerPage = 20;

/** The values of one column in a sample, the empty ones left out. */
export type ColumnSample = Map<string, string[]>;

/**
 * How to read a bounded random sample: whole small tables in random order; of a larger one, SYSTEM picks random
 * pages making up about the sample, so a 10-million-row table costs what a 10-thousand-row one does.
 */
export function sampleClause(table: Pick<CatalogTable, 'pages' | 'estimatedRows'>): string {
  const rowsPerPage = table.estimatedRows > 0 && table.pages > 0 ? Math.max(1, table.estimatedRows / table.pages) : assumedRowsPerPage;
  // Half as many pages again as the sample needs: SYSTEM's page count varies, and the limit cuts the excess.
  const pagesWanted = Math.ceil((1.5 * sampleRows) / rowsPerPage);
  if (table.pages <= 2 * pagesWanted) return '';
  const percent = Math.min(100, (100 * pagesWanted) / table.pages);
  return `tablesample system (${percent.toFixed(6)})`;
}

/** Reads a random sample of a table's columns as text; rows read from the store are checked to be text or empty. */
export async function sampleTable(open: OpenStore, table: CatalogTable): Promise<ColumnSample> {
  const clause = sampleClause(table);
  const columns = table.columns.map((column, index) => sql`left(${sql.identifier(column.name)}::text, ${sql.raw(String(maxValueLength))}) as ${sql.identifier(`c${index}`)}`);
  const from = sql`${sql.identifier(open.store.schema)}.${sql.identifier(table.name)}`;
  const order = clause ? sql`` : sql`order by random()`;
  const rows = await selectRows<Record<string, unknown>>(open.db, sql`
    select ${sql.join(columns, sql`, `)} from ${from} ${sql.raw(clause)} ${order} limit ${sql.raw(String(sampleRows))}`);
  const sample: ColumnSample = new Map(table.columns.map((column) => [column.name, []]));
  for (const row of rows) {
    table.columns.forEach((column, index) => {
      const value = row[`c${index}`];
      if (value === null || value === undefined) return;
      if (typeof value !== 'string') throw new Error(`${table.name}.${column.name}: the store answered a sample value that is not text`);
      if (value.trim() !== '') sample.get(column.name)!.push(value);
    });
  }
  return sample;
}
