import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { lockDataDir } from './pglite-lock.ts';
import * as schema from './schema.ts';

/** The one database type every service takes, whether PGlite or a real Postgres is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
/** Any 64-bit number unique to Cordon: collectors starting together take turns to migrate. */
const migrationLockId = 0x636f72646f6e;

export async function openDatabase(options: { url?: string; dataDir: string; poolSize?: number }): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 20) : openPglite(options.dataDir);
}

/** PGlite (a whole Postgres in WebAssembly) is loaded only when used: a collector on a real Postgres never needs it. */
async function openPglite(dataDir: string): Promise<Database> {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'), import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator'),
  ]);
  const onDisk = dataDir !== 'memory://';
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const unlock = onDisk ? lockDataDir(dataDir) : () => {};
  try {
    const client = new PGlite(dataDir);
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    return { db: db as unknown as Db, kind: 'pglite', close: () => client.close().finally(unlock) };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  await migrateUnderLock(url);
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'cordon' } });
  const db = drizzlePostgres(client, { schema });
  return { db: db as unknown as Db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/** One connection, so the session-level advisory lock covers every statement of the migration. */
async function migrateUnderLock(url: string): Promise<void> {
  const connection = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await connection`select pg_advisory_lock(${migrationLockId})`;
    await migratePostgres(drizzlePostgres(connection, { schema }), { migrationsFolder });
  } finally {
    await connection.end({ timeout: 5 });
  }
}
