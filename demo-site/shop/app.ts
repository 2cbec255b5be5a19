import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { Hono } from 'hono';
import { z } from 'zod';
import { readMail } from '../../collector/requests/mailer.ts';
import type { Db } from '../../collector/db/connect.ts';
import type { CordonConfig } from '../../shared/config.ts';
import type { VendorServer } from '../vendors/server.ts';
import { accounts } from './account.ts';
import { checkoutPage, homePage, inboxPage, privacyPage, productPage, type PageContext } from './pages.ts';

export interface ShopOptions {
  collectorUrl: string;
  vendorPort: number;
  vendors: VendorServer;
  db: Db;
  config: CordonConfig;
}

const scripts = ['panel', 'checkout', 'privacy'] as const;
const InboxQuery = z.strictObject({ request: z.uuid().optional() });

/** The demo shop: pages under a strict CSP, its own scripts (TypeScript, compiled once at start) and the vendor log. */
export function shopApp(options: ShopOptions) {
  const context: PageContext = {
    collectorUrl: options.collectorUrl,
    vendorUrl: (host) => `http://${host}.localhost:${options.vendorPort}`,
  };
  const compiled = new Map(scripts.map((name) => [`${name}.js`, compileAsset(name)]));
  const css = readFileSync(new URL('./assets/shop.css', import.meta.url), 'utf8');
  const csp = strictCsp(options.collectorUrl, `http://*.localhost:${options.vendorPort}`);

  const account = accounts({ db: options.db, context, siteSecret: demoSite(options.config).secret });
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('content-security-policy', csp);
  });
  app.get('/', (c) => c.html(homePage(context)));
  app.get('/product', (c) => c.html(productPage(context, c.req.query('id'))));
  app.get('/checkout', (c) => c.html(checkoutPage(context)));
  app.get('/privacy', async (c) => c.html(privacyPage(context, await account.signedIn(c))));
  app.route('/', account.routes);
  app.get('/inbox', async (c) => {
    const query = InboxQuery.safeParse(c.req.query());
    if (!query.success) return c.text('?request= is a request id (a UUID), or leave it out for all recent mail', 400);
    const requestId = query.data.request;
    return c.html(inboxPage(context, await readMail(options.db, options.config, { requestId, limit: 20 }), requestId));
  });
  app.get('/assets/shop.css', (c) => c.body(css, 200, { 'content-type': 'text/css; charset=utf-8' }));
  app.get('/assets/:file', (c) => {
    const code = compiled.get(c.req.param('file'));
    return code ? c.body(code, 200, { 'content-type': 'text/javascript; charset=utf-8' }) : c.notFound();
  });
  app.get('/api/vendor-log', (c) => c.json(options.vendors.hits()));
  app.post('/api/vendor-log/reset', (c) => {
    options.vendors.reset();
    return c.body(null, 204);
  });
  return app;
}

function demoSite(config: CordonConfig) {
  const site = config.sites.find((candidate) => candidate.id === 'demo');
  if (!site) throw new Error('the demo shop needs the site "demo" in the configuration');
  return site;
}

/** No inline script or style anywhere, and scripts only from the shop, the collector and the vendors. */
function strictCsp(collectorUrl: string, vendors: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${collectorUrl} ${vendors}`,
    `connect-src 'self' ${collectorUrl} ${vendors}`,
    `img-src 'self' data: ${vendors}`,
    `frame-src ${vendors}`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function compileAsset(name: string): string {
  const source = readFileSync(new URL(`./assets/${name}.ts`, import.meta.url), 'utf8');
  return transformSync(source, { loader: 'ts', format: 'iife', target: 'es2020' }).code;
}
