import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../collector/db/connect.ts';
import { outbox } from '../../collector/db/schema.ts';
import { claimDue, defaultOutboxOptions, startOutboxWorker, type OutboxOptions } from '../../collector/outbox/worker.ts';
import { verifySignature } from '../../collector/outbox/signing.ts';
import { createIngestPressure } from '../../collector/services/ingest-pressure.ts';
import { storeRecords } from '../../collector/services/preferences.ts';
import { systemClock } from '../../collector/services/clock.ts';
import { eventually } from '../helpers/eventually.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { record, testConfig } from '../helpers/fixtures.ts';

const partnerSecret = 'partner-secret-0123456789abcdef0123456789';
const fast: OutboxOptions = { ...defaultOutboxOptions, pollMs: 20, retryBaseMs: 50, retryCapMs: 300, leaseMs: 5_000, requestTimeoutMs: 2_000 };

/**
 * A partner endpoint that keeps what it received, checking each signature as a real partner would. While `down`
 * it drops every connection, as a partner that is unreachable does.
 */
async function startPartner() {
  const partner = { received: [] as { key: string; body: any; signed: boolean }[], down: true, port: 0, close: async () => {} };
  const server = createServer((req, res) => {
    if (partner.down) return void req.socket.destroy();
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      partner.received.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(body), signed: verifySignature(partnerSecret, body, String(req.headers['cordon-signature']), new Date()) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  partner.port = (server.address() as AddressInfo).port;
  partner.close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return partner;
}

for (const kind of databaseKinds) {
  describe(`outbox delivery on ${kind}`, () => {
    let database: TestDatabase;
    let second: Database | undefined;
    let partner: Awaited<ReturnType<typeof startPartner>>;
    let config: ReturnType<typeof testConfig>;
    before(async () => {
      database = await openTestDatabase(kind);
      // A second collector on the same Postgres: its own pool, the same rows.
      second = database.url ? await openDatabase({ url: database.url, dataDir: '' }) : undefined;
      partner = await startPartner();
      config = testConfig({ partners: [{ id: 'dsp', url: `http://127.0.0.1:${partner.port}/optouts`, secret: partnerSecret, signals: ['sale', 'sharing'], maxAttempts: 100 }] });
    });
    const workerDeps = (db: Database['db']) => ({ db, config, clock: systemClock, pressure: createIngestPressure() });
    /** A worker whose ingest reads as saturated until relieved, as with every records batch in flight and more waiting. */
    function startUnderPressure(maxDeferralMs: number) {
      const pressure = createIngestPressure();
      pressure.report();
      const saturating = setInterval(pressure.report, 20);
      const worker = startOutboxWorker({ ...workerDeps(database.db), pressure }, { ...fast, maxDeferralMs });
      const relieve = () => clearInterval(saturating);
      return { pressure, relieve, stop: () => { relieve(); return worker.stop(); } };
    }
    after(async () => {
      await partner.close();
      await second?.close();
      await database.drop();
    });

    test('a partner down for a while gets every message once it is back, each key once', async () => {
      const records = Array.from({ length: 30 }, () => record());
      await storeRecords(database.db, config, records, new Date());
      assert.equal(await database.db.$count(outbox), 30);

      const workers = [
        startOutboxWorker(workerDeps(database.db), fast),
        startOutboxWorker(workerDeps((second ?? database).db), fast),
      ];
      await new Promise((resolve) => setTimeout(resolve, 700)); // the partner is down: attempts fail
      const failedSoFar = await database.db.select().from(outbox).where(eq(outbox.status, 'pending'));
      assert.ok(failedSoFar.some((row) => row.attempts > 0 && row.lastError), 'attempts were made and failed while the partner was down');

      partner.down = false;
      try {
        await eventually(() => database.db.$count(outbox, eq(outbox.status, 'delivered')), (count) => count === 30, 'every message delivered', 15_000);
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
      }
      const received = partner.received.splice(0);
      const keys = received.map((message) => message.key);
      assert.equal(keys.length, 30, 'no message was sent twice');
      assert.equal(new Set(keys).size, 30);
      assert.ok(received.every((message) => message.signed), 'every message carries a valid signature');
      assert.deepEqual(received[0]!.body.signals, ['sale', 'sharing']);
      const rows = await database.db.select().from(outbox);
      assert.ok(rows.every((row) => (row.acknowledgement as any)?.body?.accepted === true), 'the acknowledgement is kept');
      assert.ok(rows.every((row) => row.dueAt && row.dueAt > row.createdAt), 'each carries its 15-business-day deadline');
    });

    test('a message whose sender died is retried after its lease with the same key', async () => {
      const one = record();
      await storeRecords(database.db, config, [one], new Date());
      const [claimed] = await claimDue(database.db, new Date(), { ...fast, leaseMs: 300 }); // …and never delivered
      assert.ok(claimed);
      const worker = startOutboxWorker(workerDeps(database.db), fast);
      try {
        await eventually(() => partner.received.length, (count) => count === 1, 'the partner to receive the message');
      } finally {
        await worker.stop();
      }
      const received = partner.received.splice(0);
      assert.equal(received[0]!.key, claimed.idempotency_key);
      const [row] = await database.db.select().from(outbox).where(eq(outbox.id, claimed.id));
      assert.equal(row!.attempts, 2);
    });

    test('while ingest is saturated the worker holds back, and delivers at once when the pressure ends', async () => {
      partner.down = false;
      const worker = startUnderPressure(60_000);
      try {
        await new Promise((resolve) => setTimeout(resolve, 300)); // its first claim, made before it knew of any backlog
        await storeRecords(database.db, config, Array.from({ length: 10 }, () => record()), new Date());
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(partner.received.length, 0, 'no delivery competes with saturated ingest');
        worker.relieve();
        // Far sooner than the 60 s bound: the worker resumes when the pressure ends, not when the bound runs out.
        await eventually(() => partner.received.length, (count) => count === 10, 'every message once the pressure ends', 2_000);
      } finally {
        await worker.stop();
      }
      assert.equal(new Set(partner.received.splice(0).map((message) => message.key)).size, 10);
    });

    test('while ingest stays saturated no message waits much longer than the deferral bound', async () => {
      partner.down = false;
      const worker = startUnderPressure(400);
      try {
        for (let wave = 0; wave < 3; wave += 1) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          await storeRecords(database.db, config, Array.from({ length: 10 }, () => record()), new Date());
        }
        // The pressure never ends: a worker that only waits for relief never delivers these.
        await eventually(() => partner.received.length, (count) => count === 30, 'every message under constant pressure', 4_000);
        assert.ok(worker.pressure.saturated(), 'ingest was saturated all along');
      } finally {
        await worker.stop();
      }
      const keys = partner.received.splice(0).map((message) => message.key);
      assert.equal(new Set(keys).size, 30, 'each message once');
    });

    test('a message is dead-lettered after its last attempt', async () => {
      partner.down = true;
      const deadConfig = testConfig({ partners: [{ id: 'gone', url: `http://127.0.0.1:${partner.port}/x`, secret: partnerSecret, signals: ['sale'], maxAttempts: 2 }] });
      const one = record();
      await storeRecords(database.db, deadConfig, [one], new Date());
      const worker = startOutboxWorker({ ...workerDeps(database.db), config: deadConfig }, fast);
      try {
        await eventually(() => database.db.$count(outbox, eq(outbox.status, 'dead')), (count) => count === 1, 'the message to be dead-lettered');
      } finally {
        await worker.stop();
      }
      const [row] = await database.db.select().from(outbox).where(eq(outbox.status, 'dead'));
      assert.equal(row!.attempts, 2);
      assert.match(row!.lastError!, /network/);
    });
  });
}
