import { constantTimeEqual, hmacSha256 } from '../services/hashing.ts';

/**
 * `Cordon-Signature: t=UNIX,v1=HEX` where v1 = HMAC-SHA256(secret, "t.body"). The time inside the signed text
 * lets a partner refuse replays of old messages.
 */
export function signatureHeader(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmacSha256(secret, `${t}.${body}`).toString('hex')}`;
}

/** What a partner runs to check a message (tests use it as the partner would). */
export function verifySignature(secret: string, body: string, header: string, now: Date, toleranceSeconds = 300): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return constantTimeEqual(Buffer.from(match[2]!, 'hex'), hmacSha256(secret, `${t}.${body}`));
}
