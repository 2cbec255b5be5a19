import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError } from '../config/load.ts';

const format = 'cordon-sealed/1';

/**
 * The key that seals the collector's own secrets in its database, derived from `CORDON_SECRET_KEY`, so that a copy
 * of the database (a backup, a dump) does not carry them; none when the variable is unset.
 */
export function sealingKey(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const secret = env.CORDON_SECRET_KEY;
  if (!secret) return undefined;
  if (secret.length < 32) throw new ConfigError('CORDON_SECRET_KEY must be at least 32 characters (for example the output of: openssl rand -base64 32)');
  return Buffer.from(hkdfSync('sha256', secret, '', 'cordon sealing key', 32));
}

export const isSealed = (stored: string) => stored.startsWith(`${format}:`);

/** AES-256-GCM; `context` (the row's id) is authenticated too, so a sealed value opens only in its own row. */
export function seal(plain: string, key: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [format, ...[iv, cipher.getAuthTag(), body].map((part) => part.toString('base64'))].join(':');
}

/** The sealed value's text; throws when the key or the context is not the one it was sealed with. */
export function unseal(stored: string, key: Buffer, context: string): string {
  const [iv, tag, body] = stored.slice(format.length + 1).split(':').map((part) => Buffer.from(part, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv!).setAAD(Buffer.from(context)).setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}
