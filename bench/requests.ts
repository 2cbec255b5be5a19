import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createApp } from '../collector/app.ts';
import { listen } from '../collector/server.ts';
import { parseConfig } from '../collector/config/load.ts';
import { openDatabase, type Database } from '../collector/db/connect.ts';
import { requestMail, rightsRequests } from '../collector/db/schema.ts';
import { createApiKey } from '../collector/services/api-keys.ts';
import { systemClock } from '../collector/services/clock.ts';

export interface RequestsBenchOptions {
  databaseUrl: string;
  intakeSeconds?: number;
  concurrency?: number;
  openRequests?: number;
  pages?: number;
}

export interface RequestsBenchFigures {
  intakePerSecond: number;
  barePerSecond: number;
  intakeP99Ms: number;
  intakeErrors: number;
  mailQueued: number;
  pageMeanMs: number;
  pageP99Ms: number;
  deepPageMs: number;
}

const config = parseConfig({
  sites: [{ id: 'bench', origins: ['http://bench.test'], regime: 'opt-out', secret: 'bench-site-secret-0123456789abcdef0123456789' }],
});

/**
 * Rights requests under load, on a database of its own on the given server: intake from concurrent clients (the
 * verification mail is only queued, as in production), then the admin queue paged over 100,000 open requests.
 * The load runs in a worker thread so it does not share the collector's event loop.
 */
export async function benchRequests(options: RequestsBenchOptions): Promise<RequestsBenchFigures> {
  const scratch = await scratchDatabase(options.databaseUrl);
  const database = await openDatabase({ url: scratch.url, dataDir: '', poolSize: 20 });
  // The bare route measures what the machine and the load generator allow at this moment, for comparison.
  const app = createApp({ db: database.db, config, clock: systemClock }).post('/bench/bare', async (c) => c.json(await c.req.json(), 201));
  const server = await listen(app.fetch, 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const concurrency = options.concurrency ?? 50;
    const bare = await load(url, '/bench/bare', concurrency, 3_000);
    const intake = await load(url, '/v1/requests', concurrency, (options.intakeSeconds ?? 10) * 1000);
    const mailQueued = await database.db.$count(requestMail);
    const intakePerSecond = Math.round(intake.ok / (intake.elapsedMs / 1000));
    const barePerSecond = Math.round(bare.ok / (bare.elapsedMs / 1000));
    console.log(`requests: intake ${intakePerSecond}/s sustained over ${(intake.elapsedMs / 1000).toFixed(1)} s from ${concurrency} clients `
      + `(a bare route answering 201 does ${barePerSecond}/s with the same load on this machine now), `
      + `p50 ${intake.p50.toFixed(1)} ms, p99 ${intake.p99.toFixed(1)} ms, ${intake.errors} errors; ${mailQueued} verification mails queued, none sent inline`);

    const paging = await benchQueue(database, url, options.openRequests ?? 100_000, options.pages ?? 200);
    console.log(`requests: admin queue over ${paging.open.toLocaleString('en-US')} open requests: ${paging.pages} pages of 50, `
      + `mean ${paging.mean.toFixed(1)} ms, p99 ${paging.p99.toFixed(1)} ms per page; a page 90% deep ${paging.deep.toFixed(1)} ms`);
    return {
      intakePerSecond, barePerSecond, intakeP99Ms: intake.p99, intakeErrors: intake.errors, mailQueued,
      pageMeanMs: paging.mean, pageP99Ms: paging.p99, deepPageMs: paging.deep,
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
    await scratch.drop();
  }
}

export async function scratchDatabase(serverUrl: string) {
  const name = `cordon_bench_requests_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Plain JS for the worker thread: each client posts distinct requests back to back over a kept-alive connection
 * until the time is up (node:http, which costs the load far less CPU than fetch does).
 */
const loadScript = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, path, concurrency, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);
const types = ['delete', 'know-categories', 'correct', 'know-specific', 'access', 'erasure'];
const latencies = [];
let ok = 0, errors = 0, n = 0;
function post(body) {
  return new Promise((resolve) => {
    const request = http.request({ host: target.hostname, port: target.port, path, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', () => resolve(0));
    request.end(body);
  });
}
async function client(id) {
  while (performance.now() < end) {
    n += 1;
    const type = types[n % types.length];
    const gdpr = type === 'access' || type === 'erasure';
    const body = JSON.stringify({ site: 'bench', jurisdiction: gdpr ? 'gdpr' : 'ccpa', type, email: 'p' + id + '.' + n + '@bench.test',
      name: 'Bench Person', details: type === 'correct' ? { inaccurate: 'address', correction: '1 Main St' } : undefined });
    const started = performance.now();
    const status = await post(body);
    if (status === 201) ok += 1; else errors += 1;
    latencies.push(performance.now() - started);
  }
}
const start = performance.now();
const end = start + durationMs;
Promise.all(Array.from({ length: concurrency }, (_, i) => client(i))).then(() => {
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] || 0;
  agent.destroy();
  parentPort.postMessage({ ok, errors, elapsedMs: performance.now() - start, p50: at(0.5), p99: at(0.99) });
});
`;

interface LoadResult { ok: number; errors: number; elapsedMs: number; p50: number; p99: number }

function load(url: string, path: string, concurrency: number, durationMs: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadScript, { eval: true, workerData: { url, path, concurrency, durationMs } });
    worker.once('message', (result: LoadResult) => { void worker.terminate(); resolve(result); });
    worker.once('error', reject);
  });
}

/**
 * Open requests of site `bench` in one statement (deadlines spread over 90 days, deletions and others mixed), and
 * an admin key to read them with: the queue the admin route and the console are measured on.
 */
export async function seedOpenRequests(database: Database, count: number): Promise<{ open: number; key: string }> {
  await database.db.execute(sql`
    insert into rights_requests (id, site, type, jurisdiction, channel, status, priority, email_hash, evidence,
      received_at, acknowledge_by, acknowledged_at, due_at, current_due_at)
    select gen_random_uuid(), 'bench', case when i % 3 = 0 then 'delete' else 'know-categories' end, 'ccpa', 'web',
      'verifying', case when i % 3 = 0 then 0 else 1 end, md5('queue' || i), '{"points":[]}'::jsonb,
      now(), now() + interval '14 days', now(), now() + (i % 2000) * interval '1 hour', now() + (i % 2000) * interval '1 hour'
    from generate_series(1, ${count}) as i`);
  await database.db.execute(sql`analyze rights_requests`);
  const open = await database.db.$count(rightsRequests, sql`status in ('received', 'verifying', 'in_progress')`);
  const { key } = await createApiKey(database.db, { name: 'bench-admin', admin: true });
  return { open, key };
}

/**
 * Seeds open requests, then walks the queue page by page through the admin route with an admin key, and reads one
 * page from 90% deep.
 */
async function benchQueue(database: Database, url: string, count: number, pages: number) {
  const { open, key } = await seedOpenRequests(database, count);
  const headers = { authorization: `Bearer ${key}` };
  const get = async (query: string) => {
    const started = performance.now();
    const response = await fetch(`${url}/v1/admin/requests?limit=50${query}`, { headers });
    const body = await response.json() as { items: unknown[]; nextCursor: string | null };
    if (response.status !== 200 || body.items.length === 0) throw new Error(`queue page answered ${response.status}`);
    return { ms: performance.now() - started, cursor: body.nextCursor };
  };
  await get(''); // the key check and the connection warm up once
  const times: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page += 1) {
    const result: { ms: number; cursor: string | null } = await get(cursor ? `&cursor=${cursor}` : '');
    times.push(result.ms);
    cursor = result.cursor;
  }
  const [row] = await database.db.select({ due: rightsRequests.currentDueAt, priority: rightsRequests.priority, id: rightsRequests.id })
    .from(rightsRequests).orderBy(rightsRequests.currentDueAt, rightsRequests.priority, rightsRequests.id)
    .offset(Math.floor(open * 0.9)).limit(1);
  const deepCursor = Buffer.from(JSON.stringify([row!.due.toISOString(), row!.priority, row!.id])).toString('base64url');
  const deep = await get(`&cursor=${deepCursor}`);
  times.sort((a, b) => a - b);
  return {
    open, pages,
    mean: times.reduce((sum, ms) => sum + ms, 0) / times.length,
    p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!,
    deep: deep.ms,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  benchRequests({ databaseUrl }).then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
