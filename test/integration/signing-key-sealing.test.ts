import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { signingKeys } from '../../collector/db/schema.ts';
import { currentSigningKey, publicKeyById, prepareSigningKeys, signatureHolds, signValue } from '../../collector/services/signing-keys.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';

const secret = { CORDON_SECRET_KEY: 'a'.repeat(16) + 'b'.repeat(16) };
const otherSecret = { CORDON_SECRET_KEY: 'c'.repeat(40) };
const unset = {};
const attestation = { request: { id: 'r1' }, done: ['deleted'] };

/** Drizzle wraps the database's error; the reason is the cause's message. */
async function refusedBecause(query: PromiseLike<unknown>, reason: RegExp): Promise<void> {
  await assert.rejects(Promise.resolve(query), (error: Error) => reason.test(String((error.cause as Error | undefined)?.message ?? error.message)));
}

for (const kind of databaseKinds) {
  describe(`the attestation signing key at rest, on ${kind}`, () => {
    let database: TestDatabase;
    const storedKeys = () => database.db.select().from(signingKeys);

    /** Signs with the collector's current key and checks the signature with the public key it publishes. */
    async function signsVerifiably(env: NodeJS.ProcessEnv): Promise<string> {
      const key = await currentSigningKey(database.db, env);
      const publicKey = await publicKeyById(database.db, key.id);
      assert.ok(publicKey);
      assert.equal(signatureHolds(attestation, signValue(attestation, key), publicKey), true);
      return key.id;
    }

    before(async () => {
      database = await openTestDatabase(kind);
    });
    after(() => database.drop());

    test('without CORDON_SECRET_KEY the key is kept as a PEM, as before', async () => {
      await signsVerifiably(unset);
      const [row] = await storedKeys();
      assert.match(row!.privateKey, /BEGIN PRIVATE KEY/);
    });

    test('once the secret is set, the key already there is sealed in place and keeps signing under its own id', async () => {
      const [before] = await storedKeys();
      await prepareSigningKeys(database.db, secret);
      const rows = await storedKeys();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.id, before!.id);
      assert.doesNotMatch(rows[0]!.privateKey, /PRIVATE KEY|MC4CAQAwBQYDK2Vw/);
      assert.equal(await signsVerifiably(secret), before!.id);
      await prepareSigningKeys(database.db, secret);
      assert.equal((await storedKeys())[0]!.privateKey, rows[0]!.privateKey, 'a sealed key is not sealed twice');
    });

    test('a sealed key does not open without the secret, nor with another one; both errors name the key', async () => {
      const [row] = await storedKeys();
      await assert.rejects(currentSigningKey(database.db, unset), new RegExp(`signing key ${row!.id} is sealed: set CORDON_SECRET_KEY`));
      await assert.rejects(currentSigningKey(database.db, otherSecret), new RegExp(`CORDON_SECRET_KEY does not open signing key ${row!.id}`));
      await assert.rejects(prepareSigningKeys(database.db, otherSecret), /does not open signing key/);
    });

    test('a sealed value copied into another key row does not open there', async () => {
      const [row] = await storedKeys();
      await database.db.insert(signingKeys).values({ id: 'ffffffffffffffff', publicKey: row!.publicKey, privateKey: row!.privateKey, createdAt: new Date(Date.now() + 60_000) });
      await assert.rejects(currentSigningKey(database.db, secret), /does not open signing key ffffffffffffffff/);
    });

    test('the database refuses any other change to a key, and deleting one', async () => {
      const [row] = await storedKeys();
      await refusedBecause(database.db.update(signingKeys).set({ publicKey: 'swapped' }).where(eq(signingKeys.id, row!.id)), /signing_keys is append-only: UPDATE refused/);
      await refusedBecause(database.db.update(signingKeys).set({ privateKey: 'cordon-sealed/1:resealed' }).where(eq(signingKeys.id, row!.id)), /append-only: UPDATE refused/);
      await refusedBecause(database.db.delete(signingKeys).where(eq(signingKeys.id, row!.id)), /append-only: DELETE refused/);
    });

    test('a secret shorter than 32 characters is refused by name', async () => {
      await assert.rejects(prepareSigningKeys(database.db, { CORDON_SECRET_KEY: 'short' }), /CORDON_SECRET_KEY must be at least 32 characters/);
    });
  });
}

describe('a new key made while the secret is set', () => {
  test('is sealed from the start', async () => {
    const database = await openTestDatabase('pglite');
    try {
      const key = await currentSigningKey(database.db, secret);
      const [row] = await database.db.select().from(signingKeys);
      assert.equal(row!.id, key.id);
      assert.match(row!.privateKey, /^cordon-sealed\/1:/);
    } finally {
      await database.drop();
    }
  });
});
