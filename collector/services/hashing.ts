import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hmacSha256(secret: string, text: string): Buffer {
  return createHmac('sha256', secret).update(text).digest();
}

export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Emails are matched by the hash of their trimmed, lower-cased form and never stored in the clear. */
export function emailHash(email: string): string {
  return sha256Hex(email.trim().toLowerCase());
}
