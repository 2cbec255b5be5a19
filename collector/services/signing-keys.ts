import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { signingKeys } from '../db/schema.ts';
import { ConfigError } from '../config/load.ts';
import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './hashing.ts';
import { isSealed, seal, sealingKey, unseal } from './sealing.ts';

export interface SigningKey { id: string; privateKey: KeyObject }

type KeyRow = typeof signingKeys.$inferSelect;

/**
 * The collector's Ed25519 key, made on first use and kept in its database so every instance behind one database
 * signs with the same key. The newest signs; older ones stay, so what they signed can still be checked. With
 * `CORDON_SECRET_KEY` set, its private half is kept sealed by that secret.
 */
export async function currentSigningKey(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<SigningKey> {
  const sealing = sealingKey(env);
  const existing = await newestKey(db, sealing);
  if (existing) return existing;
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const id = keyId(publicKey);
  const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await db.insert(signingKeys).values({ id, publicKey, privateKey: sealing ? seal(privatePem, sealing, id) : privatePem }).onConflictDoNothing();
  return (await newestKey(db, sealing))!;
}

/**
 * At start-up: seals every private key still kept in the clear once `CORDON_SECRET_KEY` is set (an older key signs no
 * more, but while it is one of this collector's keys, whoever holds it could sign an attestation that checks out),
 * and opens the current key, making it if there is none, so a secret that does not open it stops the collector
 * there rather than at the first attestation.
 */
export async function prepareSigningKeys(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const sealing = sealingKey(env);
  for (const row of sealing ? await db.select().from(signingKeys) : []) {
    if (isSealed(row.privateKey)) continue;
    await db.update(signingKeys).set({ privateKey: seal(row.privateKey, sealing!, row.id) })
      .where(and(eq(signingKeys.id, row.id), eq(signingKeys.privateKey, row.privateKey)));
  }
  await currentSigningKey(db, env);
}

async function newestKey(db: Db, sealing: Buffer | undefined): Promise<SigningKey | undefined> {
  const [row] = await db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt), desc(signingKeys.id)).limit(1);
  return row && { id: row.id, privateKey: createPrivateKey(privatePemOf(row, sealing)) };
}

function privatePemOf(row: KeyRow, sealing: Buffer | undefined): string {
  if (!isSealed(row.privateKey)) return row.privateKey;
  if (!sealing) throw new ConfigError(`signing key ${row.id} is sealed: set CORDON_SECRET_KEY to the secret it was sealed with`);
  try {
    return unseal(row.privateKey, sealing, row.id);
  } catch {
    throw new ConfigError(`CORDON_SECRET_KEY does not open signing key ${row.id}: it was sealed with another secret`);
  }
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
