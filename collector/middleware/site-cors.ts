import type { MiddlewareHandler } from 'hono';
import type { CordonConfig } from '../../shared/config.ts';

const allowMethods = 'GET,POST,OPTIONS';
const allowHeaders = 'Content-Type';
const maxAgeSeconds = '600';

/**
 * CORS for browser-facing routes: only origins some configured site declares. Headers are set before the
 * handler runs, so they go into the response it builds; Hono's cors middleware adds Vary afterwards, which
 * rebuilds the whole response on every request.
 */
export function siteCors(config: CordonConfig): MiddlewareHandler {
  const allowed = new Set(config.sites.flatMap((site) => site.origins.map(originOf)));
  return async (c, next) => {
    const origin = c.req.header('origin') ?? '';
    if (allowed.has(origin)) c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method !== 'OPTIONS') return next();
    c.header('Access-Control-Max-Age', maxAgeSeconds);
    c.header('Access-Control-Allow-Methods', allowMethods);
    c.header('Access-Control-Allow-Headers', allowHeaders);
    c.header('Vary', 'Access-Control-Request-Headers', { append: true });
    return c.body(null, 204);
  };
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

/** A browser's Origin header must belong to the site its body names; a missing header is a server or beacon. */
export function originMatchesSite(origin: string | undefined, siteOrigins: string[]): boolean {
  return origin === undefined || siteOrigins.some((siteOrigin) => originOf(siteOrigin) === origin);
}
