import type { CordonConfig, Site } from '../shared/config.ts';
import type { Db } from './db/connect.ts';
import type { Clock } from './services/clock.ts';

/** What every route and service is built from; tests build it with their own database and clock. */
export interface AppDeps {
  db: Db;
  config: CordonConfig;
  clock: Clock;
}

export function findSite(config: CordonConfig, id: string): Site | undefined {
  return config.sites.find((site) => site.id === id);
}
