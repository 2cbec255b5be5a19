import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { parseConfig } from '../../collector/config/load.ts';
import { replayDeletions } from '../../collector/datamap/replay.ts';
import { suppressedAmong } from '../../collector/datamap/suppression.ts';
import { claimDue, defaultOutboxOptions, deliverClaimed, partnerDestination } from '../../collector/outbox/worker.ts';
import { dispatchFulfilment } from '../../collector/requests/fulfilment.ts';
import { databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { siteOrigin, siteSecret } from '../helpers/fixtures.ts';
import { latestCode, manualClock, newEmail, startRequests, type RequestsHarness } from '../helpers/requests.ts';
import { acmeStore, addCustomer, createAcmeStore, rows } from '../helpers/store-fixture.ts';

const partnerSecret = 'partner-secret-0123456789abcdef0123456789';
const statusPath = (statusUrl: string) => { const url = new URL(statusUrl); return url.pathname + url.search; };

/** A service provider that answers every notice with a server error: one that is down. */
async function failingPartner() {
  const server = createServer((_req, res) => res.writeHead(500).end('down'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function configFor(database: TestDatabase, partnerUrl: string, extraStores: unknown[] = []) {
  // On the real server the store is reached through its own connection, as a site's database would be.
  const store = acmeStore(database.url ? database.url : undefined);
  return parseConfig({
    sites: [{ id: 'shop', origins: [siteOrigin], secret: siteSecret, vendors: [] }],
    partners: [{ id: 'fulfilment-co', url: partnerUrl, secret: partnerSecret, signals: ['delete', 'correct'], maxAttempts: 2 }],
    stores: [store, ...extraStores],
  });
}

for (const kind of databaseKinds) {
  describe(`the data map carries out verified requests on ${kind}`, () => {
    let h: RequestsHarness;
    let partner: Awaited<ReturnType<typeof failingPartner>>;
    const time = manualClock('2026-06-01T17:00:00Z');
    // An apostrophe in the address: on the real server it is written into COPY's text as an escaped literal.
    const pat = { email: newEmail("pat.o'neil").toLowerCase(), name: 'Pat Doe', phone: '(415) 555-0134', ssn: '123-45-6789', orders: 3, activity: 40 };
    const sam = { email: newEmail('sam').toLowerCase(), name: 'Sam Roe', phone: '415-555-0199', ssn: '234-56-7890', orders: 2, activity: 5 };

    before(async () => {
      partner = await failingPartner();
      h = await startRequests(kind, {
        clock: time.clock,
        prepare: async (database) => {
          await createAcmeStore(database);
          await addCustomer(database, pat, 'acme', time.clock());
          await addCustomer(database, sam, 'acme', time.clock());
        },
        config: (database) => configFor(database, partner.url),
      });
    });
    after(async () => {
      await h.close();
      await partner.close();
    });

    const db = () => h.collector.deps.db;
    const fulfilAll = async () => {
      const deps = { config: h.collector.deps.config, mailing: { smtp: false }, now: time.clock(), base: h.collector.url };
      while (await dispatchFulfilment(db(), deps, h.collector.deps.fulfilment!) > 0);
    };
    /** Files a request and proves the address with the mailed code plus the data points given. */
    const fileVerified = async (body: Record<string, unknown>, verify: Record<string, unknown> = {}) => {
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', ...body });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const verified = await h.api.post(`/v1/requests/${filed.body.id}/verify`, { code: await latestCode(h.admin, filed.body.id), ...verify });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      return { ...filed.body, verified: verified.body } as { id: string; statusUrl: string; verified: { status: string; verified: string[] } };
    };
    const countIn = async (table: string, where = sql`true`) =>
      (await rows<{ n: number }>(h.collector.database, sql`select count(*)::int as n from acme.${sql.identifier(table)} where ${where}`))[0]!.n;

    test('data points are matched against the stores: a name and phone that agree verify without a person', async () => {
      const request = await fileVerified({ type: 'know-categories', email: pat.email.toUpperCase() }, { dataPoints: { name: 'pat  DOE', phone: '+1 415 555 0134' } });
      assert.deepEqual(request.verified.verified.sort(), ['email', 'matched:name', 'matched:phone']);
      assert.equal(request.verified.status, 'in_progress');
      const wrong = await fileVerified({ type: 'correct', email: sam.email, details: { inaccurate: 'phone', correction: 'new phone' } }, { dataPoints: { name: 'Someone Else' } });
      assert.deepEqual(wrong.verified.verified, ['email'], 'a name that does not agree matches nothing');
      assert.equal(wrong.verified.status, 'verifying');
    });

    test('a know request for specific pieces answers with that person\'s orders, never their SSN, and a download of everything', async () => {
      const request = await fileVerified({ type: 'know-specific', email: pat.email }, { declaration: { signedName: 'Pat Doe', underPenaltyOfPerjury: true }, dataPoints: { name: 'Pat Doe' } });
      // Data points matched plus the address: the high degree of certainty needs three, so a person approves.
      if (request.verified.status === 'verifying') {
        assert.equal((await h.admin.post(`/v1/admin/requests/${request.id}/approve`, { reason: 'checked' })).status, 200);
      }
      await fulfilAll();
      const status = await h.api.get(statusPath(request.statusUrl), { accept: 'application/json' });
      assert.equal(status.body.status, 'completed', JSON.stringify(status.body));
      const data = status.body.result.data;
      const orders = data.tables.find((part: any) => part.table === 'orders');
      assert.equal(orders.rows, 3);
      assert.deepEqual(orders.records.map((r: any) => r.shipping_address).sort(), ['1 Market St, San Francisco', '2 Market St, San Francisco', '3 Market St, San Francisco']);
      const customers = data.tables.find((part: any) => part.table === 'customers');
      assert.deepEqual(customers.withheld, [{ column: 'ssn', kind: 'government-id' }]);
      const text = JSON.stringify(status.body);
      assert.ok(!text.includes(pat.ssn) && !text.includes(sam.email) && !text.includes(sam.phone), 'no SSN, nothing of anyone else');
      assert.equal(data.tables.find((part: any) => part.table === 'activity').rows, 40);
      assert.ok(data.categories.some((entry: any) => entry.category === 'internet-activity'));

      const download = await fetch(`${h.collector.url}${data.download}${new URL(request.statusUrl).search}`);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'application/zip');
      const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
      assert.ok(files['disclosure.json']);
      const activity = strFromU8(files['acme/activity.csv']!).trim().split('\n');
      assert.equal(activity.length, 41, 'a header and every one of the 40 page views');
      assert.equal(activity[0], 'path,ip');
      const customersCsv = strFromU8(files['acme/customers.csv']!);
      assert.ok(customersCsv.includes(pat.email) && !customersCsv.includes(pat.ssn));
      const wrongSecret = await fetch(`${h.collector.url}${data.download}?secret=${'x'.repeat(32)}`);
      assert.equal(wrongSecret.status, 404);
    });

    test('a delete removes the person, keeps the orders\' tax fields, de-identifies tickets, tells the partner, and is journalled', async () => {
      const patId = (await rows<{ id: number }>(h.collector.database, sql`select id from acme.customers where email = ${pat.email}`))[0]!.id;
      const before = { samOrders: await countIn('orders', sql`customer_id <> ${patId}`), samActivity: await countIn('activity', sql`customer_id <> ${patId}`) };
      // An opt-out notice about Pat's account still waiting to go out: the deletion supersedes it.
      await h.collector.database.db.execute(sql`insert into outbox (topic, destination, idempotency_key, payload, max_attempts)
        values ('opt-out', 'fulfilment-co', 'opt-out:test:pat', ${JSON.stringify({ type: 'opt-out', site: 'shop', subject: { account: String(patId) }, signals: ['sale'] })}::jsonb, 3),
               ('opt-out', 'fulfilment-co', 'opt-out:test:sam', ${JSON.stringify({ type: 'opt-out', site: 'shop', subject: { account: String(patId + 1) }, signals: ['sale'] })}::jsonb, 3)`);
      const pending = await fileVerified({ type: 'delete', email: pat.email }, { dataPoints: { name: 'Pat Doe' } });
      assert.equal(pending.verified.status, 'in_progress');
      await fulfilAll();
      const [done] = await rows<{ status: string; result_summary: string }>(h.collector.database, sql`select status, result_summary from rights_requests where id = ${pending.id}`);
      assert.equal(done!.status, 'completed');
      assert.match(done!.result_summary, /tax records until 2033-06-01/);
      assert.equal(await countIn('customers', sql`email = ${pat.email}`), 0);
      assert.equal(await countIn('activity', sql`customer_id = ${patId}`), 0);
      const kept = await rows<{ customer_id: number | null; shipping_address: string | null; postal_code: string; total: string; tax: string }>(h.collector.database,
        sql`select customer_id, shipping_address, postal_code, total::text, tax::text from acme.orders where customer_id is null order by total`);
      assert.equal(kept.length, 3);
      assert.deepEqual(kept.map((order) => [order.shipping_address, order.postal_code, order.total, order.tax]), [[null, '941', '20.00', '1.80'], [null, '941', '21.00', '1.80'], [null, '941', '22.00', '1.80']]);
      const tickets = await rows<{ body: string }>(h.collector.database, sql`select body from acme.tickets where customer_id is null`);
      assert.equal(tickets.length, 1);
      assert.match(tickets[0]!.body, /^[0-9a-f]{64}$/, 'the ticket text is a keyed hash now');
      assert.equal(await countIn('orders', sql`customer_id <> ${patId}`), before.samOrders, 'the other customer keeps every order');
      assert.equal(await countIn('activity', sql`customer_id <> ${patId}`), before.samActivity);

      const fulfilled = await rows<{ detail: any }>(h.collector.database, sql`select detail from audit_events where subject = ${pending.id} and action = 'request.fulfilled'`);
      const store = fulfilled[0]!.detail.stores.find((entry: any) => entry.store === 'acme');
      assert.equal(store.verified, true, 'the access traversal afterwards finds nothing but retained rows');
      assert.deepEqual(Object.fromEntries(store.tables.map((t: any) => [t.table, [t.action, t.rows]])), {
        customers: ['deleted', 1], orders: ['retained', 3], order_items: ['retained', 6], activity: ['deleted', 40], tickets: ['deidentified', 1],
      });
      const optOuts = await rows<{ idempotency_key: string; status: string }>(h.collector.database, sql`select idempotency_key, status from outbox where topic = 'opt-out' order by idempotency_key`);
      assert.deepEqual(optOuts.map((row) => [row.idempotency_key, row.status]), [['opt-out:test:pat', 'cancelled'], ['opt-out:test:sam', 'pending']]);
      assert.deepEqual(await suppressedAmong(db(), h.collector.deps.config.sites[0]!, [pat.email, sam.email]), [pat.email]);

      // The partner is down: the notice is retried, then dead-lettered and visible as such, never dropped.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        time.advance(3_600_000);
        const claimed = await claimDue(db(), time.clock(), defaultOutboxOptions);
        await deliverClaimed({ db: db(), config: h.collector.deps.config, clock: time.clock }, claimed, defaultOutboxOptions, partnerDestination);
      }
      const [notice] = await rows<{ status: string; attempts: number; last_error: string; payload: any }>(h.collector.database,
        sql`select status, attempts, last_error, payload from outbox where topic = 'delete'`);
      assert.deepEqual([notice!.status, notice!.attempts, notice!.last_error], ['dead', 2, 'HTTP 500']);
      assert.equal(notice!.payload.requestId, pending.id);
      assert.ok(!JSON.stringify(notice!.payload).includes(pat.email), 'the partner is told by hash, not by address');

      // Staff see the same on the request: per-store results and the dead-lettered notice.
      const detail = await h.admin.get(`/v1/admin/requests/${pending.id}`);
      assert.equal(detail.body.stores.state, 'done');
      assert.deepEqual(detail.body.notices.map((n: any) => [n.partner, n.topic, n.status, n.lastError]), [['fulfilment-co', 'delete', 'dead', 'HTTP 500']]);
      const check = await h.admin.post('/v1/admin/suppression/check', { site: 'shop', emails: [` ${pat.email.toUpperCase()} `, sam.email] });
      assert.deepEqual(check.body, { suppressed: [pat.email] });
      const list = await h.admin.get('/v1/admin/suppression?site=shop');
      assert.equal(list.body.entries.length, 1);
      assert.match(list.body.entries[0].emailHash, /^[0-9a-f]{64}$/);
      assert.equal((await h.api.get('/v1/admin/suppression?site=shop')).status, 401, 'the list needs an admin key');
    });

    test('a know request looks back 12 months unless the consumer asks for everything since 2022', async () => {
      const id = (await rows<{ id: number }>(h.collector.database, sql`select id from acme.customers where email = ${sam.email}`))[0]!.id;
      await h.collector.database.db.execute(sql`insert into acme.orders (customer_id, placed_at, total, tax) values (${id}, '2023-03-01T12:00:00Z', 99, 9)`);
      const ordersFor = async (body: Record<string, unknown>) => {
        const request = await fileVerified({ type: 'access', jurisdiction: 'gdpr', email: sam.email, ...body }, { dataPoints: { name: 'Sam Roe' } });
        await fulfilAll();
        const status = await h.api.get(statusPath(request.statusUrl), { accept: 'application/json' });
        return status.body.result.data.tables.find((part: any) => part.table === 'orders').rows as number;
      };
      assert.equal(await ordersFor({}), 2, 'the 2023 order is outside the 12 months');
      assert.equal(await ordersFor({ window: 'since-2022' }), 3);
    });

    test('replaying the journal after a backup restore deletes the person again, and only them', async () => {
      // A restore brings the deleted customer back, as a backup taken before the deletion would.
      await h.collector.database.db.execute(sql`insert into acme.customers (email, full_name, phone, ssn) values (${pat.email}, ${pat.name}, ${pat.phone}, ${pat.ssn})`);
      const id = (await rows<{ id: number }>(h.collector.database, sql`select id from acme.customers where email = ${pat.email}`))[0]!.id;
      await h.collector.database.db.execute(sql`insert into acme.activity (customer_id, at, path) values (${id}, now(), '/restored')`);
      const report = await replayDeletions(db(), h.collector.deps.config, h.collector.deps.stores!, new Date('2026-01-01T00:00:00Z'), time.clock());
      assert.equal(report.entries, 1);
      assert.equal(report.found, 1);
      assert.equal(await countIn('customers', sql`email = ${pat.email}`), 0);
      assert.equal(await countIn('activity', sql`customer_id = ${id}`), 0);
      assert.equal(await countIn('customers', sql`email = ${sam.email}`), 1);
      const again = await replayDeletions(db(), h.collector.deps.config, h.collector.deps.stores!, new Date('2026-01-01T00:00:00Z'), time.clock());
      assert.equal(again.found, 0, 'a second replay finds nothing more');
    });

    test('a correction with fields is written wherever the store holds them, and the partner is told', async () => {
      const request = await fileVerified({ type: 'rectification', jurisdiction: 'gdpr', email: sam.email, details: { inaccurate: 'my phone', correction: 'it is 415-555-0100', fields: { phone: '415-555-0100' } } },
        { dataPoints: { name: 'Sam Roe' } });
      assert.equal(request.verified.status, 'in_progress');
      await fulfilAll();
      assert.equal(await countIn('customers', sql`email = ${sam.email} and phone = '415-555-0100'`), 1);
      const status = await h.api.get(statusPath(request.statusUrl), { accept: 'application/json' });
      assert.equal(status.body.status, 'completed');
      assert.ok(!JSON.stringify(status.body).includes('415-555-0100'), '§7023: the corrected value is not echoed');
      const [notice] = await rows<{ payload: any }>(h.collector.database, sql`select payload from outbox where topic = 'correct'`);
      assert.deepEqual(notice!.payload.fields, { phone: '415-555-0100' });
    });
  });
}

describe('a store that fails', () => {
  test('is retried on later runs, then the request is left to a person with the failure named', async () => {
    const time = manualClock('2026-06-01T17:00:00Z');
    const email = newEmail('lee').toLowerCase();
    const h = await startRequests('pglite', {
      clock: time.clock,
      prepare: async (database) => {
        await createAcmeStore(database);
        await addCustomer(database, { email, name: 'Lee Poe', phone: '415-555-0111', ssn: '345-67-8901', orders: 1, activity: 1 }, 'acme', time.clock());
      },
      // A second store whose server is gone: nothing listens on port 9 of this machine.
      config: (database) => configFor(database, 'http://127.0.0.1:9/', [{ id: 'warehouse', kind: 'postgres', url: 'postgres://postgres@127.0.0.1:9/none', tables: { people: { identities: { email: 'email' } } } }]),
    });
    try {
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email });
      await h.api.post(`/v1/requests/${filed.body.id}/verify`, { code: await latestCode(h.admin, filed.body.id), dataPoints: { name: 'Lee Poe' } });
      const deps = () => ({ config: h.collector.deps.config, mailing: { smtp: false }, now: time.clock(), base: h.collector.url });
      for (let run = 0; run < 3; run += 1) {
        await dispatchFulfilment(h.collector.deps.db, deps(), h.collector.deps.fulfilment!);
        time.advance(2 * 3_600_000);
      }
      const [row] = await rows<{ status: string; fulfilment: string; fulfilment_attempts: number }>(h.collector.database,
        sql`select status, fulfilment, fulfilment_attempts from rights_requests where id = ${filed.body.id}`);
      assert.deepEqual([row!.status, row!.fulfilment, row!.fulfilment_attempts], ['in_progress', 'manual', 3]);
      const [manual] = await rows<{ detail: any }>(h.collector.database, sql`select detail from audit_events where subject = ${filed.body.id} and action = 'request.manual'`);
      assert.match(manual!.detail.reason, /failed 3 times: warehouse:/);
      assert.equal((await rows<{ n: number }>(h.collector.database, sql`select count(*)::int as n from acme.customers where email = ${email}`))[0]!.n, 0,
        'the store that works was cleared on the first run and not run again');
      const failures = await rows<{ detail: any }>(h.collector.database, sql`select detail from audit_events where subject = ${filed.body.id} and action = 'request.fulfilment-failed' order by id`);
      assert.equal(failures.length, 3);
      assert.equal(failures[2]!.detail.stores.find((entry: any) => entry.store === 'acme').tables.find((t: any) => t.table === 'customers').rows, 1,
        'the first run\'s results are kept through the retries');
    } finally {
      await h.close();
    }
  });
});
