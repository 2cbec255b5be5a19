import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { parseConfig } from '../collector/config/load.ts';
import type { Db } from '../collector/db/connect.ts';
import { discoverStore } from '../collector/datamap/discover.ts';
import { openStores } from '../collector/datamap/stores.ts';
import { withDatabase } from '../test/helpers/databases.ts';
import { median } from './median.ts';

const tables = 20;
const rounds = 5;

/** One table of a shop's kind: ids, an email, a phone, free text with PI now and then, amounts, a date, a product code. */
function createTable(schema: string, index: number, rows: number): string[] {
  const name = `${schema}.t${String(index).padStart(2, '0')}`;
  return [
    `create table ${name} (id bigint primary key, customer_id bigint, contact text, phone text, note text, amount numeric(10,2), sku text, created_at timestamptz)`,
    `insert into ${name} select i, i % 5000, 'user' || i || '@bench-mail.test', '(415) ' || (200 + i % 700) || '-' || lpad((i % 10000)::text, 4, '0'),
       case when i % 10 = 0 then 'call ' || '(212) 555-' || lpad((i % 10000)::text, 4, '0') else 'order note number ' || i || ' about parcel delivery' end,
       (i % 100000) / 100.0, 'SKU-' || lpad(i::text, 10, '0'), now() - make_interval(mins => i)
     from generate_series(1, ${rows}) i`,
  ];
}

async function seed(url: string, rowsPerTable: number): Promise<void> {
  const client = postgres(url, { max: 4, onnotice: () => {} });
  try {
    await client.unsafe('create schema bench');
    // Four tables at a time: the server builds them in parallel, the seeding is not what is measured.
    for (let i = 0; i < tables; i += 4) {
      await Promise.all([i, i + 1, i + 2, i + 3].map(async (index) => {
        for (const statement of createTable('bench', index, rowsPerTable)) await client.unsafe(statement);
      }));
    }
    await client.unsafe('vacuum analyze');
  } finally {
    await client.end();
  }
}

/** Milliseconds of one discovery over the whole schema, as `cordon discover` runs it on a store with its own URL. */
async function timeDiscovery(url: string): Promise<number> {
  const config = parseConfig({
    sites: [{ id: 'bench', origins: ['http://bench.test'], secret: 'bench-secret-0123456789abcdef0123456789' }],
    stores: [{ id: 'bench', kind: 'postgres', url, schema: 'bench', tables: {} }],
  });
  const open = openStores(config, undefined as unknown as Db); // every store has its URL: the collector's database is not used
  try {
    const started = performance.now();
    const { findings } = await discoverStore(open.list[0]!);
    const elapsed = performance.now() - started;
    if (!findings.some((finding) => finding.kind === 'email')) throw new Error('discovery found no email column: the bench measures nothing');
    return elapsed;
  } finally {
    await open.close();
  }
}

/** Discovery over 20 tables of 1,000,000 rows in all, next to the same schema with 10,000 rows. */
export async function benchDiscovery(serverUrl: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const names = { large: `cordon_bench_disc_${randomUUID().slice(0, 8)}`, small: `cordon_bench_disc_${randomUUID().slice(0, 8)}` };
  try {
    for (const name of Object.values(names)) await admin.unsafe(`create database ${name}`);
    const urls = { large: withDatabase(serverUrl, names.large), small: withDatabase(serverUrl, names.small) };
    const seedStarted = performance.now();
    await seed(urls.large, 1_000_000 / tables);
    await seed(urls.small, 10_000 / tables);
    console.log(`discovery: seeded 20 tables of 1,000,000 rows in all and a copy of 10,000 rows in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const large: number[] = [];
    const small: number[] = [];
    // Alternating rounds: the machine's other load falls on both alike.
    for (let round = 0; round < rounds; round++) {
      small.push(await timeDiscovery(urls.small));
      large.push(await timeDiscovery(urls.large));
    }
    const ratio = median(large) / median(small);
    console.log(`discovery (cordon discover over one store, 20 tables), median of ${rounds} alternating rounds`);
    console.log(`  1,000,000 rows  ${median(large).toFixed(0)} ms (target < 10,000 ms)`);
    console.log(`     10,000 rows  ${median(small).toFixed(0)} ms`);
    console.log(`  ratio           ${ratio.toFixed(2)}× (target ≤ 1.5×)\n`);
  } finally {
    for (const name of Object.values(names)) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
