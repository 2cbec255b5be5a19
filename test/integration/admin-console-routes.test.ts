import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents, outbox } from '../../collector/db/schema.ts';
import { consoleAssets } from '../../collector/routes/console.ts';
import { claimDue, defaultOutboxOptions, deliverClaimed } from '../../collector/outbox/worker.ts';
import { storeRecords } from '../../collector/services/preferences.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { record, testConfig } from '../helpers/fixtures.ts';
import { intakeBody, latestCode, mailOf, manualClock, startRequests, type RequestsHarness } from '../helpers/requests.ts';

/** The admin routes the console reads beyond the queue and the decisions: filters, the clock, previews, notices, opt-out rates. */
for (const kind of databaseKinds) {
  describe(`admin routes for the console on ${kind}`, () => {
    let h: RequestsHarness;
    const time = manualClock('2026-03-02T18:00:00Z');
    before(async () => {
      h = await startRequests(kind, {
        clock: time.clock,
        config: testConfig({ partners: [{ id: 'dsp', url: 'http://127.0.0.1:9/optouts', secret: 'partner-secret-0123456789abcdef0123456789', signals: ['sale', 'sharing'], maxAttempts: 1 }] }),
      });
    });
    after(() => h.close());

    const submit = async (overrides: Record<string, unknown>) => {
      const answer = await h.api.post('/v1/requests', intakeBody(overrides));
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body as { id: string; statusUrl: string };
    };
    const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

    test('the queue filters by type, law, id prefix and due date, and shows the deadline clock', async () => {
      time.set('2026-03-02T18:00:00Z');
      const deletion = await submit({ type: 'delete' });
      const access = await submit({ type: 'access', jurisdiction: 'gdpr' });
      const know = await submit({ type: 'know-categories' });

      assert.deepEqual(ids((await h.admin.get('/v1/admin/requests?type=delete')).body), [deletion.id]);
      assert.deepEqual(ids((await h.admin.get('/v1/admin/requests?jurisdiction=gdpr')).body), [access.id]);
      assert.deepEqual(ids((await h.admin.get(`/v1/admin/requests?id=${know.id.slice(0, 8).toUpperCase()}`)).body), [know.id]);
      assert.deepEqual(ids((await h.admin.get('/v1/admin/requests?site=elsewhere')).body), []);
      assert.deepEqual(ids((await h.admin.get('/v1/admin/requests?dueWithinDays=40')).body), [access.id], 'only the GDPR month falls within 40 days');
      const bad = await h.admin.get('/v1/admin/requests?id=zz-not-hex&jurisdiction=eu');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.issues.map((issue: string) => issue.split(':')[0]).sort(), ['id', 'jurisdiction']);

      const [item] = (await h.admin.get('/v1/admin/requests?type=delete')).body.items;
      assert.deepEqual(item.clock, {
        acknowledgeBy: '2026-03-17T06:59:59.999Z', acknowledged: true, businessDaysToAcknowledge: null, calendarDaysToDue: 45, timeZone: 'America/Los_Angeles',
      });
      const [gdpr] = (await h.admin.get('/v1/admin/requests?type=access')).body.items;
      assert.equal(gdpr.clock.timeZone, 'Europe/Brussels');
      time.set('2026-04-20T18:00:00Z');
      const late = (await h.admin.get('/v1/admin/requests?type=delete')).body.items[0];
      assert.equal(late.clock.calendarDaysToDue, -4, 'due Apr 16 in California, four days ago');
      assert.equal(late.overdue, true);
    });

    test('a preview shows the very mail an action sends, changes nothing, and names what the law refuses', async () => {
      time.set('2026-05-04T18:00:00Z');
      const request = await submit({ type: 'delete' });
      const verified = await h.api.post(`/v1/requests/${request.id}/verify`, { code: await latestCode(h.admin, request.id) });
      assert.equal(verified.body.status, 'verifying', 'a deletion needs staff to confirm the identity');
      const mailBefore = (await mailOf(h.admin, request.id)).length;
      const reason = 'the data sits in an archive that takes weeks to restore';
      const preview = await h.admin.post(`/v1/admin/requests/${request.id}/preview`, { action: 'extend', reason });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.refused, null);
      assert.equal(preview.body.dueAt, '2026-08-03T06:59:59.999Z', '90 days from receipt');
      assert.equal(preview.body.mail.subject, 'We need more time for your privacy request');
      assert.equal((await mailOf(h.admin, request.id)).length, mailBefore, 'a preview sends nothing');
      assert.equal((await h.admin.get(`/v1/admin/requests/${request.id}`)).body.extended, false);

      assert.equal((await h.admin.post(`/v1/admin/requests/${request.id}/extend`, { reason })).status, 200);
      const [sent] = await mailOf(h.admin, request.id);
      assert.equal(sent!.text, preview.body.mail.text);
      assert.equal(sent!.subject, preview.body.mail.subject);

      const again = await h.admin.post(`/v1/admin/requests/${request.id}/preview`, { action: 'extend', reason: 'more' });
      assert.match(again.body.refused, /already extended once/);
      assert.equal(again.body.mail, null);
      const early = await h.admin.post(`/v1/admin/requests/${request.id}/preview`, { action: 'complete', outcome: 'complied', summary: 'done' });
      assert.match(early.body.refused, /cannot be completed; verify it first/);
      const denial = await h.admin.post(`/v1/admin/requests/${request.id}/preview`, { action: 'deny', basis: 'unverifiable', explanation: 'We could not confirm it is you.' });
      assert.equal(denial.body.status, 'denied');
      assert.match(denial.body.mail.text, /We could not confirm it is you\./);
      const unnamed = await h.admin.post(`/v1/admin/requests/${request.id}/preview`, { action: 'deny', explanation: 'x' });
      assert.equal(unnamed.status, 400);
      assert.ok(unnamed.body.issues.some((issue: string) => issue.startsWith('basis:')));

      const confirmIdentity = await h.admin.post(`/v1/admin/requests/${request.id}/preview`, { action: 'approve', reason: 'matched' });
      assert.deepEqual([confirmIdentity.body.status, confirmIdentity.body.mail], ['in_progress', null]);
    });

    test('dead-lettered partner notices are listed and sent again on retry; a delivered one is refused', async () => {
      time.set('2026-05-11T18:00:00Z');
      await storeRecords(h.collector.deps.db, h.collector.deps.config, [record(), record()], time.clock());
      await deliverClaimed(h.collector.deps, await claimDue(h.collector.deps.db, time.clock(), defaultOutboxOptions), { ...defaultOutboxOptions, requestTimeoutMs: 1_000 });
      const dead = await h.admin.get('/v1/admin/notices?status=dead');
      assert.equal(dead.status, 200);
      assert.deepEqual(dead.body.counts, { pending: 0, dead: 2 });
      assert.equal(dead.body.items[0].partner, 'dsp');
      assert.match(dead.body.items[0].lastError, /network/);

      const id = dead.body.items[0].id as number;
      const retried = await h.admin.post(`/v1/admin/notices/${id}/retry`, {});
      assert.equal(retried.status, 200);
      assert.equal(retried.body.status, 'pending');
      assert.equal(retried.body.maxAttempts, 2, 'one more attempt');
      assert.deepEqual((await h.admin.get('/v1/admin/notices?status=pending')).body.items.map((item: { id: number }) => item.id), [id]);
      const [row] = await h.collector.deps.db.select().from(outbox).where(eq(outbox.id, id));
      const events = await h.collector.deps.db.select().from(auditEvents).where(eq(auditEvents.subject, row!.idempotencyKey));
      assert.ok(events.some((event) => event.action === 'outbox.retried' && event.actor.startsWith('key:')));

      await h.collector.deps.db.update(outbox).set({ status: 'delivered' }).where(eq(outbox.id, id));
      assert.equal((await h.admin.post(`/v1/admin/notices/${id}/retry`, {})).status, 409);
      assert.equal((await h.admin.post('/v1/admin/notices/not-a-number/retry', {})).status, 400);
    });

    test('the opt-out rate counts each browser once a week, by where its last choice that week left it', async () => {
      time.set('2026-06-17T18:00:00Z'); // a Wednesday; the week starts Monday June 15
      const device = 'rate-device-1';
      const choices = (optOut: boolean) => ({ saleOptOut: optOut, sharingOptOut: optOut, limitSensitive: false });
      await storeRecords(h.collector.deps.db, h.collector.deps.config, [
        record({ deviceId: device, occurredAt: '2026-06-08T10:00:00Z', choices: choices(true) }),
        record({ deviceId: device, occurredAt: '2026-06-09T10:00:00Z', choices: choices(false) }),
        record({ occurredAt: '2026-06-10T10:00:00Z', choices: choices(true) }),
        record({ occurredAt: '2026-06-16T10:00:00Z', choices: choices(true) }),
        record({ occurredAt: '2026-01-05T10:00:00Z', choices: choices(true) }),
      ], time.clock());
      const rate = await h.admin.get('/v1/admin/opt-out-rate?weeks=2');
      assert.equal(rate.status, 200);
      assert.equal(rate.body.from, '2026-06-08');
      const shop = rate.body.sites.find((site: { site: string }) => site.site === 'shop');
      assert.deepEqual(shop.weeks, [{ week: '2026-06-08', devices: 2, optedOut: 1 }, { week: '2026-06-15', devices: 1, optedOut: 1 }]);
      assert.equal((await h.admin.get('/v1/admin/opt-out-rate?weeks=0')).status, 400);
    });

    test('the console page and its files are served; the sites are listed for its filters', async () => {
      assert.deepEqual((await h.admin.get('/v1/admin/sites')).body, { sites: [{ id: 'shop', regime: 'opt-out' }] });
      const page = await fetch(`${h.collector.url}/console`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<script type="module" src="\/console\/console.js"><\/script>/);
      // Every file the console's build writes is served, so the dashboard's charts chunk too, under the page's CSP.
      const built = readdirSync(new URL('../../dist/console/', import.meta.url)).sort();
      assert.deepEqual(built, Object.keys(consoleAssets).sort(), 'the route names each file of dist/console');
      for (const file of built) {
        const served = await fetch(`${h.collector.url}/console/${file}`);
        assert.equal(served.status, 200, file);
        assert.equal(served.headers.get('content-type'), file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
        assert.match(served.headers.get('content-security-policy') ?? '', /script-src 'self'/);
        await served.arrayBuffer();
      }
      assert.equal((await fetch(`${h.collector.url}/console/../cordon.config.json`)).status, 404);
      assert.equal((await fetch(`${h.collector.url}/console/other.js`)).status, 404);
    });
  });
}
