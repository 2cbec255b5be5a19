import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import { findApiKey, type ApiKey } from '../services/api-keys.ts';
import { KeyUsageLog } from '../services/key-usage.ts';
import { problem } from './validate.ts';

export type ApiKeyEnv = { Variables: { apiKey: ApiKey } };

/**
 * Backend routes need `Authorization: Bearer KEY`. Keys are found by the SHA-256 of what was sent, so nothing
 * secret is compared byte by byte; known keys are cached briefly to keep the check off the hot path, and a
 * revocation takes effect within that time. When the cached entry expires under load, the requests that arrive
 * meanwhile share one lookup instead of each sending its own.
 */
export function requireApiKey({ db, clock }: AppDeps, options: { admin: boolean }): MiddlewareHandler<ApiKeyEnv> {
  const cache = new Map<string, { lookup: Promise<ApiKey | undefined>; until: number }>();
  const ttlMs = 5_000;
  const usage = new KeyUsageLog(db, 1_000, clock().getTime());

  function lookUp(sent: string, now: number): Promise<ApiKey | undefined> {
    const cached = cache.get(sent);
    if (cached && cached.until >= now) return cached.lookup;
    const lookup = findApiKey(db, sent);
    const entry = { lookup, until: now + ttlMs };
    cache.set(sent, entry);
    // Unknown keys and failed lookups are not remembered: the next request asks the database again.
    const forget = () => { if (cache.get(sent) === entry) cache.delete(sent); };
    lookup.then((found) => { if (!found) forget(); }, forget);
    return lookup;
  }

  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header);
    if (!match) return problem(c, 401, 'send an API key as "Authorization: Bearer KEY"');
    const now = clock().getTime();
    const key = await lookUp(match[1]!, now);
    if (!key) return problem(c, 401, 'this API key is unknown or revoked');
    if (options.admin && !key.admin) return problem(c, 403, 'this route needs an admin API key');
    c.set('apiKey', key);
    usage.note(key.id, now);
    await next();
  };
}
