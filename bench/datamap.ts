// The data map's share of `npm run bench`: a consumer's export against a bare COPY of the same rows, and one
// consumer's deletion against the same rows deleted by hand-written statements. On the real Postgres.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { parseConfig } from '../collector/config/load.ts';
import { openDatabase, type Database } from '../collector/db/connect.ts';
import { eraseFromStore } from '../collector/datamap/erase.ts';
import { openStores } from '../collector/datamap/stores.ts';
import { shopStore } from '../demo-site/shop/database/map.ts';
import { createShopSchema } from '../demo-site/shop/database/schema.ts';
import { seedShop } from '../demo-site/shop/database/seed.ts';
import { withDatabase } from '../test/helpers/databases.ts';
import { acmeStore, addCustomer, createAcmeStore } from '../test/helpers/store-fixture.ts';

const port = 18_111;
const site = { id: 'bench', origins: ['http://bench.test'], secret: 'bench-site-secret-0123456789abcdef0123456789' };
const activityRows = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const customers = 10_000;
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function benchDataMap(options: { databaseUrl: string }): Promise<void> {
  const name = `cordon_bench_map_${randomBytes(4).toString('hex')}`;
  const admin = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(options.databaseUrl, name);
  try {
    const database = await openDatabase({ url, dataDir: '' });
    const heavy = await seed(database, url);
    await database.close();
    await benchExport(url, heavy);
    await benchDeletion(url);
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** 10,000 customers with orders, items, activity and a ticket each, and one with a million page views. */
async function seed(database: Database, url: string): Promise<{ email: string; id: number }> {
  const testDatabase = { ...database, url, drop: async () => {} };
  await createAcmeStore(testDatabase);
  const db = database.db;
  await db.execute(sql`insert into acme.customers (email, full_name, phone, ssn) select 'customer' || g || '@example.test', 'Customer ' || g, '415-555-' || lpad((g % 10000)::text, 4, '0'), null from generate_series(1, ${customers}) g`);
  await db.execute(sql`insert into acme.orders (customer_id, placed_at, shipping_address, postal_code, total, tax) select c.id, now() - (k || ' days')::interval, k || ' Market St', '94110', 20 + k, 1.8 from acme.customers c, generate_series(1, 3) k`);
  await db.execute(sql`insert into acme.order_items (order_id, sku, quantity) select o.id, 'SKU-' || k, k from acme.orders o, generate_series(1, 2) k`);
  await db.execute(sql`insert into acme.activity (customer_id, at, path, ip) select c.id, now() - (k || ' hours')::interval, '/product/' || k, '203.0.113.7' from acme.customers c, generate_series(1, 20) k`);
  await db.execute(sql`insert into acme.tickets (customer_id, body) select id, 'Please call me back' from acme.customers`);
  const email = 'heavy.user@example.test';
  const id = await addCustomer(testDatabase, { email, name: 'Heavy User', phone: '415-555-0100', ssn: '123-45-6789', orders: 2, activity: 0 });
  await db.execute(sql`insert into acme.activity (customer_id, at, path, ip) select ${id}, now() - (g || ' seconds')::interval, '/product/' || (g % 500), '198.51.100.' || (g % 250) from generate_series(1, ${activityRows}) g`);
  await db.execute(sql`vacuum analyze`);
  return { email, id };
}

/**
 * The export as a consumer gets it: from the collector as `cordon start` runs it, through the HTTP download of a
 * completed know request, while the collector's peak RSS is read from the kernel (VmHWM).
 */
async function benchExport(url: string, heavy: { email: string; id: number }): Promise<void> {
  const copy = postgres(url, { max: 1 });
  const copyStart = performance.now();
  let copyBytes = 0;
  const stream = await copy.unsafe(`copy (select path::text, ip::text from acme.activity where customer_id = ${heavy.id} order by at desc) to stdout with csv`).readable();
  for await (const chunk of stream) copyBytes += (chunk as Buffer).length;
  const copyMs = performance.now() - copyStart;
  await copy.end();

  const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-map-'));
  const configPath = join(dir, 'cordon.config.json');
  writeFileSync(configPath, JSON.stringify({ sites: [site], stores: [acmeStore()] }));
  const child = fork(new URL('../dist/collector/cli.mjs', import.meta.url), ['start'], {
    execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, PORT: String(port), DATABASE_URL: url, CORDON_CONFIG: configPath },
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await until(() => fetch(`${base}/healthz`).then((r) => r.ok, () => false));
    const statusUrl = await completedKnowRequest(url, base, heavy.email);
    const idle = peakRss(child.pid!);
    const start = performance.now();
    const status = await (await fetch(statusUrl, { headers: { accept: 'application/json' } })).json() as { result: { data: { download: string } } };
    const download = await fetch(`${base}${status.result.data.download}${new URL(statusUrl).search}`);
    let zipBytes = 0;
    for await (const chunk of download.body!) zipBytes += (chunk as Uint8Array).length;
    const exportMs = performance.now() - start;
    const peak = peakRss(child.pid!);
    const ratio = (activityRows / exportMs) / (activityRows / copyMs);
    console.log(`data map export (a consumer with ${fmt(activityRows)} activity rows, zip of JSON + CSV over HTTP from the built collector)`);
    console.log(`  export ${fmt(exportMs)} ms (${fmt(activityRows / exportMs * 1000)} rows/s, ${fmt(zipBytes / 1e6, 1)} MB zip); bare COPY TO STDOUT of the same rows ${fmt(copyMs)} ms (${fmt(copyBytes / 1e6, 1)} MB CSV): ${fmt(ratio, 2)}× COPY's rate (target ≥ 0.5×)`);
    console.log(`  collector peak RSS ${fmt(peak)} MB (${fmt(idle)} MB before the download; target < 200 MB)`);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files a know request for specific pieces, verifies it as the consumer would, and waits for the data map to answer it. */
async function completedKnowRequest(url: string, base: string, email: string): Promise<string> {
  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: site.origins[0]! }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, any>>);
  const filed = await post('/v1/requests', { site: 'bench', jurisdiction: 'ccpa', type: 'know-specific', email });
  const code = await codeOf(url, filed.id as string);
  await post(`/v1/requests/${filed.id}/verify`, { code, dataPoints: { name: 'Heavy User', phone: '415-555-0100' }, declaration: { signedName: 'Heavy User', underPenaltyOfPerjury: true } });
  await until(async () => (await (await fetch(filed.statusUrl, { headers: { accept: 'application/json' } })).json() as { status: string }).status === 'completed');
  return filed.statusUrl as string;
}

/** The code from the kept verification mail, read as the operator would, through the collector's own unsealing. */
async function codeOf(url: string, requestId: string): Promise<string> {
  const { readMail } = await import('../collector/requests/mailer.ts');
  const database = await openDatabase({ url, dataDir: '', poolSize: 1 });
  try {
    const [mail] = await readMail(database.db, parseConfig({ sites: [site] }), { requestId, limit: 1 });
    return /\b(\d{6})\b/.exec(mail?.text ?? '')![1]!;
  } finally {
    await database.close();
  }
}

/** The demo shop's customer database, grown to 10,000 customers with orders, items, activity, marketing and tickets. */
async function seedDemoShop(database: Database): Promise<void> {
  const db = database.db;
  await createShopSchema(db);
  await seedShop(db);
  await db.execute(sql`insert into shop.users (email, full_name, phone, password_hash) select 'customer' || g || '@example.test', 'Customer ' || g, '(415) 555-' || lpad((g % 10000)::text, 4, '0'), 'x' from generate_series(1, ${customers}) g`);
  await db.execute(sql`insert into shop.orders (user_id, placed_at, shipping_address, shipping_postal_code, subtotal, tax, tax_region, total)
    select u.id, now() - (k || ' days')::interval, k || ' Market St', '94110', 20 + k, 1.8, 'CA-SF', 21.8 + k from shop.users u, generate_series(1, 3) k where u.password_hash = 'x'`);
  await db.execute(sql`insert into shop.order_items (order_id, sku, product_name, quantity, price) select o.id, 'SKU-' || k, 'Product ' || k, k, 10 from shop.orders o, generate_series(1, 2) k where o.tax_region = 'CA-SF' and o.shipping_address like '% Market St'`);
  await db.execute(sql`insert into shop.activity_log (user_id, at, event, path, ip) select u.id, now() - (k || ' hours')::interval, 'page_view', '/product/' || k, '203.0.113.7' from shop.users u, generate_series(1, 20) k where u.password_hash = 'x'`);
  await db.execute(sql`insert into shop.marketing_preferences (user_id, channel, opted_in, updated_at) select u.id, c, true, now() from shop.users u, unnest(array['email', 'sms']) c where u.password_hash = 'x'`);
  await db.execute(sql`insert into shop.support_tickets (user_id, opened_at, subject, body) select id, now(), 'Where is my parcel?', 'Please call me at ' || phone from shop.users where password_hash = 'x'`);
  await db.execute(sql`vacuum analyze`);
}

/**
 * One ordinary customer deleted across every store of the demo's data map (the shop's six tables: children first,
 * orders kept for tax with the address gone, then the traversal again), against the same rows deleted by hand.
 */
async function benchDeletion(url: string): Promise<void> {
  const config = parseConfig({ sites: [site], stores: [shopStore] });
  const database = await openDatabase({ url, dataDir: '', poolSize: 2 });
  await seedDemoShop(database);
  const stores = openStores(config, database.db);
  const raw = postgres(url, { max: 1 });
  try {
    const timings: number[] = [];
    const bare: number[] = [];
    for (let n = 1; n <= 9; n += 1) {
      const email = `customer${n}@example.test`;
      const start = performance.now();
      for (const open of stores.list) await eraseFromStore(config.sites[0]!, open, open.db, { email, accounts: [] }, new Date());
      timings.push(performance.now() - start);
      const other = `customer${n + 100}@example.test`;
      const bareStart = performance.now();
      await raw.begin(async (tx) => {
        const [customer] = await tx`select id from shop.users where email = ${other}`;
        for (const table of ['activity_log', 'marketing_preferences', 'support_tickets']) await tx`delete from ${tx('shop.' + table)} where user_id = ${customer!.id}`;
        await tx`update shop.orders set user_id = null, shipping_address = null, shipping_postal_code = left(shipping_postal_code, 3) where user_id = ${customer!.id}`;
        await tx`delete from shop.users where id = ${customer!.id}`;
      });
      bare.push(performance.now() - bareStart);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(`data map deletion (one customer of ${fmt(customers)} across the demo's stores: 6 tables, children first, orders kept for tax, then the traversal again)`);
    console.log(`  median ${fmt(median(timings), 1)} ms, worst ${fmt(Math.max(...timings), 1)} ms (target < 1 s); the same rows deleted by hand-written statements ${fmt(median(bare), 1)} ms: ${fmt(median(timings) / median(bare), 1)}×\n`);
  } finally {
    await raw.end();
    await stores.close();
    await database.close();
  }
}

function peakRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmHWM:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

async function until(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
