import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import type { CordonConfig } from '../shared/config.ts';
import { createApp } from './app.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { defaultOutboxOptions, startOutboxWorker } from './outbox/worker.ts';
import { requestDestinations } from './requests/queue.ts';
import { startRequestWorkers } from './requests/worker.ts';
import { systemClock } from './services/clock.ts';

export interface ServerOptions {
  config: CordonConfig;
  port: number;
  databaseUrl?: string;
  dataDir: string;
}

export interface RunningServer {
  database: Database;
  server: ServerType;
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  const deps = { db: database.db, config: options.config, clock: systemClock };
  const app = createApp(deps);
  const worker = startOutboxWorker(deps, defaultOutboxOptions, requestDestinations);
  const requestWorkers = startRequestWorkers(deps, { fallbackBase: `http://localhost:${options.port}` });
  const server = await new Promise<ServerType>((resolve) => {
    const running = serve({ fetch: app.fetch, port: options.port }, () => resolve(running));
  });
  return {
    database,
    server,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await requestWorkers.stop();
      await database.close();
    },
  };
}
