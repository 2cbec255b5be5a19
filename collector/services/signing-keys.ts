import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { signingKeys } from '../db/schema.ts';
import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './hashing.ts';

export interface SigningKey { id: string; privateKey: KeyObject }

/**
 * The collector's Ed25519 key, made on first use and kept in its database so every instance behind one database
 * signs with the same key. The newest signs; older ones stay, so what they signed can still be checked.
 */
export async function currentSigningKey(db: Db): Promise<SigningKey> {
  const existing = await newestKey(db);
  if (existing) return existing;
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await db.insert(signingKeys).values({
    id: keyId(publicKey), publicKey, privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }).onConflictDoNothing();
  return (await newestKey(db))!;
}

async function newestKey(db: Db): Promise<SigningKey | undefined> {
  const [row] = await db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt), desc(signingKeys.id)).limit(1);
  return row && { id: row.id, privateKey: createPrivateKey(row.privateKey) };
}

export async function publicKeyById(db: Db, id: string): Promise<KeyObject | undefined> {
  const [row] = await db.select({ publicKey: signingKeys.publicKey }).from(signingKeys).where(eq(signingKeys.id, id));
  return row && createPublicKey(row.publicKey);
}

function keyId(publicKeyPem: string): string {
  return sha256Hex(publicKeyPem).slice(0, 16);
}

export function signValue(value: unknown, key: SigningKey): string {
  return sign(null, Buffer.from(canonicalJson(value)), key.privateKey).toString('base64');
}

export function signatureHolds(value: unknown, signature: string, publicKey: KeyObject): boolean {
  return verify(null, Buffer.from(canonicalJson(value)), publicKey, Buffer.from(signature, 'base64'));
}
