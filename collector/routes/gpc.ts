import { Hono } from 'hono';
import { GpcSupport } from '../../shared/service.ts';
import type { AppDeps } from '../deps.ts';
import type { RouteGroup } from './openapi.ts';

export const gpcApi: RouteGroup = {
  operations: [{ method: 'get', path: '/.well-known/gpc.json', summary: 'Global Privacy Control support resource', response: GpcSupport }],
};

/** The GPC spec's support resource: this collector honours the signal. */
export function gpcRoutes({ config }: AppDeps) {
  return new Hono().get('/.well-known/gpc.json', (c) => c.json({ gpc: true, lastUpdate: config.gpcLastUpdate } satisfies GpcSupport));
}
