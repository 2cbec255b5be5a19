import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './connect.ts';

/** Raw SQL results come back as `{ rows }` from PGlite and as an array from postgres.js; this reads either. */
export async function selectRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
