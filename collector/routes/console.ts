import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { problem } from '../middleware/validate.ts';
import type { RouteGroup } from './openapi.ts';

const distDir = new URL('../../dist/console/', import.meta.url);
/**
 * Every file `vite build --mode console` writes: the module the page loads, its stylesheet, and the dashboard's charts
 * (Chart.js), a chunk of its own that console.js asks for with import() only when a chart is shown.
 */
export const consoleAssets = {
  'console.js': 'text/javascript; charset=utf-8', 'console.css': 'text/css; charset=utf-8', 'charts.js': 'text/javascript; charset=utf-8',
} as const;
type Asset = keyof typeof consoleAssets;

const consolePageSummary = 'The privacy-ops console (sign in with an admin API key)';
export const consoleApi: RouteGroup = {
  operations: [
    { method: 'get', path: '/console', summary: consolePageSummary, response: 'text/html' },
    { method: 'get', path: '/console/', summary: consolePageSummary, response: 'text/html' },
    { method: 'get', path: '/console/:file', params: { file: z.enum(Object.keys(consoleAssets) as Asset[]) }, summary: 'The console\'s scripts (console.js, and charts.js that its dashboard loads) and stylesheet', response: ['text/javascript', 'text/css'] },
  ],
};

/**
 * The console's page: markup and its own script (an ES module, so deferred) and stylesheet, nothing inline. Its data
 * comes from /v1/admin/* on this origin with the key the person signs in with, which the script keeps in
 * sessionStorage only.
 */
const consolePolicy = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const consolePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cordon privacy console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/console.css">
<script type="module" src="/console/console.js"></script>
</head>
<body>
<div id="console"></div>
<noscript>The privacy console needs JavaScript.</noscript>
</body>
</html>
`;

/** `GET /console`: the privacy-ops console, built by `npm run build` into dist/console/ and read once. */
export function consoleRoutes() {
  const cache = new Map<Asset, Promise<{ body: string; etag: string }>>();
  const read = (file: Asset) => {
    if (!cache.has(file)) {
      cache.set(file, readFile(new URL(file, distDir), 'utf8').then((body) => ({ body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` })));
    }
    return cache.get(file)!;
  };
  const page = (c: Context) => {
    secure(c);
    c.header('cache-control', 'no-store');
    return c.html(consolePage);
  };
  return new Hono()
    .get('/console', page)
    .get('/console/', page)
    .get('/console/:file', async (c) => {
      const file = c.req.param('file');
      if (!(file in consoleAssets)) return problem(c, 404, `no console file "${file}"`);
      try {
        const { body, etag } = await read(file as Asset);
        secure(c);
        c.header('etag', etag);
        c.header('cache-control', 'no-cache');
        if (c.req.header('if-none-match') === etag) return c.body(null, 304);
        c.header('content-type', consoleAssets[file as Asset]);
        return c.body(body);
      } catch (error) {
        cache.delete(file as Asset);
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return problem(c, 503, `the console is not built: run "npm run build" (missing dist/console/${file})`);
      }
    });
}

function secure(c: Context) {
  c.header('content-security-policy', consolePolicy);
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'no-referrer');
}
