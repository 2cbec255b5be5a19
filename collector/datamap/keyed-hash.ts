import { createHmac, hkdfSync } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Site } from '../../shared/config.ts';

/**
 * Keyed hashes (HMAC-SHA256) of identities and de-identified values, derived from the site secret per use. The
 * same HMAC is computed inside the database too (Postgres has sha256() built in, PGlite as well, no pgcrypto
 * needed), so a restored backup can be searched for a deleted consumer without the clear value ever being stored.
 */
export type HashUse = 'journal' | 'suppression' | 'deidentify';

const keys = new Map<string, Buffer>();
function keyOf(site: Site, use: HashUse): Buffer {
  const id = `${site.secret}\u0000${use}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', site.secret, 'cordon-datamap', use, 32));
    keys.set(id, key);
  }
  return key;
}

export function keyedHash(site: Site, use: HashUse, value: string): string {
  return createHmac('sha256', keyOf(site, use)).update(value, 'utf8').digest('hex');
}

/** HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), with the padded keys passed as parameters: hex text, as keyedHash gives. */
export function keyedHashSql(site: Site, use: HashUse, value: SQL): SQL {
  const block = Buffer.alloc(64);
  keyOf(site, use).copy(block);
  // As hex text decoded by the database: PGlite takes bytea parameters only as bytes, postgres.js also as text.
  const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte)).toString('hex');
  return sql`encode(sha256(decode(${pad(0x5c)}, 'hex') || sha256(decode(${pad(0x36)}, 'hex') || convert_to(${value}, 'UTF8'))), 'hex')`;
}

/** The normal form of an address, as every list keyed by email uses it. */
export const normalEmail = (email: string) => email.trim().toLowerCase();
