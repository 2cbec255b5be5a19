import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiKey } from '../../collector/services/api-keys.ts';
import { signAccountToken } from '../../collector/services/account-token.ts';
import { accountHistory } from '../../collector/services/identity.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { startCollector, type RunningCollector } from '../helpers/collector.ts';
import { newDeviceId, record, siteSecret } from '../helpers/fixtures.ts';
import { client } from '../helpers/http.ts';

const token = (account: string, extra: { email?: string; exp?: number } = {}) =>
  signAccountToken(siteSecret, { account, exp: extra.exp ?? Math.floor(Date.now() / 1000) + 600, ...(extra.email ? { email: extra.email } : {}) });

for (const kind of databaseKinds) {
  describe(`status and identity on ${kind}`, () => {
    let collector: RunningCollector;
    let api: ReturnType<typeof client>;
    let anonymous: ReturnType<typeof client>;
    before(async () => {
      collector = await startCollector(kind);
      const { key } = await createApiKey(collector.deps.db, { name: 'billing', admin: false });
      api = client(collector.url, { authorization: `Bearer ${key}` });
      anonymous = client(collector.url);
    });
    after(() => collector.close());

    test('refuses callers without a valid API key', async () => {
      assert.equal((await anonymous.get('/v1/status?device=abcdefghijklmnop')).status, 401);
      assert.equal((await anonymous.get('/v1/status?device=abcdefghijklmnop', { authorization: 'Bearer cordon_live_not-a-real-key-123' })).status, 401);
    });

    test('an unknown subject gets the regime defaults and known: false', async () => {
      const answer = await api.get(`/v1/status?device=${newDeviceId()}`);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { saleOptOut: false, sharingOptOut: false, limitSensitive: false, gpc: false, source: 'default', updatedAt: null, known: false });
    });

    test('a device answers with its latest record', async () => {
      const one = record({ gpc: true, source: 'gpc', choices: { saleOptOut: true, sharingOptOut: true, limitSensitive: false } });
      await client(collector.url).post('/v1/records', one);
      const answer = await api.get(`/v1/status?device=${one.deviceId}`);
      assert.deepEqual(answer.body, { saleOptOut: true, sharingOptOut: true, limitSensitive: false, gpc: true, source: 'gpc', updatedAt: one.occurredAt, known: true });
      assert.equal(answer.headers.get('content-type'), 'application/json');
    });

    test('a GPC record never opts a device back in, while the person can', async () => {
      const deviceId = newDeviceId();
      const t0 = Date.parse('2026-03-01T10:00:00Z');
      const at = (s: number) => new Date(t0 + s * 1000).toISOString();
      await anonymous.post('/v1/records', record({ deviceId, occurredAt: at(0), choices: { saleOptOut: true, sharingOptOut: true, limitSensitive: true } }));
      await anonymous.post('/v1/records', record({ deviceId, occurredAt: at(1), source: 'gpc', gpc: true, choices: { saleOptOut: true, sharingOptOut: true, limitSensitive: false } }));
      assert.equal((await api.get(`/v1/status?device=${deviceId}`)).body.limitSensitive, true);
      await anonymous.post('/v1/records', record({ deviceId, occurredAt: at(2), source: 'user', choices: { saleOptOut: false, sharingOptOut: true, limitSensitive: false } }));
      const now = (await api.get(`/v1/status?device=${deviceId}`)).body;
      assert.equal(now.saleOptOut, false);
      assert.equal(now.limitSensitive, false);
      // A late opt-out from a browser that was offline still applies.
      await anonymous.post('/v1/records', record({ deviceId, occurredAt: at(-60), choices: { saleOptOut: true, sharingOptOut: false, limitSensitive: false } }));
      assert.equal((await api.get(`/v1/status?device=${deviceId}`)).body.saleOptOut, true);
    });

    test('linking two devices merges their opt-outs and histories into the account', async () => {
      const phone = record({ choices: { saleOptOut: true, sharingOptOut: false, limitSensitive: false } });
      const laptop = record({ choices: { saleOptOut: false, sharingOptOut: false, limitSensitive: true } });
      await anonymous.post('/v1/records', phone);
      await anonymous.post('/v1/records', laptop);
      const account = `acct-${kind}-42`;
      const first = await anonymous.post('/v1/identify', { site: 'shop', deviceId: phone.deviceId, token: token(account, { email: 'Ada@Example.com' }) });
      assert.equal(first.status, 200);
      assert.deepEqual(first.body.choices, { saleOptOut: true, sharingOptOut: false, limitSensitive: false });
      const second = await anonymous.post('/v1/identify', { site: 'shop', deviceId: laptop.deviceId, token: token(account) });
      assert.deepEqual(second.body.choices, { saleOptOut: true, sharingOptOut: false, limitSensitive: true }, 'the laptop learns the phone’s opt-out');

      for (const query of [`account=${account}`, `device=${laptop.deviceId}`, `device=${phone.deviceId}`, `email=${encodeURIComponent(' ada@example.COM')}`]) {
        const answer = await api.get(`/v1/status?${query}`);
        assert.equal(answer.body.saleOptOut, true, query);
        assert.equal(answer.body.limitSensitive, true, query);
      }
      const site = collector.deps.config.sites[0]!;
      const history = await accountHistory(collector.deps.db, site, account);
      assert.deepEqual(new Set(history.map((row) => row.id)), new Set([phone.id, laptop.id]));
    });

    test('refuses forged, expired and malformed tokens', async () => {
      const deviceId = newDeviceId();
      const forged = signAccountToken('another-secret-0123456789abcdef0123456789', { account: 'x', exp: Math.floor(Date.now() / 1000) + 60 });
      assert.equal((await anonymous.post('/v1/identify', { site: 'shop', deviceId, token: forged })).status, 401);
      assert.equal((await anonymous.post('/v1/identify', { site: 'shop', deviceId, token: token('x', { exp: 1_000 }) })).status, 401);
      assert.equal((await anonymous.post('/v1/identify', { site: 'shop', deviceId, token: 'garbage' })).status, 401);
      assert.equal((await anonymous.post('/v1/identify', { site: 'shop', deviceId: 'short', token: 'garbage' })).status, 400);
    });

    test('batch answers in order, up to 10,000 subjects, and names bad entries', async () => {
      const knownAt = new Map([0, 2_499, 2_500, 5_000, 9_999].map((i) => [i, record({ gpc: i === 2_500 })]));
      for (const one of knownAt.values()) await anonymous.post('/v1/records', one);
      const subjects = Array.from({ length: 10_000 }, (_, i) => ({ device: knownAt.get(i)?.deviceId ?? `unknown-device-${String(i).padStart(8, '0')}` }));
      const answer = await api.post('/v1/status/batch', { subjects });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.statuses.length, 10_000);
      const known = answer.body.statuses.flatMap((status: { known: boolean }, i: number) => (status.known ? [i] : []));
      assert.deepEqual(known, [...knownAt.keys()]);
      assert.equal(answer.body.statuses.findIndex((status: { gpc: boolean }) => status.gpc), 2_500, "each part answers in its own place");
      const one = knownAt.get(5_000)!;
      const tooMany = await api.post('/v1/status/batch', { subjects: [...subjects, { device: one.deviceId }] });
      assert.equal(tooMany.status, 400);
      const bad = await api.post('/v1/status/batch', { subjects: [{ device: one.deviceId }, { phone: '555' }] });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.issues.some((issue: string) => issue.startsWith('subjects[1]')), bad.body.issues.join('; '));
    });

    test('a query must name exactly one subject', async () => {
      const both = await api.get(`/v1/status?device=${newDeviceId()}&account=a`);
      assert.equal(both.status, 400);
      assert.equal((await api.get('/v1/status')).status, 400);
      assert.equal((await api.get('/v1/status?device=abcdefghijklmnop&site=nope')).status, 400);
    });
  });
}
