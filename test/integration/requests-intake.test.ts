import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { auditEvents, outbox, preferenceRecords, requestMail, rightsRequests } from '../../collector/db/schema.ts';
import { createApiKey } from '../../collector/services/api-keys.ts';
import { emailHash } from '../../collector/services/hashing.ts';
import { ccpaTypes, gdprTypes } from '../../shared/requests.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { siteOrigin, testConfig } from '../helpers/fixtures.ts';
import { client } from '../helpers/http.ts';
import { intakeBody, mailOf, newEmail, startRequests, type RequestsHarness } from '../helpers/requests.ts';

const partnerSecret = 'partner-secret-0123456789abcdef0123456789';
const detailsFor = (type: string) => (type === 'correct' || type === 'rectification'
  ? { inaccurate: 'my postal address', correction: '1 New Street' }
  : undefined);

for (const kind of databaseKinds) {
  describe(`POST /v1/requests on ${kind}`, () => {
    let h: RequestsHarness;
    before(async () => {
      h = await startRequests(kind, {
        config: testConfig({ partners: [{ id: 'dsp', url: 'http://127.0.0.1:9/none', secret: partnerSecret, signals: ['sale', 'sharing', 'sensitive'] }] }),
      });
    });
    after(() => h.close());

    for (const type of [...ccpaTypes, ...gdprTypes]) {
      test(`takes in ${type}`, async () => {
        const jurisdiction = (ccpaTypes as readonly string[]).includes(type) ? 'ccpa' : 'gdpr';
        const email = newEmail();
        const answer = await h.api.post('/v1/requests', intakeBody({ type, jurisdiction, email, details: detailsFor(type) }));
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        const immediate = type === 'opt-out' || type === 'limit';
        assert.equal(answer.body.status, immediate ? 'completed' : 'verifying');
        assert.match(answer.body.statusUrl, /\/v1\/requests\/[0-9a-f-]{36}\?secret=[\w-]{32}$/);
        assert.equal(Boolean(answer.body.acknowledgeBy), jurisdiction === 'ccpa' && !immediate, 'only CCPA requests carry an acknowledgement deadline');
        const [row] = await h.collector.deps.db.select().from(rightsRequests).where(eq(rightsRequests.id, answer.body.id));
        assert.equal(row?.emailHash, emailHash(email));
        assert.ok(!JSON.stringify(row).includes(email.toLowerCase()), 'the address is never stored in the clear');
        const mail = await mailOf(h.admin, answer.body.id);
        assert.equal(mail.length, 1);
        assert.equal(mail[0]!.to, email.toLowerCase());
        assert.equal(mail[0]!.status, 'kept', 'no SMTP: the operator reads it');
        const status = await h.api.get(new URL(answer.body.statusUrl).pathname + new URL(answer.body.statusUrl).search);
        assert.equal(status.status, 200);
        assert.equal(status.body.status, answer.body.status);
      });
    }

    test('an opt-out takes effect at once for the email, with a request record and partner notices', async () => {
      const email = newEmail();
      const answer = await h.api.post('/v1/requests', intakeBody({ type: 'opt-out', email }));
      assert.equal(answer.status, 201);
      const [record] = await h.collector.deps.db.select().from(preferenceRecords).where(eq(preferenceRecords.id, answer.body.id));
      assert.equal(record?.source, 'request');
      const { key } = await createApiKey(h.collector.deps.db, { name: 'backend', admin: false });
      const status = await client(h.collector.url, { authorization: `Bearer ${key}` }).get(`/v1/status?email=${encodeURIComponent(email)}`);
      assert.deepEqual(
        { sale: status.body.saleOptOut, sharing: status.body.sharingOptOut, limit: status.body.limitSensitive, source: status.body.source, known: status.body.known },
        { sale: true, sharing: true, limit: false, source: 'request', known: true },
      );
      const notices = await h.collector.deps.db.select().from(outbox).where(eq(outbox.idempotencyKey, `opt-out:${answer.body.id}:dsp:email`));
      assert.equal(notices.length, 1);
      assert.deepEqual(notices[0]!.payload.subject, { email: emailHash(email) });
      assert.deepEqual(notices[0]!.payload.signals, ['sale', 'sharing']);
      const limit = await h.api.post('/v1/requests', intakeBody({ type: 'limit', email }));
      assert.equal(limit.status, 201);
      const after = await client(h.collector.url, { authorization: `Bearer ${key}` }).get(`/v1/status?email=${encodeURIComponent(email)}`);
      assert.equal(after.body.saleOptOut, true, 'a limit request never clears an earlier opt-out');
      assert.equal(after.body.limitSensitive, true);
    });

    test('the same person asking the same thing while it is open gets the open request', async () => {
      const email = newEmail();
      const first = await h.api.post('/v1/requests', intakeBody({ type: 'know-categories', email }));
      const again = await h.api.post('/v1/requests', intakeBody({ type: 'know-categories', email: `  ${email.toUpperCase()} ` }));
      assert.equal(again.status, 200);
      assert.equal(again.body.duplicateOf, first.body.id);
      assert.equal(again.body.id, first.body.id);
      assert.ok(!again.body.statusUrl.includes('secret='), 'the status secret goes only to whoever made the request');
      const other = await h.api.post('/v1/requests', intakeBody({ type: 'delete', email }));
      assert.equal(other.status, 201, 'another type is another request');
      const burst = await Promise.all(Array.from({ length: 8 }, () => h.api.post('/v1/requests', intakeBody({ type: 'access', jurisdiction: 'gdpr', email }))));
      assert.equal(burst.filter((answer) => answer.status === 201).length, 1, 'concurrent duplicates create one request');
      assert.equal(new Set(burst.map((answer) => answer.body.id)).size, 1);
    });

    test('an unclear or conflicting jurisdiction goes to review, held to the stricter deadline', async () => {
      const unclear = await h.api.post('/v1/requests', intakeBody({ type: 'delete', jurisdiction: undefined }));
      assert.equal(unclear.status, 201);
      assert.equal(unclear.body.status, 'received');
      assert.equal(unclear.body.review, 'jurisdiction-unclear');
      const conflict = await h.api.post('/v1/requests', intakeBody({ type: 'erasure', jurisdiction: 'ccpa' }));
      assert.equal(conflict.body.review, 'jurisdiction-conflict');
      const [mail] = await mailOf(h.admin, conflict.body.id);
      assert.equal(mail!.template, 'review');
      assert.ok(!/\b\d{6}\b/.test(mail!.text!), 'no code before a person has settled the law');
      const optOut = await h.api.post('/v1/requests', intakeBody({ type: 'opt-out', jurisdiction: 'gdpr' }));
      assert.equal(optOut.body.status, 'completed', 'an opt-out is honoured whatever law is claimed');
    });

    test('unknown, ambiguous and malformed requests are refused naming the field, and nothing is stored', async () => {
      const before = await h.collector.deps.db.$count(rightsRequests);
      const cases: [Record<string, unknown>, string][] = [
        [intakeBody({ type: 'know' }), 'type: "know" is ambiguous'],
        [intakeBody({ type: 'sell-my-data' }), 'type: "sell-my-data" is not a request type'],
        [intakeBody({ jurisdiction: 'lgpd' }), 'jurisdiction:'],
        [intakeBody({ email: 'not-an-address' }), 'email:'],
        [intakeBody({ type: 'correct' }), 'details:'],
        [intakeBody({ site: 'elsewhere' }), 'site: no site "elsewhere"'],
        [intakeBody({ extra: 1 }), 'Unrecognized key: "extra"'],
        [intakeBody({ agent: { name: 'Agent Co' } }), 'agent.email:'],
      ];
      for (const [body, expected] of cases) {
        const answer = await h.api.post('/v1/requests', body);
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.ok(answer.body.issues.some((issue: string) => issue.includes(expected)), `${expected} in ${answer.body.issues}`);
      }
      const foreign = await h.api.post('/v1/requests', intakeBody(), { origin: 'http://evil.test' });
      assert.equal(foreign.status, 403);
      const fromSite = await h.api.post('/v1/requests', intakeBody(), { origin: siteOrigin });
      assert.equal(fromSite.status, 201);
      assert.equal(await h.collector.deps.db.$count(rightsRequests), before + 1);
    });

    test('property: malformed intake and verification bodies never yield 5xx and store nothing', async () => {
      const requests = await h.collector.deps.db.$count(rightsRequests);
      const mail = await h.collector.deps.db.$count(requestMail);
      const valid = intakeBody({ type: 'correct', details: { inaccurate: 'a', correction: 'b' }, agent: { name: 'A', email: 'a@b.test', permission: { signedBy: 'P', signedOn: '2026-01-01', document: 'I permit' } } });
      const mutated = fc.tuple(fc.constantFrom(...Object.keys(valid)), fc.oneof(fc.constant(undefined), fc.anything(), fc.string(), fc.integer(), fc.constant(null)))
        .map(([key, value]) => {
          const copy: Record<string, unknown> = { ...valid, email: 'fuzz@example.test' };
          if (value === undefined) delete copy[key];
          else copy[key] = value;
          return copy;
        });
      const bodies = fc.oneof(fc.json(), fc.anything().map((value) => JSON.stringify(value) ?? 'null'), fc.string(),
        mutated.map((value) => JSON.stringify(value)));
      let accepted = 0;
      await fc.assert(fc.asyncProperty(bodies, fc.constantFrom('application/json', 'text/plain', 'application/xml'), async (body, type) => {
        const response = await fetch(`${h.collector.url}/v1/requests`, { method: 'POST', headers: { 'content-type': type }, body });
        await response.body?.cancel();
        assert.ok(response.status < 500, `${type} ${body.slice(0, 200)} → ${response.status}`);
        if (response.status === 201) accepted += 1;
      }), { numRuns: 200 });
      await fc.assert(fc.asyncProperty(fc.oneof(fc.json(), fc.string()), fc.oneof(fc.uuid(), fc.string()), async (body, id) => {
        const response = await fetch(`${h.collector.url}/v1/requests/${encodeURIComponent(id)}/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await response.body?.cancel();
        assert.ok(response.status >= 400 && response.status < 500, `${id} ${body.slice(0, 100)} → ${response.status}`);
      }), { numRuns: 100 });
      // A mutation can still be valid (dropping the optional name): only those created a request and its mail.
      assert.equal(await h.collector.deps.db.$count(rightsRequests), requests + accepted);
      assert.equal(await h.collector.deps.db.$count(requestMail), mail + accepted);
    });

    test('the audit trail records receipt and each transition, without the address', async () => {
      const email = newEmail();
      const answer = await h.api.post('/v1/requests', intakeBody({ type: 'delete', email }));
      const events = await h.collector.deps.db.select().from(auditEvents).where(eq(auditEvents.subject, answer.body.id)).orderBy(auditEvents.id);
      assert.deepEqual(events.map((event) => event.action), ['request.received', 'request.transition']);
      assert.deepEqual(events[1]!.detail, { from: 'received', to: 'verifying', reason: 'verification code mailed' });
      assert.ok(!JSON.stringify(events).toLowerCase().includes(email.toLowerCase()));
    });
  });
}
