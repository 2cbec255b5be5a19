import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { apiKeys } from '../db/schema.ts';
import { audit } from './audit.ts';
import { sha256Hex } from './hashing.ts';

export interface ApiKey { id: string; name: string; admin: boolean }

/** Keys are random 256-bit secrets; only their SHA-256 is stored, so a lookup by hash is constant-time enough. */
export async function createApiKey(db: Db, options: { name: string; admin: boolean }): Promise<{ key: string; id: string }> {
  const id = `key_${randomBytes(6).toString('hex')}`;
  const key = `cordon_${options.admin ? 'admin' : 'live'}_${randomBytes(32).toString('base64url')}`;
  await db.transaction(async (tx) => {
    await tx.insert(apiKeys).values({ id, name: options.name, keyHash: sha256Hex(key), admin: options.admin });
    await audit(tx, { actor: 'cli', action: 'key.created', subject: id, detail: { name: options.name, admin: options.admin } });
  });
  return { key, id };
}

export async function findApiKey(db: Db, key: string): Promise<ApiKey | undefined> {
  const [row] = await db.select({ id: apiKeys.id, name: apiKeys.name, admin: apiKeys.admin }).from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256Hex(key)), isNull(apiKeys.revokedAt)));
  return row;
}
