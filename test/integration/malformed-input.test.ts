import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { apiKeys, deviceLinks, preferenceRecords } from '../../collector/db/schema.ts';
import { createApiKey } from '../../collector/services/api-keys.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { startCollector, type RunningCollector } from '../helpers/collector.ts';
import { record } from '../helpers/fixtures.ts';

/** A valid body with one field removed, retyped or replaced by junk: the cases a real client gets wrong. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.constant(undefined), fc.anything(), fc.string(), fc.integer(), fc.constant(null)))
    .map(([key, value]) => {
      const copy: Record<string, unknown> = { ...valid };
      if (value === undefined) delete copy[key];
      else copy[key] = value;
      return copy;
    })
    .filter((copy) => JSON.stringify(copy) !== JSON.stringify(valid));
}

for (const kind of databaseKinds) {
  describe(`malformed input on ${kind}`, () => {
    let collector: RunningCollector;
    let auth: Record<string, string>;
    before(async () => {
      collector = await startCollector(kind);
      const { key } = await createApiKey(collector.deps.db, { name: 'fuzz', admin: false });
      auth = { authorization: `Bearer ${key}` };
    });
    after(() => collector.close());

    const send = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${collector.url}${path}`, { method: 'POST', headers, body });

    test('every body route answers 4xx, never 5xx, and stores nothing', async () => {
      const routes = ['/v1/records', '/v1/identify', '/v1/status/batch'];
      const bodies = fc.oneof(
        fc.json(),
        fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
        mutated(record() as unknown as Record<string, unknown>).map((value) => JSON.stringify(value)),
        mutated({ site: 'shop', deviceId: 'abcdefghijklmnop', token: 'x.y' }).map((value) => JSON.stringify(value)),
        mutated({ subjects: [{ device: 'abcdefghijklmnop' }] }).map((value) => JSON.stringify(value)),
        fc.string(),
      );
      const contentTypes = fc.constantFrom('application/json', 'text/plain', 'application/xml', '', 'application/json; charset=utf-8');
      await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), bodies, contentTypes, async (path, body, type) => {
        const response = await send(path, body, { ...auth, ...(type ? { 'content-type': type } : {}) });
        await response.body?.cancel();
        assert.ok(response.status < 500, `${path} ${type} ${body.slice(0, 200)} → ${response.status}`);
        assert.ok(response.status >= 400, `${path} accepted ${body.slice(0, 200)}`);
      }), { numRuns: 150 });
      assert.equal(await collector.deps.db.$count(preferenceRecords), 0);
      assert.equal(await collector.deps.db.$count(deviceLinks), 0);
      assert.equal(await collector.deps.db.$count(apiKeys), 1);
    });

    test('every query answers 4xx or a status, never 5xx', async () => {
      const names = fc.constantFrom('account', 'device', 'email', 'site', 'other');
      const values = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.emailAddress(), fc.constant(''), fc.constant('a\u0000b'));
      await fc.assert(fc.asyncProperty(fc.array(fc.tuple(names, values), { maxLength: 4 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await fetch(`${collector.url}/v1/status?${query}`, { headers: auth });
        await response.body?.cancel();
        assert.ok(response.status === 200 || (response.status >= 400 && response.status < 500), `?${query} → ${response.status}`);
      }), { numRuns: 150 });
    });
  });
}

describe('public documents', () => {
  let collector: RunningCollector;
  before(async () => { collector = await startCollector('pglite'); });
  after(() => collector.close());

  test('gpc.json, openapi.json and healthz', async () => {
    const gpc = await fetch(`${collector.url}/.well-known/gpc.json`);
    assert.match(gpc.headers.get('content-type') ?? '', /^application\/json/);
    const body = await gpc.json() as { gpc: boolean; lastUpdate: string };
    assert.equal(body.gpc, true);
    assert.match(body.lastUpdate, /^\d{4}-\d{2}-\d{2}$/);
    const openapi = await (await fetch(`${collector.url}/openapi.json`)).json() as { paths: Record<string, unknown> };
    assert.ok(openapi.paths['/v1/status/batch'] && openapi.paths['/v1/records']);
    assert.deepEqual(await (await fetch(`${collector.url}/healthz`)).json(), { ok: true, database: 'up' });
  });
});
