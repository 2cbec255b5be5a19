import type { AddressInfo } from 'node:net';
import type { CordonConfig } from '../../shared/config.ts';
import { createApp } from '../../collector/app.ts';
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

/** A real collector on a real HTTP port, over its own fresh database. */
export async function startCollector(kind: DatabaseKind, options: { config?: CordonConfig; clock?: Clock } = {}): Promise<RunningCollector> {
  const database = await openTestDatabase(kind);
  const deps: AppDeps = { db: database.db, config: options.config ?? testConfig(), clock: options.clock ?? systemClock };
  const app = createApp(deps);
  const server = await listen(app.fetch, 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
    },
  };
}
