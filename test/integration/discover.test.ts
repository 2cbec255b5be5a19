import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { CordonConfigInput } from '../../shared/config.ts';
import type { Finding } from '../../shared/discovery.ts';
import { parseConfig } from '../../collector/config/load.ts';
import { openDatabase, type Db } from '../../collector/db/connect.ts';
import { discoverStore } from '../../collector/datamap/discover.ts';
import { sampleClause } from '../../collector/datamap/sample.ts';
import { openStores } from '../../collector/datamap/stores.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { siteSecret } from '../helpers/fixtures.ts';

const run = promisify(execFile);
const cordon = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'collector/cli/main.ts', ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));

const rowCount = 200;

function luhnDigit(partial: string): number {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}
const digits = (i: number, length: number) => String((i * 7_919_117 + 12_345) % 10 ** length).padStart(length, '0');

/** Planted values, each kind under a name that does not tell: what discovery must find by the values alone. */
function plantedRows() {
  return Array.from({ length: rowCount }, (_, i) => {
    const card = `4${digits(i, 14)}`;
    const sku = `4${digits(i + 1, 14)}`;
    return {
      id: i + 1,
      ref: `shopper.${i}.q${digits(i, 3)}@mailbox-test.org`,
      notes: `${String(100 + (i % 500)).padStart(3, '0')}-${String(10 + (i % 89))}-${String(1000 + i * 7)}`,
      c1: `${card}${luhnDigit(card)}`,
      // 16 digits on a card prefix, with the check digit off by one: a product code, not a card.
      sku: `${sku}${(luhnDigit(sku) + 1) % 10}`,
      quantity: i % 9,
      customer_id: (i % 50) + 1,
    };
  });
}

function customerRows() {
  return Array.from({ length: 50 }, (_, i) => ({
    id: i + 1,
    email: `customer${i}.x${digits(i, 4)}@shop-test.net`,
    phone: `(415) ${200 + (i % 700)}-${String(1000 + i * 13).slice(-4)}`,
    full_name: `Customer ${i}`,
    birth_date: `${1950 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}`,
  }));
}

const schemaName = 'shopdata';

/** One statement at a time: PGlite prepares each query, and a prepared query holds one statement. */
async function executeAll(db: Db, statements: string[]) {
  for (const statement of statements) await db.execute(sql.raw(statement));
}

async function plant(db: Db) {
  await executeAll(db, [
    `create schema ${schemaName}`,
    `create table ${schemaName}.customers (id integer primary key, email text, phone text, full_name text, birth_date date)`,
    `create table ${schemaName}.legacy (id integer primary key, ref text, notes text, c1 text, sku text, quantity integer, customer_id integer)`,
    `create table ${schemaName}.tickets (id integer primary key, customer_id integer references ${schemaName}.customers(id), body text)`,
  ]);
  await db.execute(sql`insert into ${sql.raw(schemaName)}.customers select * from json_populate_recordset(null::${sql.raw(schemaName)}.customers, ${JSON.stringify(customerRows())}::json)`);
  await db.execute(sql`insert into ${sql.raw(schemaName)}.legacy select * from json_populate_recordset(null::${sql.raw(schemaName)}.legacy, ${JSON.stringify(plantedRows())}::json)`);
  await db.execute(sql.raw(`insert into ${schemaName}.tickets select i, 1 + i % 50,
      case when i % 4 = 0 then 'Please call me back on (212) 555-0' || (100 + i) || ' about my order'
           when i % 4 = 1 then 'Reply to helpdesk.user' || i || '@example.org please'
           else 'The parcel arrived late, item ' || i end
    from generate_series(1, ${rowCount}) i`));
}

/** What the map declares: the customers table, so the planted legacy columns are unmapped. */
function storeMap(extra: Record<string, unknown> = {}) {
  return {
    id: 'shop-db', kind: 'postgres' as const, schema: schemaName,
    tables: {
      customers: {
        identities: { email: 'email', phone: 'phone', name: 'full_name' },
        columns: {
          email: { category: 'identifiers' }, phone: { category: 'identifiers' }, full_name: { category: 'identifiers' },
          birth_date: { category: 'identifiers' },
        },
      },
      ...extra,
    },
  };
}
/** The map with every planted column declared as well. */
const completeTables = {
  legacy: {
    references: { customer_id: 'customers.id' },
    columns: {
      ref: { category: 'identifiers' }, notes: { category: 'identifiers', sensitive: 'government-id' },
      c1: { category: 'customer-records', sensitive: 'financial-account' },
    },
  },
  tickets: { references: { customer_id: 'customers.id' }, columns: { body: { category: 'identifiers' } } },
};

const config = (store: Record<string, unknown>): CordonConfigInput => ({
  sites: [{ id: 'shop', origins: ['http://shop.test'], secret: siteSecret }],
  stores: [store as NonNullable<CordonConfigInput['stores']>[number]],
});

const find = (findings: Finding[], table: string, column: string) => findings.filter((finding) => finding.table === table && finding.column === column);

/** Every planted value, as the output must never show it. */
const plantedValues = () => [
  ...plantedRows().flatMap((row) => [row.ref, row.notes, row.c1, row.sku]),
  ...customerRows().flatMap((row) => [row.email, row.phone]),
];

function assertNoValue(output: string) {
  for (const value of plantedValues()) assert.ok(!output.includes(value), 'the output shows a sampled value');
  assert.ok(!/@mailbox-test\.org|@shop-test\.net|@example\.org/.test(output), 'the output shows part of an email');
}

for (const kind of databaseKinds) {
  describe(`cordon discover (${kind})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(kind);
      await plant(database.db);
    });
    after(() => database.drop());

    const discover = async (store: Record<string, unknown>) => {
      const open = openStores(parseConfig(config(store)), database.db);
      try {
        return (await discoverStore(open.list[0]!)).findings;
      } finally {
        await open.close();
      }
    };

    test('finds emails, SSNs and card numbers in columns whose names do not say so, and flags no product code', async () => {
      const findings = await discover(storeMap());
      const [ref] = find(findings, 'legacy', 'ref');
      assert.deepEqual([ref?.kind, ref?.category, ref?.mapped, ref?.confidence], ['email', 'identifiers', false, 'high']);
      assert.equal(ref?.matched, rowCount);
      const [notes] = find(findings, 'legacy', 'notes');
      assert.deepEqual([notes?.kind, notes?.sensitive, notes?.mapped], ['ssn', 'government-id', false]);
      const [c1] = find(findings, 'legacy', 'c1');
      assert.deepEqual([c1?.kind, c1?.sensitive, c1?.mapped, c1?.matched], ['card', 'financial-account', false, rowCount]);
      assert.deepEqual(find(findings, 'legacy', 'sku'), [], 'Luhn-invalid 16-digit codes are not cards (nor anything else)');
      assert.deepEqual(find(findings, 'legacy', 'quantity'), []);
      const body = find(findings, 'tickets', 'body');
      assert.deepEqual(body.map((finding) => [finding.kind, finding.inText]).sort(), [['email', true], ['phone', true]]);
    });

    test('misses nothing the map declares, and judges the declared columns by their values', async () => {
      const findings = await discover(storeMap());
      for (const column of ['email', 'phone', 'full_name', 'birth_date']) {
        const [finding] = find(findings, 'customers', column);
        assert.equal(finding?.mapped, true, `customers.${column} is reported as mapped`);
      }
      assert.equal(find(findings, 'customers', 'email')[0]?.kind, 'email');
      assert.equal(find(findings, 'customers', 'phone')[0]?.kind, 'phone');
      assert.equal(find(findings, 'customers', 'birth_date')[0]?.kind, 'date-of-birth');
      assert.equal(find(findings, 'customers', 'full_name')[0]?.confidence, 'declared');
      assert.ok(findings.filter((finding) => finding.table === 'customers').every((finding) => finding.mapped));
    });

    test('a large table is read through TABLESAMPLE: the sample stays bounded and random', async () => {
      await executeAll(database.db, [
        `create table ${schemaName}.events (id integer, contact text)`,
        `insert into ${schemaName}.events select i, 'visitor' || i || '@events-test.com' from generate_series(1, 40000) i`,
        `analyze ${schemaName}.events`,
      ]);
      try {
        const open = openStores(parseConfig(config(storeMap())), database.db);
        const { readCatalog } = await import('../../collector/datamap/catalog.ts');
        const events = (await readCatalog(open.list[0]!)).get('events')!;
        assert.match(sampleClause(events), /^tablesample system \(\d/);
        const findings = (await discoverStore(open.list[0]!)).findings;
        await open.close();
        const [contact] = find(findings, 'events', 'contact');
        assert.equal(contact?.kind, 'email');
        assert.ok(contact.sampled > 100 && contact.sampled <= 500, `sampled ${contact.sampled} of 40000 rows`);
      } finally {
        await database.db.execute(sql.raw(`drop table ${schemaName}.events`));
      }
    });
  });
}

describe('cordon discover, the command', () => {
  /** The real CLI on the store in its own database: on the server with the store's URL, or in an embedded data dir without one. */
  for (const kind of databaseKinds) {
    test(`exits 1 on unmapped personal information and 0 once the map declares it, printing no value (${kind})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cordon-discover-'));
      const dataDir = join(dir, 'db');
      const server = kind === 'postgres' ? await openTestDatabase('postgres') : undefined;
      try {
        const seeded = server ?? await openDatabase({ dataDir });
        await plant(seeded.db);
        if (!server) await seeded.close();
        const url = server ? { url: server.url } : {};
        const configPath = join(dir, 'cordon.config.json');
        const env = { CORDON_CONFIG: configPath, CORDON_DATA_DIR: dataDir };

        writeFileSync(configPath, JSON.stringify(config({ ...storeMap(), ...url })));
        const table = await cordon(['discover'], env);
        assert.equal(table.code, 1, table.stderr);
        assert.match(table.stderr, /shop-db: 3 tables, \d+ rows sampled, \d+ unmapped findings/);
        assert.match(table.stdout, /legacy\s+ref\s+email\s+identifiers\s+-\s+NO/);
        assertNoValue(table.stdout + table.stderr);

        const json = await cordon(['discover', '--json'], env);
        assert.equal(json.code, 1);
        const { findings } = JSON.parse(json.stdout) as { findings: Finding[] };
        assert.ok(findings.some((finding) => finding.column === 'c1' && finding.kind === 'card' && !finding.mapped));
        assertNoValue(json.stdout + json.stderr);

        const draft = await cordon(['discover', '--draft'], env);
        const { stores } = JSON.parse(draft.stdout) as { stores: { id: string; tables: Record<string, { references?: Record<string, string>; columns: Record<string, { category: string; sensitive?: string }> }> }[] };
        const tables = stores[0]!.tables;
        assert.deepEqual(tables.legacy?.references, { customer_id: 'customers.id' }, 'proposed from the name and type');
        assert.deepEqual(tables.tickets?.references, { customer_id: 'customers.id' }, 'proposed from the foreign key');
        assert.deepEqual(tables.legacy?.columns.notes, { category: 'identifiers', sensitive: 'government-id' });
        assert.equal(tables.legacy?.columns.sku, undefined);
        assertNoValue(draft.stdout);

        writeFileSync(configPath, JSON.stringify(config({ ...storeMap(completeTables), ...url })));
        const clean = await cordon(['discover'], env);
        assert.equal(clean.code, 0, clean.stdout);
        assert.match(clean.stdout, /the map declares everything found/);

        const unknown = await cordon(['discover', '--store', 'nope'], env);
        assert.equal(unknown.code, 2);
        assert.match(unknown.stderr, /--store: no store "nope"/);
      } finally {
        await server?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test('an embedded database held by another process is named as such, not opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-discover-lock-'));
    const dataDir = join(dir, 'db');
    const held = await openDatabase({ dataDir });
    try {
      const configPath = join(dir, 'cordon.config.json');
      writeFileSync(configPath, JSON.stringify(config({ id: 'own', kind: 'postgres', tables: {} })));
      const result = await cordon(['discover'], { CORDON_CONFIG: configPath, CORDON_DATA_DIR: dataDir });
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`in use by process ${process.pid}.*one process at a time`));
    } finally {
      await held.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
