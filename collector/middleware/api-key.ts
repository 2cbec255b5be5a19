import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import { findApiKey, type ApiKey } from '../services/api-keys.ts';
import { KeyUsageLog } from '../services/key-usage.ts';
import { problem } from './validate.ts';

export type ApiKeyEnv = { Variables: { apiKey: ApiKey } };

/**
 * Backend routes need `Authorization: Bearer KEY`. Keys are found by the SHA-256 of what was sent, so nothing
 * secret is compared byte by byte; known keys are cached briefly to keep the check off the hot path, and a
 * revocation takes effect within that time.
 */
export function requireApiKey({ db, clock }: AppDeps, options: { admin: boolean }): MiddlewareHandler<ApiKeyEnv> {
  const cache = new Map<string, { key: ApiKey; until: number }>();
  const ttlMs = 5_000;
  const usage = new KeyUsageLog(db, 1_000, clock().getTime());
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header);
    if (!match) return problem(c, 401, 'send an API key as "Authorization: Bearer KEY"');
    const sent = match[1]!;
    const now = clock().getTime();
    let key = cache.get(sent);
    if (!key || key.until < now) {
      const found = await findApiKey(db, sent);
      if (!found) {
        cache.delete(sent);
        return problem(c, 401, 'this API key is unknown or revoked');
      }
      key = { key: found, until: now + ttlMs };
      cache.set(sent, key);
    }
    if (options.admin && !key.key.admin) return problem(c, 403, 'this route needs an admin API key');
    c.set('apiKey', key.key);
    usage.note(key.key.id, now);
    await next();
  };
}
