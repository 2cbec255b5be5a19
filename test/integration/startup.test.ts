import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import postgres from 'postgres';
import { openDatabase } from '../../collector/db/connect.ts';
import { serverUrl, withDatabase } from '../helpers/databases.ts';
import { freePort, startNodeProcess } from '../helpers/process.ts';

const run = promisify(execFile);
const cordon = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['bin/cordon.mjs', ...args], { env: { ...process.env, ...env }, timeout: 60_000 })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));

/** `cordon start` as an operator runs it, until it says it is listening. */
const startCollectorProcess = (env: Record<string, string>) => startNodeProcess(['bin/cordon.mjs', 'start'], env, 'cordon: collector on');

describe('start-up', () => {
  test('cordon --help prints the usage and exits 0; no command or an unknown one exits 2', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const help = await cordon([flag], {});
      assert.equal(help.code, 0, `cordon ${flag}: ${help.stderr}`);
      assert.match(help.stdout, /cordon keys create --name NAME/);
    }
    for (const args of [[], ['frobnicate']]) {
      const wrong = await cordon(args, {});
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /usage:/);
    }
  });

  test('cordon keys create beside a collector on the embedded PGlite refuses, saying why; stopped first, its key works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-keys-running-'));
    const configPath = join(dir, 'cordon.config.json');
    writeFileSync(configPath, JSON.stringify({ sites: [{ id: 'shop', origins: ['http://shop.test'], secret: 'a-secret-of-at-least-32-characters-0123' }] }));
    const env = { CORDON_CONFIG: configPath, CORDON_DATA_DIR: join(dir, 'db'), PORT: String(await freePort()) };
    try {
      let collector = await startCollectorProcess(env);
      const beside = await cordon(['keys', 'create', '--name', 'billing'], env);
      assert.equal(beside.code, 1);
      assert.doesNotMatch(beside.stdout, /cordon_live_/, 'no key is printed');
      assert.match(beside.stderr, /no key created.*running on the embedded database.*Stop the collector, create the key, then start it again/s);
      await collector.stop();

      const created = await cordon(['keys', 'create', '--name', 'billing'], env);
      assert.equal(created.code, 0, created.stderr);
      const key = created.stdout.split('\n')[0]!;
      collector = await startCollectorProcess(env);
      try {
        const answer = await fetch(`http://127.0.0.1:${env.PORT}/v1/status?email=ada@example.com`, { headers: { authorization: `Bearer ${key}` } });
        assert.equal(answer.status, 200);
      } finally {
        await collector.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('two collectors migrating one fresh Postgres at once both start, and a third finds nothing to do', async () => {
    const name = `cordon_test_startup_${process.pid}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    try {
      const url = withDatabase(serverUrl, name);
      const both = await Promise.all([openDatabase({ url, dataDir: '' }), openDatabase({ url, dataDir: '' })]);
      const again = await openDatabase({ url, dataDir: '' });
      for (const database of [...both, again]) await database.close();
      const [{ count }] = await postgres(url, { max: 1 })`select count(*)::int as count from drizzle.__drizzle_migrations` as unknown as [{ count: number }];
      assert.ok(count >= 2, 'each migration recorded once');
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  test('CORDON_SECRET_KEY seals the signing key at start; started without it or with another, the collector stops, saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-sealed-'));
    const configPath = join(dir, 'cordon.config.json');
    writeFileSync(configPath, JSON.stringify({ sites: [{ id: 'shop', origins: ['http://shop.test'], secret: 'a-secret-of-at-least-32-characters-0123' }] }));
    const env = { CORDON_CONFIG: configPath, CORDON_DATA_DIR: join(dir, 'db'), PORT: String(await freePort()), DATABASE_URL: '' };
    try {
      const unsealed = await startCollectorProcess(env);
      await unsealed.stop();
      assert.match(unsealed.output(), /CORDON_SECRET_KEY is unset, so the key that signs attestations is kept unsealed/);
      const secret = { CORDON_SECRET_KEY: 'the-operators-own-secret-of-40-characters' };
      const sealed = await startCollectorProcess({ ...env, ...secret });
      await sealed.stop();
      assert.doesNotMatch(sealed.output(), /kept unsealed/);

      const short = await cordon(['start'], { ...env, CORDON_SECRET_KEY: 'short' });
      assert.equal(short.code, 1);
      assert.match(short.stderr, /^CORDON_SECRET_KEY must be at least 32 characters/m);
      const other = await cordon(['start'], { ...env, CORDON_SECRET_KEY: 'another-secret-also-of-forty-characters!' });
      assert.equal(other.code, 1);
      assert.match(other.stderr, /^CORDON_SECRET_KEY does not open signing key [0-9a-f]{16}: it was sealed with another secret$/m);
      const without = await cordon(['start'], env);
      assert.equal(without.code, 1);
      assert.match(without.stderr, /^signing key [0-9a-f]{16} is sealed: set CORDON_SECRET_KEY to the secret it was sealed with$/m);
      await (await startCollectorProcess({ ...env, ...secret })).stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad configuration stops start-up naming the path and reason of every bad field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-config-'));
    try {
      const path = join(dir, 'bad.json');
      writeFileSync(path, JSON.stringify({
        sites: [{ id: 'Bad Id', origins: ['not a url'], secret: 'short', regime: 'sometimes', vendors: [{ id: 'v', name: 'V', hosts: ['https://x.test/path'], purposes: ['sale'] }] }],
      }));
      const result = await cordon(['start'], { CORDON_CONFIG: path, CORDON_DATA_DIR: join(dir, 'db'), PORT: '0' });
      assert.equal(result.code, 1);
      for (const field of ['sites[0].id', 'sites[0].origins[0]', 'sites[0].secret', 'sites[0].regime', 'sites[0].vendors[0].hosts[0]']) {
        assert.ok(result.stderr.includes(field), `${field} is named in:\n${result.stderr}`);
      }
      writeFileSync(path, '{ "sites": [');
      const unparsable = await cordon(['start'], { CORDON_CONFIG: path, CORDON_DATA_DIR: join(dir, 'db') });
      assert.equal(unparsable.code, 1);
      assert.match(unparsable.stderr, /not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a data map that does not match the live store stops start-up naming every bad field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-map-'));
    try {
      const path = join(dir, 'map.json');
      writeFileSync(path, JSON.stringify({
        sites: [{ id: 'shop', origins: ['http://shop.test'], secret: 'a-secret-of-at-least-32-characters-0123' }],
        stores: [
          { id: 'cordon', kind: 'postgres', schema: 'public', tables: {
            api_keys: { identities: { account: 'owner' }, columns: { name: { category: 'identifiers' } } },
            audit_events: { references: { subject: 'api_keys.ident' } },
            nowhere: { identities: { email: 'email' } },
          } },
          { id: 'crm', kind: 'postgres', url: 'env:CORDON_TEST_UNSET_URL', tables: {} },
          { id: 'elsewhere', kind: 'postgres', url: serverUrl, schema: 'cordon_no_such_schema', tables: { people: { identities: { email: 'email' } } } },
        ],
      }));
      const result = await cordon(['start'], { CORDON_CONFIG: path, CORDON_DATA_DIR: join(dir, 'db'), PORT: '0' });
      assert.equal(result.code, 1);
      for (const line of [
        'stores[0].tables.api_keys.identities.account: no column owner in public.api_keys',
        'stores[0].tables.audit_events.references.subject: no column ident in public.api_keys',
        'stores[0].tables.nowhere: no table public.nowhere in the store',
        'stores[1].url: the environment variable CORDON_TEST_UNSET_URL is not set',
        'stores[2]: store "elsewhere" has none of its tables (people) in schema cordon_no_such_schema; check the store\'s url and schema',
      ]) assert.ok(result.stderr.includes(line), `${line}\nin:\n${result.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the repository's demo configuration on a fresh database stops start-up saying the shop's tables are the demo's to make", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-demo-config-'));
    try {
      const result = await cordon(['start'], { CORDON_CONFIG: 'cordon.config.json', CORDON_DATA_DIR: join(dir, 'db'), DATABASE_URL: '', PORT: '0' });
      assert.equal(result.code, 1);
      assert.ok(result.stderr.includes('stores[0]: store "shop" has none of its tables (users, orders, order_items, activity_log, '
        + 'marketing_preferences, support_tickets) in schema shop; a store without url is a schema of the collector\'s own database, '
        + 'so create the tables there (for this repository\'s demo configuration, `npm start` creates the demo shop\'s), '
        + 'or give the store the url of the database that holds them'), result.stderr);
      assert.doesNotMatch(result.stderr, /no table shop\./, 'one line for the store, not one a table');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cordon keys create prints a key once and stores only its hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-keys-'));
    try {
      const result = await cordon(['keys', 'create', '--name', 'billing'], { CORDON_DATA_DIR: join(dir, 'db') });
      assert.equal(result.code, 0, result.stderr);
      const key = result.stdout.split('\n')[0]!;
      assert.match(key, /^cordon_live_[A-Za-z0-9_-]{43}$/);
      const database = await openDatabase({ dataDir: join(dir, 'db') });
      try {
        const rows = await database.db.query.apiKeys.findMany();
        assert.equal(rows.length, 1);
        assert.notEqual(rows[0]!.keyHash, key);
        assert.ok(!JSON.stringify(rows).includes(key.slice(12)), 'the key itself is stored nowhere');
      } finally {
        await database.close();
      }
      const missing = await cordon(['keys', 'create'], { CORDON_DATA_DIR: join(dir, 'db') });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--name is required/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
