import { Hono } from 'hono';
import { z } from 'zod';
import { verifySignature } from '../../collector/outbox/signing.ts';
import { demoPartner, demoVendors, type DemoVendorHost } from '../site-config.ts';
import { vendorFrame, vendorTag } from './tags.ts';

export interface VendorHit {
  at: string;
  vendor: DemoVendorHost;
  method: string;
  path: string;
}

/** A deletion or correction notice as the partner logs it: which message, about what; never who. */
export interface PartnerNotice { at: string; id: string; topic: 'delete' | 'correct' }
const Notice = z.looseObject({ id: z.string().min(1).max(200), topic: z.enum(['delete', 'correct']) });

const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const vendorHosts = new Set<string>(demoVendors.map((vendor) => vendor.host));

/**
 * One server for every fake vendor, told apart by the `Host` header (`ads.localhost:8788`, …). It keeps a log of
 * every request that actually arrived, which is the proof the demo panel and the browser tests read.
 */
export function vendorServer() {
  const hits: VendorHit[] = [];
  const notices: PartnerNotice[] = [];
  const app = new Hono();
  // The service provider checks the signature as a real one would, and acknowledges what it carried out.
  app.post(demoPartner.path, async (c) => {
    const body = await c.req.text();
    if (!verifySignature(demoPartner.secret, body, c.req.header('cordon-signature') ?? '', new Date())) return c.json({ error: 'bad signature' }, 401);
    const notice = Notice.safeParse(parseJson(body));
    if (!notice.success) return c.json({ error: 'not a deletion or correction notice' }, 400);
    const { id, topic } = notice.data;
    if (!notices.some((seen) => seen.id === id)) notices.push({ at: new Date().toISOString(), id, topic });
    return c.json({ received: id, done: topic === 'delete' ? 'deleted' : 'corrected' });
  });
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
    notices: (): readonly PartnerNotice[] => notices,
    reset: () => void hits.splice(0),
  };
}
export type VendorServer = ReturnType<typeof vendorServer>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const vendorOf = (host: string | undefined) => (host ?? '').split('.')[0] as DemoVendorHost;
const originOf = (url: string) => new URL(url).origin;
