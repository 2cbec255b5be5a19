import type { CordonConfig, Site } from '../shared/config.ts';
import type { OpenStores } from './datamap/stores.ts';
import type { Db } from './db/connect.ts';
import type { Fulfilment } from './requests/fulfilment.ts';
import type { Clock } from './services/clock.ts';

/** What every route and service is built from; tests build it with their own database and clock. */
export interface AppDeps {
  db: Db;
  config: CordonConfig;
  clock: Clock;
  /** The data map's stores, opened; none when the map is empty. */
  stores?: OpenStores;
  /** Carries verified requests out; unset, staff do it by hand. */
  fulfilment?: Fulfilment;
  /** Asks the request worker to look for newly verified requests now rather than at its next tick. */
  nudgeFulfilment?: () => void;
}

export function findSite(config: CordonConfig, id: string): Site | undefined {
  return config.sites.find((site) => site.id === id);
}
