import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { CordonConfig } from '../../shared/config.ts';
import type { Store } from '../../shared/datamap.ts';
import type { Db } from '../db/connect.ts';

/** A registered data store, opened: its map and a connection to run its queries on. */
export interface OpenStore {
  store: Store;
  db: Db;
  /** True when the store lives in the collector's own database (its own schema there). */
  shared: boolean;
  /** Why the store could not be opened (an unset env:NAME); the catalog check reports it with the map's other issues. */
  problem?: string;
}

export interface OpenStores {
  list: OpenStore[];
  get(id: string): OpenStore | undefined;
  close(): Promise<void>;
}

/** The connection URL a store names, read from the environment for env:NAME; undefined for the collector's own database. */
export function storeUrl(store: Store, env: NodeJS.ProcessEnv = process.env): { url?: string; problem?: string } {
  if (!store.url?.startsWith('env:')) return { url: store.url };
  const name = store.url.slice(4);
  const value = env[name];
  return value ? { url: value } : { problem: `the environment variable ${name} is not set` };
}

/**
 * Opens every store of the map; one without a URL shares the collector's own database. Connections open lazily,
 * so a store that cannot be reached is found by the catalog check, which every caller runs before using them.
 */
export function openStores(config: CordonConfig, collectorDb: Db, env: NodeJS.ProcessEnv = process.env): OpenStores {
  const clients: postgres.Sql[] = [];
  const list = config.stores.map((store): OpenStore => {
    const { url, problem } = storeUrl(store, env);
    if (problem) return { store, db: collectorDb, shared: false, problem };
    if (!url) return { store, db: collectorDb, shared: true };
    const client = postgres(url, { max: 4, onnotice: () => {}, connection: { application_name: `cordon-store-${store.id}` } });
    clients.push(client);
    return { store, db: drizzle(client) as unknown as Db, shared: false };
  });
  return {
    list,
    get: (id) => list.find((open) => open.store.id === id),
    close: async () => {
      await Promise.all(clients.map((client) => client.end({ timeout: 5 })));
    },
  };
}
