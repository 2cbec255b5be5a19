import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { createApp } from '../../collector/app.ts';
import { openDatabase, type Database } from '../../collector/db/connect.ts';
import { outbox, rightsRequests } from '../../collector/db/schema.ts';
import { dispatchFulfilment, type Fulfilment } from '../../collector/requests/fulfilment.ts';
import { escalate, privacyOpsDestination, requestDestinations } from '../../collector/requests/queue.ts';
import { claimDue, defaultOutboxOptions, deliverClaimed } from '../../collector/outbox/worker.ts';
import { verifySignature } from '../../collector/outbox/signing.ts';
import { createApiKey } from '../../collector/services/api-keys.ts';
import type { CordonConfig } from '../../shared/config.ts';
import { databaseKinds, openTestDatabase, type DatabaseKind } from '../helpers/databases.ts';
import { listen } from '../../collector/server.ts';
import { testConfig } from '../helpers/fixtures.ts';
import { client } from '../helpers/http.ts';
import { days, intakeBody, latestCode, manualClock, startRequests, type RequestsHarness } from '../helpers/requests.ts';

const opsSecret = 'privacy-ops-secret-0123456789abcdef012345';

for (const kind of databaseKinds) {
  describe(`deadline escalation on ${kind}`, () => {
    const time = manualClock('2026-01-15T18:00:00Z');
    const hooks: { body: string; signature: string }[] = [];
    let ops: ServerType;
    let h: RequestsHarness;
    let config: CordonConfig;
    before(async () => {
      ops = await listen(async (request) => {
        hooks.push({ body: await request.text(), signature: request.headers.get('cordon-signature') ?? '' });
        return Response.json({ received: true });
      }, 0);
      config = testConfig({ requests: { privacyOps: { url: `http://127.0.0.1:${(ops.address() as AddressInfo).port}/hooks`, secret: opsSecret } } });
      h = await startRequests(kind, { config, clock: time.clock });
    });
    after(async () => {
      await h.close();
      await new Promise<void>((resolve) => ops.close(() => resolve()));
    });

    const escalations = (id: string) => h.collector.deps.db.select().from(outbox)
      .where(eq(outbox.destination, privacyOpsDestination)).then((rows) => rows.filter((row) => row.payload.requestId === id));

    test('7 days, 2 days and overdue: one message each, delivered signed to privacy ops', async () => {
      const answer = await h.api.post('/v1/requests', intakeBody({ type: 'delete' }));
      const id = answer.body.id as string;
      const db = h.collector.deps.db;
      assert.equal(await escalate(db, config, time.clock()), 0, 'nothing is near its deadline yet');
      time.set('2026-02-23T18:00:00Z'); // due end of Mar 1: 6.6 days left
      assert.ok(await escalate(db, config, time.clock()) >= 1);
      assert.equal(await escalate(db, config, time.clock()), 0, 'never twice for one threshold');
      time.set('2026-02-28T18:00:00Z');
      await escalate(db, config, time.clock());
      time.set('2026-03-02T09:00:00Z'); // past 23:59:59 PST on Mar 1
      await escalate(db, config, time.clock());
      assert.deepEqual((await escalations(id)).map((row) => row.payload.type),
        ['request.deadline-near', 'request.deadline-near', 'request.overdue']);
      assert.deepEqual((await escalations(id)).map((row) => row.payload.thresholdDays), [7, 2, 0]);
      const queue = await h.admin.get('/v1/admin/requests?limit=200');
      assert.equal(queue.body.items.find((item: { id: string }) => item.id === id).overdue, true);

      const claimed = await claimDue(db, time.clock(), { ...defaultOutboxOptions, batchSize: 100 });
      await deliverClaimed({ db, config, clock: time.clock }, claimed, defaultOutboxOptions, requestDestinations);
      const ours = hooks.filter((hook) => JSON.parse(hook.body).requestId === id);
      assert.equal(ours.length, 3);
      assert.ok(ours.every((hook) => verifySignature(opsSecret, hook.body, hook.signature, time.clock())));
      assert.ok(!ours.some((hook) => hook.body.includes('@')), 'no address in a webhook');
    });

    test('an extension starts escalation again for the new deadline', async () => {
      time.set('2026-01-15T18:00:00Z');
      const answer = await h.api.post('/v1/requests', intakeBody({ type: 'access', jurisdiction: 'gdpr' }));
      const id = answer.body.id as string;
      time.set('2026-02-10T18:00:00Z'); // due Feb 15
      await escalate(h.collector.deps.db, config, time.clock());
      assert.equal((await h.admin.post(`/v1/admin/requests/${id}/extend`, { reason: 'complex request' })).status, 200);
      await escalate(h.collector.deps.db, config, time.clock());
      assert.equal((await escalations(id)).length, 1, 'the new deadline (Apr 15) is far off');
      time.set('2026-04-10T18:00:00Z');
      await escalate(h.collector.deps.db, config, time.clock());
      assert.equal((await escalations(id)).length, 2);
    });

    test('verified requests go to the fulfilment once; what it cannot do is left to a person', async () => {
      time.set('2026-05-01T18:00:00Z');
      const done = await h.api.post('/v1/requests', intakeBody({ type: 'access', jurisdiction: 'gdpr' }));
      const manual = await h.api.post('/v1/requests', intakeBody({ type: 'erasure', jurisdiction: 'gdpr' }));
      for (const id of [done.body.id, manual.body.id]) {
        await h.api.post(`/v1/requests/${id}/verify`, { code: await latestCode(h.admin, id) });
      }
      const calls: string[] = [];
      const plugged: Fulfilment = {
        matchDataPoints: async () => [],
        fulfil: async (request) => {
          calls.push(request.id);
          return request.type === 'access'
            ? { kind: 'complete', result: { outcome: 'complied', summary: 'Exported from the shop database.', data: { orders: 2 } }, stores: [] }
            : undefined;
        },
      };
      const deps = { config, mailing: { smtp: false }, now: time.clock(), base: h.collector.url };
      while (await dispatchFulfilment(h.collector.deps.db, deps, plugged) > 0);
      assert.deepEqual(calls.filter((id) => [done.body.id, manual.body.id].includes(id)).sort(), [done.body.id, manual.body.id].sort());
      while (await dispatchFulfilment(h.collector.deps.db, deps, plugged) > 0);
      assert.equal(calls.filter((id) => id === done.body.id).length, 1, 'handed over once');
      const rows = await h.collector.deps.db.select().from(rightsRequests);
      assert.equal(rows.find((row) => row.id === done.body.id)?.status, 'completed');
      const left = rows.find((row) => row.id === manual.body.id);
      assert.equal(left?.status, 'in_progress');
      assert.equal(left?.fulfilment, 'manual');
    });
  });

  describe(`a restart in the middle of the queue on ${kind}`, () => {
    test('loses nothing: requests, codes, mail, cool-downs and escalations carry over', async () => {
      const time = manualClock('2026-01-15T18:00:00Z');
      const config = testConfig();
      const store = await durableDatabase(kind);
      let running = await runCollector(await store.open(), config, time.clock);
      const { key } = await createApiKey(running.database.db, { name: 'ops', admin: true });
      const api = () => client(running.url);
      const admin = () => client(running.url, { authorization: `Bearer ${key}` });

      const ids: string[] = [];
      for (const type of ['delete', 'know-categories', 'access', 'correct', 'erasure']) {
        const body = intakeBody({ type, jurisdiction: ['access', 'erasure'].includes(type) ? 'gdpr' : 'ccpa', details: type === 'correct' ? { inaccurate: 'a', correction: 'b' } : undefined });
        const answer = await api().post('/v1/requests', body);
        assert.equal(answer.status, 201);
        ids.push(answer.body.id);
      }
      const pendingCode = await latestCode(admin(), ids[1]!);
      assert.equal((await api().post(`/v1/requests/${ids[2]}/verify`, { code: await latestCode(admin(), ids[2]!) })).body.status, 'in_progress');
      const before = await admin().get('/v1/admin/requests?limit=200');

      await running.stop();
      time.set('2026-01-15T18:00:30Z');
      running = await runCollector(await store.open(), config, time.clock);

      const afterRestart = await admin().get('/v1/admin/requests?limit=200');
      assert.deepEqual(afterRestart.body.items.map((item: { id: string; status: string; dueAt: string }) => [item.id, item.status, item.dueAt]),
        before.body.items.map((item: { id: string; status: string; dueAt: string }) => [item.id, item.status, item.dueAt]), 'the same queue in the same order');
      const verified = await api().post(`/v1/requests/${ids[1]}/verify`, { code: pendingCode });
      assert.equal(verified.status, 200, 'a code mailed before the restart still works');
      assert.equal((await api().post(`/v1/requests/${ids[0]}/verify`, { resend: true })).status, 429, 'the cool-down survived too');
      assert.equal((await admin().get(`/v1/admin/mail?request=${ids[3]}`)).body.mail.length, 1);

      time.set('2026-02-10T18:00:00Z');
      assert.ok(await escalate(running.database.db, config, time.clock()) > 0);
      await running.stop();
      running = await runCollector(await store.open(), config, time.clock);
      assert.equal(await escalate(running.database.db, config, time.clock()), 0, 'no escalation repeated after a restart');
      await running.stop();
      await store.cleanup();
    });
  });
}

interface Running { url: string; database: Database; stop(): Promise<void> }

async function runCollector(database: Database, config: CordonConfig, clock: () => Date): Promise<Running> {
  const server = await listen(createApp({ db: database.db, config, clock }).fetch, 0);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    database,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

/** A database that outlives the collector on it: PGlite in a directory, or a database of its own on the server. */
async function durableDatabase(kind: DatabaseKind) {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-restart-'));
    return { open: () => openDatabase({ dataDir: dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const created = await openTestDatabase('postgres');
  await created.close();
  return { open: () => openDatabase({ url: created.url, dataDir: '' }), cleanup: () => created.drop() };
}
