import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { parseConfig } from '../../collector/config/load.ts';
import { dispatchFulfilment } from '../../collector/requests/fulfilment.ts';
import { siteOrigin, siteSecret } from '../helpers/fixtures.ts';
import { latestCode, newEmail, startRequests } from '../helpers/requests.ts';
import { acmeStore, addCustomer, createAcmeStore, rows } from '../helpers/store-fixture.ts';

const configInput = (url: string) => ({
  sites: [{ id: 'shop', origins: [siteOrigin], secret: siteSecret, vendors: [] }],
  stores: [acmeStore(url)],
});

test('after a real pg_dump is restored, cordon replay-deletions removes the deleted consumer again, and only them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-replay-'));
  const email = newEmail('kim').toLowerCase();
  const other = newEmail('lou').toLowerCase();
  let url = '';
  const h = await startRequests('postgres', {
    prepare: async (database) => {
      url = database.url!;
      await createAcmeStore(database);
      await addCustomer(database, { email, name: 'Kim Loe', phone: '415-555-0122', ssn: '456-78-9012', orders: 2, activity: 3 });
      await addCustomer(database, { email: other, name: 'Lou Moe', phone: '415-555-0133', ssn: '567-89-0123', orders: 1, activity: 1 });
    },
    config: (database) => parseConfig(configInput(database.url!)),
  });
  try {
    const backup = join(dir, 'acme.dump');
    execFileSync('pg_dump', ['--format=custom', '--schema=acme', `--file=${backup}`, url]);
    const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email });
    await h.api.post(`/v1/requests/${filed.body.id}/verify`, { code: await latestCode(h.admin, filed.body.id), dataPoints: { name: 'Kim Loe' } });
    while (await dispatchFulfilment(h.collector.deps.db, { config: h.collector.deps.config, mailing: { smtp: false }, now: new Date(), base: h.collector.url }, h.collector.deps.fulfilment!) > 0);
    const count = async (address: string) => (await rows<{ n: number }>(h.collector.database, sql`select count(*)::int as n from acme.customers where email = ${address}`))[0]!.n;
    assert.equal(await count(email), 0);

    execFileSync('pg_restore', ['--clean', '--if-exists', `--dbname=${url}`, backup]);
    assert.equal(await count(email), 1, 'the restored backup holds the consumer again');

    const configPath = join(dir, 'cordon.config.json');
    writeFileSync(configPath, JSON.stringify(configInput(url)));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'collector/cli/main.ts', 'replay-deletions', '--since', '2026-01-01'], {
      env: { ...process.env, CORDON_CONFIG: configPath, DATABASE_URL: url }, encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /1 deletion journalled since 2026-01-01; 1 found again and deleted/);
    assert.ok(!run.stdout.includes(email) && !run.stderr.includes(email), 'nothing printed names the consumer');
    assert.equal(await count(email), 0);
    assert.equal(await count(other), 1);
    const activity = await rows<{ n: number }>(h.collector.database, sql`select count(*)::int as n from acme.activity a join acme.customers c on c.id = a.customer_id where c.email = ${other}`);
    assert.equal(activity[0]!.n, 1, 'the other customer keeps their activity');

    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'collector/cli/main.ts', 'replay-deletions', '--since', 'yesterday'], { env: { ...process.env, CORDON_CONFIG: configPath, DATABASE_URL: url }, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--since takes a date such as 2026-11-01/);
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
