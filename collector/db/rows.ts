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
  return queryPrepared<T>(clientOf(db), { sql: text, params });
}

const dialect = new PgDialect();

/**
 * For the hottest write paths: a statement of constant text, prepared once per connection, inside a transaction
 * too. Drizzle's raw `execute` sends every statement with parameters unnamed, which on postgres.js costs a second
 * round trip (describe, then bind) each time.
 */
export async function executePrepared<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return queryPrepared<T>(clientOf(db), dialect.sqlToQuery(query));
}

/** The second statement of a two-step transaction, worked out from the first's rows, and what the transaction answers. */
export interface SecondStep<R> { statement?: SQL; result: R }

/**
 * A transaction of two steps where the second statement depends on the rows of the first step's statements, for the
 * hottest write path. On postgres.js it costs two round trips instead of one per statement plus two: BEGIN travels
 * with the first step's statements (run one after another, in order) and COMMIT with the second. Under ingest load each trip waits its turn in busy processes, so the trips, more than the work,
 * set how fast a batch commits. Whatever fails, the transaction is rolled back before its connection is reused.
 */
export async function transactInTwoSteps<R>(db: Db, first: SQL[], second: (rowsOfEach: unknown[][]) => SecondStep<R>): Promise<R> {
  const client = clientOf(db);
  if (!('reserve' in client)) {
    return db.transaction(async (tx) => {
      const rowsOfEach: unknown[][] = [];
      for (const statement of first) rowsOfEach.push(await executePrepared(tx, statement));
      const next = second(rowsOfEach);
      if (next.statement) await executePrepared(tx, next.statement);
      return next.result;
    });
  }
  const connection = await client.reserve();
  try {
    const [, ...rowsOfEach] = await Promise.all([send(connection, 'begin'), ...first.map((statement) => send(connection, statement))]);
    const next = second(rowsOfEach);
    // A COMMIT after a failed statement only rolls back, without an error: the statement's own failure is what rejects.
    await Promise.all([next.statement && send(connection, next.statement), send(connection, 'commit')]);
    return next.result;
  } catch (error) {
    await send(connection, 'rollback').catch(() => {}); // a closed connection has no transaction left to roll back
    throw error;
  } finally {
    connection.release();
  }
}

/**
 * Sends a statement on a reserved connection now. postgres.js otherwise sends a query when something first awaits
 * it, and in a Promise.all that is not necessarily in the order given: a statement could go before its BEGIN.
 */
function send(connection: PostgresJsClient, statement: SQL | 'begin' | 'commit' | 'rollback'): Promise<unknown[]> {
  if (typeof statement === 'string') return connection.unsafe(statement).execute();
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return connection.unsafe(text, params, { prepare: true }).execute();
}

interface PostgresJsClient {
  unsafe(text: string, params?: unknown[], options?: { prepare: boolean }): Promise<unknown[]> & { execute(): Promise<unknown[]> };
}

/** The pool behind a database, as opposed to one of its transactions. */
interface PostgresJsPool extends PostgresJsClient {
  reserve(): Promise<PostgresJsClient & { release(): void }>;
}

type PreparingClient = PostgresJsClient | PostgresJsPool | { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> };

/** The driver's client behind a database or transaction: postgres.js (or its transaction) or PGlite. */
function clientOf(db: Db | Tx): PreparingClient {
  return (db._.session as unknown as { client: PreparingClient }).client;
}

async function queryPrepared<T>(client: PreparingClient, { sql: text, params }: { sql: string; params: unknown[] }): Promise<T[]> {
  if ('unsafe' in client) return client.unsafe(text, params, { prepare: true }) as Promise<T[]>;
  return (await client.query(text, params)).rows as T[];
}

/**
 * The CSV of a query straight from Postgres (`COPY (…) TO STDOUT`), as a stream of bytes with backpressure, when
 * the database is a real Postgres; undefined on PGlite, whose callers read through a cursor instead. COPY takes
 * no parameters, so they are written into the text as escaped literals.
 */
export async function copyCsvOut(db: Db | Tx, query: SQL): Promise<AsyncIterable<Buffer> | undefined> {
  const client = clientOf(db);
  if (!('unsafe' in client)) return undefined;
  const copying = client as unknown as { unsafe(text: string): { readable(): Promise<AsyncIterable<Buffer>> } };
  const { sql: text, params } = dialect.sqlToQuery(query);
  const inlined = text.replace(/\$(\d+)/g, (_, index: string) => literal(params[Number(index) - 1]));
  return copying.unsafe(`copy (${inlined}) to stdout with (format csv)`).readable();
}

/** An escape-string literal (E'…'): quotes and backslashes doubled, whatever standard_conforming_strings says. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  throw new TypeError(`a ${typeof value} cannot be written into a COPY statement`);
}
