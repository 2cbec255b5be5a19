import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { rightsRequests } from '../../collector/db/schema.ts';
import { createApiKey } from '../../collector/services/api-keys.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { client } from '../helpers/http.ts';
import {
  days, intakeBody, latestCode, mailOf, manualClock, startRequests, type RequestsHarness,
} from '../helpers/requests.ts';

const statusPath = (statusUrl: string) => { const url = new URL(statusUrl); return url.pathname + url.search; };

for (const kind of databaseKinds) {
  describe(`admin routes on ${kind}`, () => {
    let h: RequestsHarness;
    const time = manualClock('2026-01-15T18:00:00Z');
    before(async () => { h = await startRequests(kind, { clock: time.clock }); });
    after(() => h.close());

    const submit = async (overrides: Record<string, unknown>) => {
      const answer = await h.api.post('/v1/requests', intakeBody(overrides));
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body as { id: string; status: string; statusUrl: string; dueAt: string };
    };
    /** Verified by code, then by staff where the level needs it: a request ready to be answered. */
    const inProgress = async (overrides: Record<string, unknown>) => {
      const request = await submit(overrides);
      const verified = await h.api.post(`/v1/requests/${request.id}/verify`, { code: await latestCode(h.admin, request.id) });
      if (verified.body.status === 'verifying') {
        assert.equal((await h.admin.post(`/v1/admin/requests/${request.id}/approve`, { reason: 'matched the account record' })).status, 200);
      }
      return request;
    };

    test('admin routes need an admin key', async () => {
      assert.equal((await h.api.get('/v1/admin/requests')).status, 401);
      assert.equal((await client(h.collector.url, { authorization: 'Bearer not-a-key-0123456789' }).get('/v1/admin/requests')).status, 401);
      const { key } = await createApiKey(h.collector.deps.db, { name: 'backend', admin: false });
      const backend = await client(h.collector.url, { authorization: `Bearer ${key}` }).get('/v1/admin/requests');
      assert.equal(backend.status, 403);
    });

    test('the queue pages by nearest deadline, deletions and opt-outs first among equals', async () => {
      time.set('2026-01-15T18:00:00Z');
      const know = await submit({ type: 'know-categories' });
      const del = await submit({ type: 'delete' });
      const access = await submit({ type: 'access', jurisdiction: 'gdpr' });
      await submit({ type: 'opt-out' });
      time.set('2026-01-16T18:00:00Z');
      const later = await submit({ type: 'correct', details: { inaccurate: 'name', correction: 'Pat Doe' } });
      const seen: { id: string; dueAt: string }[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await h.admin.get(`/v1/admin/requests?limit=2${query}`);
        assert.equal(page.status, 200);
        assert.ok(page.body.items.length <= 2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      const ours = seen.map((item) => item.id).filter((id) => [know.id, del.id, access.id, later.id].includes(id));
      assert.deepEqual(ours, [access.id, del.id, know.id, later.id], 'GDPR month (Feb 15) first, then Mar 1 deletion before know, then Mar 2');
      assert.equal(new Set(seen.map((item) => item.id)).size, seen.length, 'no request twice across pages');
      const bad = await h.admin.get('/v1/admin/requests?cursor=garbage');
      assert.equal(bad.status, 400);
      assert.ok(bad.body.issues[0].startsWith('cursor:'));
    });

    test('an extension: once, with the reason mailed, before the original deadline', async () => {
      time.set('2026-01-15T18:00:00Z');
      const request = await inProgress({ type: 'delete' });
      const empty = await h.admin.post(`/v1/admin/requests/${request.id}/extend`, { reason: '' });
      assert.equal(empty.status, 400);
      assert.ok(empty.body.issues[0].startsWith('reason:'));
      const extended = await h.admin.post(`/v1/admin/requests/${request.id}/extend`, { reason: 'the data sits in three archived systems' });
      assert.equal(extended.status, 200);
      assert.equal(extended.body.dueAt, '2026-04-16T06:59:59.999Z', '90 days from receipt');
      assert.equal(extended.body.extended, true);
      const [notice] = await mailOf(h.admin, request.id);
      assert.equal(notice!.template, 'extension');
      assert.match(notice!.text!, /three archived systems/);
      assert.match(notice!.text!, /2026-04-15/);
      assert.equal((await h.admin.post(`/v1/admin/requests/${request.id}/extend`, { reason: 'again' })).status, 409);

      const late = await inProgress({ type: 'correct', details: { inaccurate: 'a', correction: 'b' } });
      time.advance(46 * days);
      const refused = await h.admin.post(`/v1/admin/requests/${late.id}/extend`, { reason: 'too late' });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error, /before the original deadline/);
    });

    test('a GDPR extension adds two months, clamped to the month end', async () => {
      time.set('2026-01-31T10:00:00Z');
      const request = await inProgress({ type: 'portability', jurisdiction: 'gdpr' });
      assert.equal(request.dueAt, '2026-02-28T22:59:59.999Z');
      const extended = await h.admin.post(`/v1/admin/requests/${request.id}/extend`, { reason: 'numerous requests this month' });
      assert.equal(extended.body.dueAt, '2026-04-30T21:59:59.999Z');
    });

    test('completion attaches the result, which the consumer reads behind the status secret', async () => {
      time.set('2026-02-01T18:00:00Z');
      const request = await inProgress({ type: 'access', jurisdiction: 'gdpr' });
      const data = { orders: [{ id: 'A-1', total: 12.5 }], newsletter: true };
      const completed = await h.admin.post(`/v1/admin/requests/${request.id}/complete`, { outcome: 'complied', summary: 'Your data is attached.', data });
      assert.equal(completed.status, 200);
      assert.equal(completed.body.status, 'completed');
      const status = await h.api.get(statusPath(request.statusUrl));
      assert.equal(status.body.status, 'completed');
      assert.deepEqual(status.body.result, { summary: 'Your data is attached.', data });
      assert.equal(status.body.respondedAt, '2026-02-01T18:00:00.000Z');
      const wrong = await h.api.get(`/v1/requests/${request.id}?secret=${'A'.repeat(32)}`);
      assert.equal(wrong.status, 404);
      const detail = await h.admin.get(`/v1/admin/requests/${request.id}`);
      assert.equal(detail.body.contact, null, 'a closed request keeps no contact data');
      assert.deepEqual(detail.body.history.filter((event: { action: string }) => event.action === 'request.transition').map((event: { detail: { to: string } }) => event.detail.to),
        ['verifying', 'in_progress', 'completed']);
    });

    test('illegal transitions are refused', async () => {
      const verifying = await submit({ type: 'erasure', jurisdiction: 'gdpr' });
      const early = await h.admin.post(`/v1/admin/requests/${verifying.id}/complete`, { outcome: 'complied', summary: 'done' });
      assert.equal(early.status, 409);
      const optOut = await submit({ type: 'opt-out' });
      assert.equal((await h.admin.post(`/v1/admin/requests/${optOut.id}/deny`, { basis: 'other', explanation: 'no' })).status, 409);
      assert.equal((await h.admin.post(`/v1/admin/requests/${optOut.id}/approve`, { reason: 'x' })).status, 409);
      assert.equal((await h.admin.post(`/v1/admin/requests/${optOut.id}/extend`, { reason: 'x' })).status, 409);
      assert.equal((await h.admin.get('/v1/admin/requests/not-a-uuid')).status, 400);
      assert.equal((await h.admin.get('/v1/admin/requests/00000000-0000-4000-8000-000000000000')).status, 404);
    });

    test('a denial records its basis; under GDPR the mail names the right to complain', async () => {
      const request = await submit({ type: 'erasure', jurisdiction: 'gdpr' });
      const missingBasis = await h.admin.post(`/v1/admin/requests/${request.id}/deny`, { explanation: 'x' });
      assert.ok(missingBasis.body.issues[0].startsWith('basis:'));
      const denied = await h.admin.post(`/v1/admin/requests/${request.id}/deny`, { basis: 'unverifiable', explanation: 'We could not confirm your identity.' });
      assert.equal(denied.body.status, 'denied');
      const status = await h.api.get(statusPath(request.statusUrl));
      assert.deepEqual(status.body.denial, { basis: 'unverifiable', explanation: 'We could not confirm your identity.' });
      const [mail] = await mailOf(h.admin, request.id);
      assert.match(mail!.text!, /supervisory authority/);
    });

    test('the database refuses to delete a request record younger than 24 months (§7101)', async () => {
      const request = await submit({ type: 'know-categories' });
      await assert.rejects(
        h.collector.deps.db.delete(rightsRequests).where(eq(rightsRequests.id, request.id)),
        (error: Error) => /kept 24 months/.test(`${error.message} ${(error.cause as Error | undefined)?.message}`),
      );
      assert.equal(await h.collector.deps.db.$count(rightsRequests, eq(rightsRequests.id, request.id)), 1);
    });

    test('a person settles the law of a request under review, and the consumer then gets a code', async () => {
      const request = await submit({ type: 'erasure', jurisdiction: 'ccpa' });
      assert.equal(request.status, 'received');
      const noLaw = await h.admin.post(`/v1/admin/requests/${request.id}/approve`, { reason: 'EU resident' });
      assert.ok(noLaw.body.issues[0].startsWith('jurisdiction:'));
      const mismatch = await h.admin.post(`/v1/admin/requests/${request.id}/approve`, { reason: 'Californian', jurisdiction: 'ccpa' });
      assert.ok(mismatch.body.issues[0].startsWith('type:'));
      const settled = await h.admin.post(`/v1/admin/requests/${request.id}/approve`, { reason: 'Californian asking for deletion', jurisdiction: 'ccpa', type: 'delete' });
      assert.equal(settled.status, 200);
      assert.equal(settled.body.status, 'verifying');
      assert.equal(settled.body.type, 'delete');
      assert.equal(settled.body.review, null);
      const code = await latestCode(h.admin, request.id);
      const verified = await h.api.post(`/v1/requests/${request.id}/verify`, { code });
      assert.equal(verified.status, 200);
    });
  });

  describe(`§7102 metrics on ${kind}`, () => {
    let h: RequestsHarness;
    const time = manualClock('2025-06-01T18:00:00Z');
    before(async () => { h = await startRequests(kind, { clock: time.clock }); });
    after(() => h.close());

    test('per type: received, complied, denied, median and mean days, as JSON and CSV', async () => {
      const post = (body: Record<string, unknown>) => h.api.post('/v1/requests', intakeBody(body)).then((answer) => answer.body as { id: string });
      await post({ type: 'delete' }); // 2025: not in the 2026 report
      time.set('2026-03-02T18:00:00Z');
      const know1 = await post({ type: 'know-categories' });
      const know2 = await post({ type: 'know-specific' });
      await post({ type: 'delete' });
      await post({ type: 'opt-out' });
      await post({ type: 'limit' });
      await post({ type: 'access', jurisdiction: 'gdpr' }); // GDPR: not a §7102 figure
      await h.api.post(`/v1/requests/${know1.id}/verify`, { code: await latestCode(h.admin, know1.id) });
      await h.admin.post(`/v1/admin/requests/${know1.id}/approve`, { reason: 'matched' });
      time.set('2026-03-05T18:00:00Z');
      await h.admin.post(`/v1/admin/requests/${know2.id}/deny`, { basis: 'unverifiable', explanation: 'Not verified.' });
      time.set('2026-03-12T18:00:00Z');
      await h.admin.post(`/v1/admin/requests/${know1.id}/complete`, { outcome: 'complied-in-part', summary: 'Categories listed.' });

      const report = await h.admin.get('/v1/admin/metrics?year=2026');
      assert.equal(report.status, 200);
      assert.deepEqual(report.body.types, [
        { type: 'know', received: 2, compliedInWholeOrPart: 1, denied: 1, medianDays: 6.5, meanDays: 6.5 },
        { type: 'delete', received: 1, compliedInWholeOrPart: 0, denied: 0, medianDays: null, meanDays: null },
        { type: 'correct', received: 0, compliedInWholeOrPart: 0, denied: 0, medianDays: null, meanDays: null },
        { type: 'opt-out', received: 1, compliedInWholeOrPart: 1, denied: 0, medianDays: 0, meanDays: 0 },
        { type: 'limit', received: 1, compliedInWholeOrPart: 1, denied: 0, medianDays: 0, meanDays: 0 },
      ]);
      const csv = await fetch(`${h.collector.url}/v1/admin/metrics.csv?year=2026`, { headers: { authorization: `Bearer ${h.adminKey}` } });
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(await csv.text(), [
        'type,received,complied_in_whole_or_part,denied,median_days,mean_days',
        'know,2,1,1,6.5,6.5', 'delete,1,0,0,,', 'correct,0,0,0,,', 'opt-out,1,1,0,0,0', 'limit,1,1,0,0,0', '',
      ].join('\n'));
      assert.equal((await h.admin.get('/v1/admin/metrics?year=26')).status, 400);
      const viaFormat = await fetch(`${h.collector.url}/v1/admin/metrics?year=2025&format=csv`, { headers: { authorization: `Bearer ${h.adminKey}` } });
      assert.match(await viaFormat.text(), /\ndelete,1,0,0,,\n/);
    });
  });
}
