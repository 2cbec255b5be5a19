import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './connect.ts';

/** Raw SQL results come back as `{ rows }` from PGlite and as an array from postgres.js; this reads either. */
export async function selectRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * For the hottest read paths only: a query the server prepares once and plans generically, instead of parsing
 * and planning it on every call as Drizzle's raw `execute` does. JSON parameters are passed as JSON text, as Drizzle sets both drivers up to expect.
 */
export async function selectPrepared<T>(db: Db, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: PreparingClient }).$client;
  if ('unsafe' in client) return client.unsafe(text, params, { prepare: true }) as Promise<T[]>;
  return (await client.query(text, params)).rows as T[];
}

type PreparingClient =
  | { unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]> }
  | { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> };
