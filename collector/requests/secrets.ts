import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Site } from '../../shared/config.ts';
import { constantTimeEqual } from '../services/hashing.ts';

/**
 * Keys for request data, derived from the site secret so an operator has nothing new to manage, and separate
 * per use so one leaking says nothing of the others. A database dump alone reveals no address, no code (a
 * six-digit code's plain hash could be brute-forced offline; a keyed one cannot) and no status link.
 * Rotating a site secret makes the contact data of its open requests unreadable: finish them first.
 */
interface SiteKeys { seal: Buffer; codes: Buffer; status: Buffer }
const cache = new Map<string, SiteKeys>();

function keysOf(site: Site): SiteKeys {
  let keys = cache.get(site.secret);
  if (!keys) {
    const derive = (use: string) => Buffer.from(hkdfSync('sha256', site.secret, 'cordon-requests', use, 32));
    keys = { seal: derive('seal'), codes: derive('codes'), status: derive('status') };
    cache.set(site.secret, keys);
  }
  return keys;
}

/** AES-256-GCM; the request id is bound in as associated data, so a sealed value cannot be moved to another row. */
export function seal(site: Site, boundTo: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keysOf(site).seal, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function unseal(site: Site, boundTo: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keysOf(site).seal, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function codeHash(site: Site, requestId: string, code: string): string {
  return createHmac('sha256', keysOf(site).codes).update(`${requestId}:${code}`).digest('base64url');
}

export function codeMatches(site: Site, requestId: string, code: string, storedHash: string): boolean {
  return constantTimeEqual(Buffer.from(codeHash(site, requestId, code)), Buffer.from(storedHash));
}

/**
 * The status link's secret is derived from the request id rather than stored, so it can be mailed again and a
 * database dump does not hold it.
 */
export function statusSecret(site: Site, requestId: string): string {
  return createHmac('sha256', keysOf(site).status).update(requestId).digest('base64url').slice(0, 32);
}

export function statusSecretMatches(site: Site, requestId: string, sent: string): boolean {
  return constantTimeEqual(Buffer.from(statusSecret(site, requestId)), Buffer.from(sent));
}
