import { z } from 'zod';
import type { Site } from '../../shared/config.ts';
import { constantTimeEqual, hmacSha256 } from './hashing.ts';

const TokenPayload = z.strictObject({
  account: z.string().min(1).max(256),
  exp: z.number().int().positive(),
  email: z.email().max(320).optional(),
});
export type AccountToken = z.infer<typeof TokenPayload>;

/**
 * A site's backend vouches for a logged-in account with base64url(JSON payload) + "." + base64url(HMAC-SHA256
 * of that first part with the site secret). Returns the payload when the signature holds and it has not expired.
 */
export function verifyAccountToken(site: Site, token: string, now: Date): AccountToken | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  if (!constantTimeEqual(Buffer.from(signature, 'base64url'), hmacSha256(site.secret, body))) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = TokenPayload.safeParse(payload);
  if (!parsed.success || parsed.data.exp * 1000 <= now.getTime()) return undefined;
  return parsed.data;
}

/** What a site's backend runs to mint a token (the README shows the same three lines). */
export function signAccountToken(secret: string, payload: AccountToken): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${hmacSha256(secret, body).toString('base64url')}`;
}
