import type { AddressInfo } from 'node:net';
import type { CordonConfig } from '../../shared/config.ts';
import { createApp } from '../../collector/app.ts';
import { dataMapFulfilment } from '../../collector/datamap/fulfilment.ts';
import { openStores } from '../../collector/datamap/stores.ts';
import { listen } from '../../collector/server.ts';
import type { AppDeps } from '../../collector/deps.ts';
import { systemClock, type Clock } from '../../collector/services/clock.ts';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { testConfig } from './fixtures.ts';

export interface RunningCollector {
  url: string;
  deps: AppDeps;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface CollectorOptions {
  config?: CordonConfig | ((database: TestDatabase) => CordonConfig);
  clock?: Clock;
  /** Creates the stores' tables before the data map is opened over them. */
  prepare?: (database: TestDatabase) => Promise<void>;
}

/** A real collector on a real HTTP port, over its own fresh database, with the data map's stores when it has any. */
export async function startCollector(kind: DatabaseKind, options: CollectorOptions = {}): Promise<RunningCollector> {
  const database = await openTestDatabase(kind);
  try {
    await options.prepare?.(database);
  } catch (error) {
    // A database left open keeps the test file's process alive: the failure would hang instead of being reported.
    await database.drop();
    throw error;
  }
  const config = typeof options.config === 'function' ? options.config(database) : options.config ?? testConfig();
  const stores = openStores(config, database.db);
  const fulfilment = stores.list.length > 0 ? dataMapFulfilment(config, stores) : undefined;
  const deps: AppDeps = { db: database.db, config, clock: options.clock ?? systemClock, stores, fulfilment };
  const app = createApp(deps);
  const server = await listen(app.fetch, 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stores.close();
      await database.drop();
    },
  };
}
