import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { apiKeys } from '../../collector/db/schema.ts';
import { createApiKey } from '../../collector/services/api-keys.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { startCollector, type RunningCollector } from '../helpers/collector.ts';
import { client } from '../helpers/http.ts';
import { manualClock } from '../helpers/requests.ts';

for (const kind of databaseKinds) {
  describe(`API keys on ${kind}`, () => {
    const time = manualClock('2026-03-02T10:00:00Z');
    let collector: RunningCollector;
    before(async () => { collector = await startCollector(kind, { clock: time.clock }); });
    after(() => collector.close());

    const burst = (api: ReturnType<typeof client>) =>
      Promise.all(Array.from({ length: 30 }, (_, i) => api.get(`/v1/status?device=burst-device-${String(i).padStart(4, '0')}`)));

    test('a revoked key keeps working for at most the cache time, then every request of a burst is refused', async () => {
      const { key, id } = await createApiKey(collector.deps.db, { name: 'billing', admin: false });
      const api = client(collector.url, { authorization: `Bearer ${key}` });
      assert.deepEqual((await burst(api)).map((answer) => answer.status), Array(30).fill(200));

      await collector.deps.db.update(apiKeys).set({ revokedAt: time.clock() }).where(eq(apiKeys.id, id));
      assert.equal((await api.get('/v1/status?device=burst-device-0000')).status, 200, 'still cached');
      time.advance(6_000);
      assert.deepEqual((await burst(api)).map((answer) => answer.status), Array(30).fill(401));
    });

    test('a burst with a key not seen before is answered once the key is found', async () => {
      const { key } = await createApiKey(collector.deps.db, { name: 'reports', admin: false });
      const api = client(collector.url, { authorization: `Bearer ${key}` });
      assert.deepEqual((await burst(api)).map((answer) => answer.status), Array(30).fill(200));
    });
  });
}
