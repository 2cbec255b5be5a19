import { Hono } from 'hono';
import { describeDatabaseError, isDatabaseUnavailable } from './db/errors.ts';
import type { AppDeps } from './deps.ts';
import { adminRoutes } from './routes/admin.ts';
import { consoleRoutes } from './routes/console.ts';
import { gpcRoutes } from './routes/gpc.ts';
import { healthRoutes } from './routes/health.ts';
import { identifyRoutes } from './routes/identify.ts';
import { noticeRoutes } from './routes/notice.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { recordRoutes } from './routes/records.ts';
import { requestRoutes } from './routes/requests.ts';
import { scriptRoutes } from './routes/script.ts';
import { statusRoutes } from './routes/status.ts';
import { createIngestPressure, type IngestPressure } from './services/ingest-pressure.ts';

/** `pressure` is where the records route reports saturation; the server shares it with its outbox worker. */
export function createApp(deps: AppDeps, pressure: IngestPressure = createIngestPressure()) {
  const app = new Hono();
  app.onError((error, c) => {
    if (isDatabaseUnavailable(error)) {
      c.header('retry-after', '1');
      return c.json({ error: 'the database is unavailable; nothing was stored, try again' }, 503);
    }
    // No request data in the log line: bodies may carry personal information.
    // Nor Drizzle's wrapper message: it repeats the query's parameters.
    console.error(`cordon: ${c.req.method} ${c.req.routePath} failed: ${error.name}: ${describeDatabaseError(error)}`);
    return c.json({ error: 'internal error' }, 500);
  });
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.route('/', healthRoutes(deps));
  app.route('/', gpcRoutes(deps));
  app.route('/', recordRoutes(deps, pressure));
  app.route('/', identifyRoutes(deps));
  app.route('/', noticeRoutes(deps));
  app.route('/', statusRoutes(deps));
  app.route('/', openApiRoutes());
  app.route('/', requestRoutes(deps));
  app.route('/', scriptRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', consoleRoutes());
  return app;
}
