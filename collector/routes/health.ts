import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { Health } from '../../shared/service.ts';
import type { AppDeps } from '../deps.ts';
import type { RouteGroup } from './openapi.ts';

export const healthApi: RouteGroup = {
  operations: [{ method: 'get', path: '/healthz', summary: 'Liveness and database reachability (503 when the database is down)', response: Health }],
};

export function healthRoutes({ db }: AppDeps) {
  return new Hono().get('/healthz', async (c) => {
    try {
      await db.execute(sql`select 1`);
      return c.json({ ok: true, database: 'up' } satisfies Health);
    } catch {
      return c.json({ ok: false, database: 'down' } satisfies Health, 503);
    }
  });
}
