import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
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
  return queryPrepared<T>(clientOf(db), text, params);
}

const dialect = new PgDialect();

/**
 * For the hottest write paths: a statement of constant text, prepared once per connection, inside a transaction
 * too. Drizzle's raw `execute` sends every statement with parameters unnamed, which on postgres.js costs a second
 * round trip (describe, then bind) each time.
 */
export async function executePrepared<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return queryPrepared<T>(clientOf(db), text, params);
}

type PreparingClient =
  | { unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]> }
  | { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> };

/** The driver's client behind a database or transaction: postgres.js (or its transaction) or PGlite. */
function clientOf(db: Db | Tx): PreparingClient {
  return (db._.session as unknown as { client: PreparingClient }).client;
}

async function queryPrepared<T>(client: PreparingClient, text: string, params: unknown[]): Promise<T[]> {
  if ('unsafe' in client) return client.unsafe(text, params, { prepare: true }) as Promise<T[]>;
  return (await client.query(text, params)).rows as T[];
}
