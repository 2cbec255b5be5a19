import { Hono } from 'hono';
import { demoVendors, type DemoVendorHost } from '../site-config.ts';
import { vendorFrame, vendorTag } from './tags.ts';

export interface VendorHit {
  at: string;
  vendor: DemoVendorHost;
  method: string;
  path: string;
}

const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const vendorHosts = new Set<string>(demoVendors.map((vendor) => vendor.host));

/**
 * One server for every fake vendor, told apart by the `Host` header (`ads.localhost:8788`, …). It keeps a log of
 * every request that actually arrived, which is the proof the demo panel and the browser tests read.
 */
export function vendorServer() {
  const hits: VendorHit[] = [];
  const app = new Hono();
  app.use(async (c, next) => {
    const vendor = (c.req.header('host') ?? '').split('.')[0] ?? '';
    if (!vendorHosts.has(vendor)) return c.text('not a demo vendor host', 404);
    hits.push({ at: new Date().toISOString(), vendor: vendor as DemoVendorHost, method: c.req.method, path: new URL(c.req.url).pathname });
    c.header('access-control-allow-origin', '*');
    c.header('cross-origin-resource-policy', 'cross-origin');
    c.header('cache-control', 'no-store');
    await next();
  });
  app.get('/:file{.+\\.js}', (c) => c.body(vendorTag(vendorOf(c.req.header('host')), originOf(c.req.url)), 200, { 'content-type': 'text/javascript' }));
  app.get('/:file{.+\\.html}', (c) => c.html(vendorFrame(vendorOf(c.req.header('host')))));
  app.get('/:file{.+\\.gif}', (c) => c.body(gif, 200, { 'content-type': 'image/gif' }));
  app.all('*', (c) => c.body(null, 204));
  return {
    fetch: app.fetch,
    hits: (): readonly VendorHit[] => hits,
    reset: () => void hits.splice(0),
  };
}
export type VendorServer = ReturnType<typeof vendorServer>;

const vendorOf = (host: string | undefined) => (host ?? '').split('.')[0] as DemoVendorHost;
const originOf = (url: string) => new URL(url).origin;
