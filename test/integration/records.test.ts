import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { auditEvents, preferenceRecords, subjectStates } from '../../collector/db/schema.ts';
import { linkDevice } from '../../collector/services/identity.ts';
import { storeRecords } from '../../collector/services/preferences.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { startCollector, type RunningCollector } from '../helpers/collector.ts';
import { eventually } from '../helpers/eventually.ts';
import { record, siteOrigin } from '../helpers/fixtures.ts';

for (const kind of databaseKinds) {
  describe(`POST /v1/records on ${kind}`, () => {
    let collector: RunningCollector;
    before(async () => { collector = await startCollector(kind); });
    after(() => collector.close());

    const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(`${collector.url}/v1/records`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const countRecords = async (id: string) =>
      (await collector.deps.db.select().from(preferenceRecords).where(eq(preferenceRecords.id, id))).length;

    test('stores a record once, however often it is sent', async () => {
      const one = record();
      const first = await post(one);
      assert.equal(first.status, 201);
      const again = await post(one);
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), { stored: [{ id: one.id, duplicate: true }] });
      assert.equal(await countRecords(one.id), 1);
    });

    test('accepts text/plain bodies, as sendBeacon sends them', async () => {
      const one = record();
      const response = await post(JSON.stringify(one), { 'content-type': 'text/plain;charset=UTF-8' });
      assert.equal(response.status, 201);
      assert.equal(await countRecords(one.id), 1);
    });

    test('names the bad field and stores nothing', async () => {
      const one = record();
      const response = await post({ ...one, choices: { ...one.choices, saleOptOut: 'yes' } });
      assert.equal(response.status, 400);
      const body = await response.json() as { issues: string[] };
      assert.ok(body.issues.some((issue) => issue.startsWith('choices.saleOptOut')), body.issues.join('; '));
      assert.equal(await countRecords(one.id), 0);
    });

    test('refuses unknown sites, wrong content types, oversized bodies and foreign origins', async () => {
      assert.equal((await post(record({ site: 'elsewhere' }))).status, 400);
      assert.equal((await post(JSON.stringify(record()), { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
      assert.equal((await post(JSON.stringify({ ...record(), url: `${siteOrigin}/${'x'.repeat(70_000)}` }))).status, 413);
      const foreign = record();
      const response = await post(foreign, { 'content-type': 'application/json', origin: 'http://evil.test' });
      assert.equal(response.status, 403);
      assert.equal(await countRecords(foreign.id), 0);
    });

    test('answers CORS only for the site origins', async () => {
      const ok = await fetch(`${collector.url}/v1/records`, { method: 'OPTIONS', headers: { origin: siteOrigin, 'access-control-request-method': 'POST' } });
      assert.equal(ok.headers.get('access-control-allow-origin'), siteOrigin);
      const no = await fetch(`${collector.url}/v1/records`, { method: 'OPTIONS', headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' } });
      assert.equal(no.headers.get('access-control-allow-origin'), null);
    });

    test('stored records and the audit trail cannot be changed or removed', async () => {
      const one = record();
      await post(one);
      await assert.rejects(collector.deps.db.update(preferenceRecords).set({ saleOptOut: false }).where(eq(preferenceRecords.id, one.id)));
      await assert.rejects(collector.deps.db.delete(auditEvents));
      const [event] = await collector.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'record.stored'));
      assert.ok(event, 'storing a record wrote an audit event');
    });

    test('concurrent records for one device keep every record and end on the latest choice', async () => {
      const deviceId = `concurrent-device-${kind}-0001`;
      const base = Date.parse('2026-01-01T00:00:00Z');
      const batch = Array.from({ length: 20 }, (_, i) => record({
        deviceId, occurredAt: new Date(base + i * 1000).toISOString(), source: 'user',
        choices: { saleOptOut: i % 2 === 1, sharingOptOut: false, limitSensitive: false },
      }));
      const answers = await Promise.all(batch.map((one) => post(one)));
      assert.ok(answers.every((answer) => answer.status === 201));
      assert.equal(await collector.deps.db.$count(preferenceRecords, eq(preferenceRecords.deviceId, deviceId)), 20);
      const [state] = await collector.deps.db.select().from(subjectStates).where(eq(subjectStates.key, deviceId));
      assert.equal(state?.saleOptOut, true, 'the opt-out of record 19 (latest) and of every odd record holds');
      assert.equal(state?.updatedAt.toISOString(), batch[19]!.occurredAt);
    });

    test('batches committing side by side with the same ids in opposite orders store each record once', async () => {
      const shared = Array.from({ length: 2_000 }, () => record());
      const { db, config } = collector.deps;
      const [forward, backward] = await Promise.all([
        storeRecords(db, config, shared, new Date()), storeRecords(db, config, shared.toReversed(), new Date()),
      ]);
      assert.equal(forward.size + backward.size, shared.length, 'every id is new to exactly one of the two batches');
      const ids = shared.map((one) => one.id);
      assert.equal(await db.$count(preferenceRecords, inArray(preferenceRecords.id, ids)), shared.length);
    });

    test('a record that waits for its device while the device is being linked reaches the account', {
      skip: kind === 'pglite' && 'PGlite has one connection, so nothing waits side by side',
    }, async () => {
      const { db, config } = collector.deps;
      const optOut = record({ choices: { saleOptOut: true, sharingOptOut: true, limitSensitive: false } });
      const account = `race-account-${optOut.id}`;
      const sql = postgres(collector.database.url!, { max: 2, onnotice: () => {} });
      const waiting = async () => (await sql<[{ n: number }]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)[0].n;
      try {
        // The link is held back at its last step, its audit event, until the record's statement has begun and is
        // waiting for the device the link holds: the record's statement cannot see a link committed after it began.
        const holder = await sql.reserve();
        await holder`begin`;
        await holder`lock table audit_events in share row exclusive mode`;
        const linking = linkDevice(db, config, config.sites[0]!, { deviceId: optOut.deviceId, account, now: new Date() });
        await eventually(waiting, (n) => n >= 1, 'the link waiting to write its audit event');
        const storing = storeRecords(db, config, [optOut], new Date());
        await eventually(waiting, (n) => n >= 2, 'the record waiting for the device');
        await holder`commit`;
        holder.release();
        await Promise.all([linking, storing]);
      } finally {
        await sql.end();
      }
      const [state] = await db.select().from(subjectStates)
        .where(and(eq(subjectStates.site, 'shop'), eq(subjectStates.kind, 'account'), eq(subjectStates.key, account)));
      assert.deepEqual([state?.saleOptOut, state?.sharingOptOut], [true, true], 'the device\'s opt-out applies to the account it was linked to');
    });

    test('records stored together apply in the order they happened, whatever time zone offset they carry', async () => {
      const deviceId = `offset-device-${kind}-0001`;
      const optOut = record({ deviceId, occurredAt: '2026-03-01T17:00:00Z', choices: { saleOptOut: true, sharingOptOut: true, limitSensitive: false } });
      // 18:00 UTC, an hour later, though its text sorts first.
      const optBackIn = record({ deviceId, occurredAt: '2026-03-01T10:00:00-08:00', choices: { saleOptOut: false, sharingOptOut: false, limitSensitive: false } });
      await storeRecords(collector.deps.db, collector.deps.config, [optBackIn, optOut], new Date());
      const [state] = await collector.deps.db.select().from(subjectStates).where(eq(subjectStates.key, deviceId));
      assert.deepEqual([state?.saleOptOut, state?.updatedAt.toISOString()], [false, '2026-03-01T18:00:00.000Z'], 'the later choice, opting back in, stands');
    });
  });
}
