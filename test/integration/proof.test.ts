import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { SignedAttestation } from '../../shared/attestation.ts';
import { parseConfig } from '../../collector/config/load.ts';
import type { Db } from '../../collector/db/connect.ts';
import { claimDue, defaultOutboxOptions, deliverClaimed } from '../../collector/outbox/worker.ts';
import { checkAttestation } from '../../collector/requests/attestation.ts';
import { dispatchFulfilment } from '../../collector/requests/fulfilment.ts';
import { audit } from '../../collector/services/audit.ts';
import { verifyAuditChain } from '../../collector/services/audit-chain.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { siteOrigin, siteSecret } from '../helpers/fixtures.ts';
import { latestCode, newEmail, startRequests, type RequestsHarness } from '../helpers/requests.ts';
import { acmeStore, addCustomer, createAcmeStore, rows } from '../helpers/store-fixture.ts';

/** A service provider that carries out every notice and says so. */
async function acknowledgingPartner() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ done: 'deleted' })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What someone with the database's superuser could do: change the trail with every trigger switched off. */
async function tamper(db: Db, statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

const copyOf = <T>(value: T): T => structuredClone(value);

for (const kind of databaseKinds) {
  describe(`proof of what was done, on ${kind}`, () => {
    let h: RequestsHarness;
    let partner: Awaited<ReturnType<typeof acknowledgingPartner>>;
    const pat = { email: newEmail('pat').toLowerCase(), name: 'Pat Doe', phone: '415-555-0134', ssn: '123-45-6789', orders: 2, activity: 3 };
    let requestId = '';
    let attestation: SignedAttestation;
    const db = () => h.collector.deps.db;

    before(async () => {
      partner = await acknowledgingPartner();
      h = await startRequests(kind, {
        prepare: async (database) => {
          await createAcmeStore(database);
          await addCustomer(database, pat);
        },
        config: (database) => parseConfig({
          sites: [{ id: 'shop', origins: [siteOrigin], secret: siteSecret, vendors: [] }],
          partners: [{ id: 'fulfilment-co', url: partner.url, secret: 'partner-secret-0123456789abcdef0123456789', signals: ['delete'] }],
          stores: [acmeStore(database.url)],
        }),
      });
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email: pat.email });
      requestId = filed.body.id;
      await h.api.post(`/v1/requests/${requestId}/verify`, { code: await latestCode(h.admin, requestId), dataPoints: { name: 'Pat Doe' } });
      const deps = { config: h.collector.deps.config, mailing: { smtp: false }, now: new Date(), base: h.collector.url };
      while (await dispatchFulfilment(db(), deps, h.collector.deps.fulfilment!) > 0);
      const claimed = await claimDue(db(), new Date(), defaultOutboxOptions);
      await deliverClaimed({ db: db(), config: h.collector.deps.config, clock: () => new Date() }, claimed, defaultOutboxOptions);
    });
    after(async () => {
      await h.close();
      await partner.close();
    });

    test('a closed request has a signed attestation of what was done, naming the request and never the person', async () => {
      const open = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'know-categories', email: newEmail('open') });
      const early = await h.admin.get(`/v1/admin/requests/${open.body.id}/attestation`);
      assert.equal(early.status, 409);
      assert.match(early.body.error, /issued once the request is closed/);

      const answer = await h.admin.get(`/v1/admin/requests/${requestId}/attestation`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      attestation = answer.body as SignedAttestation;
      const { attestation: a } = attestation;
      assert.equal(a.request.type, 'delete');
      assert.equal(a.request.status, 'completed');
      assert.equal(a.routing.jurisdiction, 'ccpa');
      assert.equal(a.deadlines.onTime, true);
      assert.deepEqual(a.verification.points.sort(), ['email', 'matched:name']);
      assert.equal(a.stores?.state, 'done');
      assert.deepEqual(a.stores?.results.flatMap((result) => result.store ?? []), ['acme']);
      assert.deepEqual(a.notices.map((notice) => [notice.partner, notice.topic, notice.status, notice.onTime]), [['fulfilment-co', 'delete', 'delivered', true]]);
      assert.deepEqual((a.notices[0]!.acknowledgement as { body: unknown }).body, { done: 'deleted' });
      const actions = a.audit.events.map((event) => event.action);
      assert.ok(actions.includes('request.received') && actions.includes('request.fulfilled'), actions.join());
      assert.deepEqual(a.audit.events.map((event) => event.seq), [...a.audit.events.map((event) => event.seq)].sort((x, y) => x - y));
      assert.equal(attestation.signature.algorithm, 'Ed25519');
      const text = JSON.stringify(attestation);
      assert.ok(!text.includes(pat.email) && !text.includes(pat.name) && !text.includes(pat.phone), 'the attestation names no one');
      assert.deepEqual(await checkAttestation(db(), attestation), { intact: true, requestId });
    });

    test('a re-indented copy still checks; a changed result, a forged key or a changed deadline does not', async () => {
      const reordered = JSON.parse(JSON.stringify({ signature: attestation.signature, attestation: attestation.attestation }, null, 4));
      assert.equal((await checkAttestation(db(), reordered)).intact, true);

      const changed = copyOf(attestation);
      (changed.attestation.stores!.results[0] as unknown as { tables: { rows: number }[] }).tables[0]!.rows = 0;
      const changedCheck = await checkAttestation(db(), changed);
      assert.equal(changedCheck.intact, false);
      assert.match(JSON.stringify(changedCheck), /changed after signing/);

      const late = copyOf(attestation);
      late.attestation.deadlines.dueAt = new Date(Date.parse(late.attestation.deadlines.dueAt) + 86_400_000).toISOString();
      assert.equal((await checkAttestation(db(), late)).intact, false);

      const otherKey = copyOf(attestation);
      otherKey.signature.keyId = '0123456789abcdef';
      assert.match(JSON.stringify(await checkAttestation(db(), otherKey)), /not one of this collector's signing keys/);

      const broken = await checkAttestation(db(), { attestation: { format: 'something-else' }, signature: {} });
      assert.equal(broken.intact, false);
      assert.match(JSON.stringify(broken), /attestation\.format/);
    });

    test('an edited audit event is named by the chain check and breaks the attestation', async () => {
      assert.equal((await verifyAuditChain(db())).intact, true);
      const [fulfilled] = await rows<{ id: number; detail: unknown }>(h.collector.database,
        sql`select id::int, detail from audit_events where subject = ${requestId} and action = 'request.fulfilled'`);
      await tamper(db(), sql`update audit_events set detail = '{"stores": []}'::jsonb where id = ${fulfilled!.id}`);
      try {
        const verdict = await verifyAuditChain(db());
        assert.equal(verdict.intact, false);
        assert.ok(!verdict.intact && verdict.fault === 'edited' && verdict.eventId === fulfilled!.id, JSON.stringify(verdict));
        assert.match(verdict.intact ? '' : verdict.message, new RegExp(`audit event ${fulfilled!.id} .*edited`));
        assert.match(JSON.stringify(await checkAttestation(db(), attestation)), /request\.fulfilled\) was edited/);
        const answer = await h.admin.get('/v1/admin/audit/verification');
        assert.deepEqual([answer.status, answer.body.intact, answer.body.eventId], [200, false, fulfilled!.id], 'the running collector says the same');
      } finally {
        await tamper(db(), sql`update audit_events set detail = ${JSON.stringify(fulfilled!.detail)}::jsonb where id = ${fulfilled!.id}`);
      }
      assert.equal((await verifyAuditChain(db())).intact, true, 'put back as it was, the chain holds again');
    });

    test('a removed event, a removed link, two swapped events and an event written past the chain are each named', async () => {
      const events = await rows<{ id: number; at: string; actor: string; action: string; subject: string; detail: unknown }>(h.collector.database,
        sql`select id::int, at::text as at, actor, action, subject, detail from audit_events where subject = ${requestId} order by id`);
      const [first, second] = events;
      const expectFault = async (fault: string, eventId: number) => {
        const verdict = await verifyAuditChain(db());
        assert.ok(!verdict.intact && verdict.fault === fault && verdict.eventId === eventId, `${fault} ${eventId}: ${JSON.stringify(verdict)}`);
      };

      await tamper(db(), sql`delete from audit_events where id = ${second!.id}`);
      await expectFault('missing', second!.id);
      await tamper(db(), sql`insert into audit_events (id, at, actor, action, subject, detail)
        values (${second!.id}, ${second!.at}::timestamptz, ${second!.actor}, ${second!.action}, ${second!.subject}, ${JSON.stringify(second!.detail)}::jsonb)`);
      assert.equal((await verifyAuditChain(db())).intact, true);

      const [link] = await rows<{ seq: number; prev_hash: string; hash: string }>(h.collector.database,
        sql`select seq::int, prev_hash, hash from audit_chain where event_id = ${second!.id}`);
      await tamper(db(), sql`delete from audit_chain where seq = ${link!.seq}`);
      const [next] = await rows<{ event_id: number }>(h.collector.database, sql`select event_id::int from audit_chain where seq > ${link!.seq} order by seq limit 1`);
      await expectFault('gap', next!.event_id);
      await tamper(db(), sql`insert into audit_chain (seq, event_id, prev_hash, hash) values (${link!.seq}, ${second!.id}, ${link!.prev_hash}, ${link!.hash})`);

      const swap = (a: typeof first, b: typeof first) => sql`update audit_events set action = ${b!.action}, detail = ${JSON.stringify(b!.detail)}::jsonb, at = ${b!.at}::timestamptz where id = ${a!.id}`;
      await tamper(db(), swap(first, second));
      await tamper(db(), swap(second, first));
      await expectFault('edited', first!.id);
      await tamper(db(), swap(first, first));
      await tamper(db(), swap(second, second));
      assert.equal((await verifyAuditChain(db())).intact, true);

      await tamper(db(), sql`insert into audit_events (actor, action, subject) values ('staff', 'request.completed', ${requestId})`);
      const [forged] = await rows<{ id: number }>(h.collector.database, sql`select max(id)::int as id from audit_events`);
      await expectFault('unchained', forged!.id);
      await tamper(db(), sql`delete from audit_events where id = ${forged!.id}`);
      assert.equal((await verifyAuditChain(db())).intact, true);
    });

    test('events written by many transactions at once are chained one after another in the order they commit', async () => {
      const before = (await verifyAuditChain(db())).links;
      await Promise.all(Array.from({ length: 24 }, (_, n) => db().transaction(async (tx) => {
        await audit(tx, { actor: 'test', action: 'test.parallel', subject: `parallel-${n}` }, { actor: 'test', action: 'test.parallel', subject: `parallel-${n}` });
        await tx.execute(sql`select pg_sleep(${(n % 4) / 100})`);
      })));
      const verdict = await verifyAuditChain(db());
      assert.ok(verdict.intact, JSON.stringify(verdict));
      assert.equal(verdict.links, before + 48);
      const [{ events }] = await rows<{ events: number }>(h.collector.database, sql`select count(*)::int as events from audit_events`) as [{ events: number }];
      assert.equal(verdict.links, events, 'every event has exactly one link');
    });

    if (kind === 'postgres') {
      test('cordon verify-audit and cordon verify-attestation answer with their exit codes and name what is wrong', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cordon-proof-'));
        const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'collector/cli/main.ts', ...args], {
          env: { ...process.env, DATABASE_URL: h.collector.database.url }, encoding: 'utf8',
        });
        try {
          const good = join(dir, 'attestation.json');
          writeFileSync(good, JSON.stringify(attestation, null, 2));
          const intact = run('verify-attestation', good);
          assert.equal(intact.status, 0, intact.stderr);
          assert.match(intact.stdout, /is intact and signed by this collector/);
          assert.equal(run('verify-audit').status, 0);

          const changed = copyOf(attestation);
          changed.attestation.result.outcome = 'denied';
          const bad = join(dir, 'changed.json');
          writeFileSync(bad, JSON.stringify(changed));
          const refused = run('verify-attestation', bad);
          assert.equal(refused.status, 1);
          assert.match(refused.stderr, /changed after signing/);
          assert.equal(run('verify-attestation', join(dir, 'absent.json')).status, 1);
          assert.equal(run('verify-attestation').status, 2);

          const [event] = await rows<{ id: number }>(h.collector.database, sql`select min(id)::int as id from audit_events where subject = ${requestId}`);
          await tamper(db(), sql`update audit_events set actor = 'someone else' where id = ${event!.id}`);
          const broken = run('verify-audit');
          assert.equal(broken.status, 1);
          assert.match(broken.stderr, new RegExp(`audit event ${event!.id} \\(link \\d+\\) no longer matches its link`));
          assert.equal(run('verify-attestation', good).status, 1);
          await tamper(db(), sql`update audit_events set actor = 'consumer' where id = ${event!.id}`);
          assert.ok(![intact, refused, broken].some((r) => `${r.stdout}${r.stderr}`.includes(pat.email)), 'nothing printed names the consumer');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
