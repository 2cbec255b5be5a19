import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { inArray } from 'drizzle-orm';
import { createApp } from '../../collector/app.ts';
import { openDatabase, type Database } from '../../collector/db/connect.ts';
import { preferenceRecords } from '../../collector/db/schema.ts';
import { systemClock } from '../../collector/services/clock.ts';
import { eventually } from '../helpers/eventually.ts';
import { listen } from '../../collector/server.ts';
import { record, testConfig } from '../helpers/fixtures.ts';
import { startPrivatePostgres } from '../helpers/private-postgres.ts';

let pg: ReturnType<typeof startPrivatePostgres>;
let database: Database;
let url: string;
let close: () => Promise<void>;

before(async () => {
  pg = startPrivatePostgres(25_400 + (process.pid % 500));
  database = await openDatabase({ url: pg.url, dataDir: '', poolSize: 10 });
  const server = await listen(createApp({ db: database.db, config: testConfig(), clock: systemClock }).fetch, 0);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
after(async () => {
  await close();
  await database.close();
  pg.stop();
});

test('Postgres restarted under load: every acknowledged record survives and the collector recovers by itself', async () => {
  const acknowledged: string[] = [];
  const statuses = new Map<number, number>();
  let running = true;
  const client = async () => {
    while (running) {
      const one = record();
      try {
        const response = await fetch(`${url}/v1/records`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(one), signal: AbortSignal.timeout(5_000) });
        await response.body?.cancel();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.ok) acknowledged.push(one.id);
      } catch {
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
      }
    }
  };
  const clients = Array.from({ length: 20 }, client);
  const progress = () => ({ acknowledged: acknowledged.length, statuses: [...statuses] });
  try {
    await eventually(progress, (now) => now.acknowledged >= 100, 'records stored before the restart', 30_000);
    pg.restart();
    const afterRestart = acknowledged.length;
    await eventually(progress, (now) => now.acknowledged >= afterRestart + 100, 'records stored after the restart', 30_000);
  } finally {
    running = false;
    await Promise.all(clients);
  }
  assert.equal(statuses.get(500), undefined, 'an outage answers 503, never 500');

  const stored = new Set<string>();
  for (let i = 0; i < acknowledged.length; i += 1_000) {
    const rows = await database.db.select({ id: preferenceRecords.id }).from(preferenceRecords).where(inArray(preferenceRecords.id, acknowledged.slice(i, i + 1_000)));
    for (const row of rows) stored.add(row.id);
  }
  assert.equal(stored.size, acknowledged.length, 'every record answered 2xx is in the database');
});
