import type { MiddlewareHandler } from 'hono';

/**
 * For sites' own Hono servers: `c.get('gpc')` is true exactly when the request carries `Sec-GPC: 1`
 * (the spec ignores every other value).
 */
export function readGpcHeader(): MiddlewareHandler<{ Variables: { gpc: boolean } }> {
  return async (c, next) => {
    c.set('gpc', c.req.header('sec-gpc') === '1');
    await next();
  };
}
