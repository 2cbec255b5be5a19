import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import type { CordonConfig } from '../shared/config.ts';
import { createApp } from './app.ts';
import { checkStoresAgainstCatalog } from './datamap/catalog.ts';
import { dataMapFulfilment } from './datamap/fulfilment.ts';
import { openStores } from './datamap/stores.ts';
import { openDatabase, type Database } from './db/connect.ts';
import type { AppDeps } from './deps.ts';
import { defaultOutboxOptions, startOutboxWorker } from './outbox/worker.ts';
import { requestDestinations } from './requests/queue.ts';
import { startRequestWorkers } from './requests/worker.ts';
import { systemClock } from './services/clock.ts';
import { createIngestPressure } from './services/ingest-pressure.ts';
import { prepareSigningKeys } from './services/signing-keys.ts';

export interface ServerOptions {
  config: CordonConfig;
  port: number;
  databaseUrl?: string;
  dataDir: string;
  /** Runs before the data map is checked against the stores: the demo creates its shop's tables here. */
  prepareStores?: (database: Database) => Promise<void>;
}

export interface RunningServer {
  database: Database;
  server: ServerType;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  const stores = openStores(options.config, database.db);
  try {
    await prepareSigningKeys(database.db);
    await options.prepareStores?.(database);
    await checkStoresAgainstCatalog(stores.list);
  } catch (error) {
    await stores.close();
    await database.close();
    throw error;
  }
  const fulfilment = stores.list.length > 0 ? dataMapFulfilment(options.config, stores) : undefined;
  let nudge = () => {};
  const deps: AppDeps = { db: database.db, config: options.config, clock: systemClock, stores, fulfilment, nudgeFulfilment: () => nudge() };
  const pressure = createIngestPressure();
  const app = createApp(deps, pressure);
  const server = await listen(app.fetch, options.port);
  // Port 0 asks for a free port: links in mail must name the one we got.
  const port = (server.address() as AddressInfo).port;
  const worker = startOutboxWorker({ ...deps, pressure }, defaultOutboxOptions, requestDestinations);
  const requestWorkers = startRequestWorkers(deps, { fallbackBase: `http://localhost:${port}`, fulfilment });
  nudge = requestWorkers.nudge;
  return {
    database,
    server,
    url: `http://localhost:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await requestWorkers.stop();
      await stores.close();
      await database.close();
    },
  };
}

/** An HTTP server on every address, answered by a fetch handler; port 0 picks a free one. */
export function listen(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port }, () => resolve(server));
  });
}
