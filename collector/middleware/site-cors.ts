import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { CordonConfig } from '../../shared/config.ts';

/** CORS for browser-facing routes: only origins some configured site declares. */
export function siteCors(config: CordonConfig): MiddlewareHandler {
  const allowed = new Set(config.sites.flatMap((site) => site.origins.map(originOf)));
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

/** A browser's Origin header must belong to the site its body names; a missing header is a server or beacon. */
export function originMatchesSite(origin: string | undefined, siteOrigins: string[]): boolean {
  return origin === undefined || siteOrigins.some((siteOrigin) => originOf(siteOrigin) === origin);
}
