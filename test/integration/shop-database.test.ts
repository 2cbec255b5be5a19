import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { parseConfig } from '../../collector/config/load.ts';
import { checkStoresAgainstCatalog, readCatalog } from '../../collector/datamap/catalog.ts';
import { discoverStore, unmapped } from '../../collector/datamap/discover.ts';
import { openStores } from '../../collector/datamap/stores.ts';
import { listen } from '../../collector/server.ts';
import { claimDue, defaultOutboxOptions, deliverClaimed, partnerDestination } from '../../collector/outbox/worker.ts';
import { dispatchFulfilment } from '../../collector/requests/fulfilment.ts';
import { createShopSchema } from '../../demo-site/shop/database/schema.ts';
import { demoAccounts, demoPassword, seedShop } from '../../demo-site/shop/database/seed.ts';
import { passwordMatches } from '../../demo-site/shop/passwords.ts';
import { demoConfig, demoPorts } from '../../demo-site/site-config.ts';
import { vendorServer } from '../../demo-site/vendors/server.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { rows } from '../helpers/store-fixture.ts';
import { latestCode, startRequests, type RequestsHarness } from '../helpers/requests.ts';

const tables = ['users', 'orders', 'order_items', 'activity_log', 'marketing_preferences', 'support_tickets', 'legacy_newsletter'];
const countsOf = async (database: TestDatabase) => Object.fromEntries(await Promise.all(tables.map(async (table) =>
  [table, (await rows<{ n: number }>(database, sql`select count(*)::int as n from shop.${sql.identifier(table)}`))[0]!.n] as const)));

for (const kind of databaseKinds) {
  describe(`the demo shop's customer database on ${kind}`, () => {
    let database: TestDatabase;
    before(async () => { database = await openTestDatabase(kind); });
    after(async () => { await database.drop(); });

    test('is created and seeded once: a second start changes nothing', async () => {
      await createShopSchema(database.db);
      assert.equal(await seedShop(database.db), true);
      const first = await countsOf(database);
      assert.equal(first.users, 50);
      for (const table of tables) assert.ok(first[table]! > 0, `${table} has rows`);
      await createShopSchema(database.db);
      assert.equal(await seedShop(database.db), false, 'a shop with customers is not seeded again');
      assert.deepEqual(await countsOf(database), first);
      // The seeding gave ids; a customer signing up afterwards still gets a fresh one.
      const [fresh] = await rows<{ id: number }>(database, sql`insert into shop.users (email, full_name, password_hash) values ('new@example.com', 'New Person', 'x') returning id`);
      assert.equal(fresh!.id, 51);
      await database.db.execute(sql`delete from shop.users where id = ${fresh!.id}`);
    });

    test('holds the demo accounts with their orders, a password of "demo", and tickets naming phones and addresses', async () => {
      const [ada] = await rows<{ id: number; full_name: string; password_hash: string }>(database, sql`select id, full_name, password_hash from shop.users where email = 'ada@example.com'`);
      assert.equal(ada!.full_name, 'Ada Lovelace');
      assert.equal(await passwordMatches(demoPassword, ada!.password_hash), true);
      assert.equal(await passwordMatches('wrong', ada!.password_hash), false);
      const orders = await rows<{ subtotal: string; tax: string; total: string; items: string }>(database, sql`select o.subtotal::text, o.tax::text, o.total::text,
        string_agg(i.quantity || ' × ' || i.product_name, ', ' order by i.sku) as items
        from shop.orders o join shop.order_items i on i.order_id = o.id where o.user_id = ${ada!.id} group by o.id order by o.placed_at desc`);
      assert.deepEqual(orders.map((order) => order.items), ['2 × Enamel camping mug, 1 × Merino hiking socks', '1 × Brass reading lamp', '1 × Camp stove, 1 × Two-person tent']);
      for (const order of orders) assert.equal(Number(order.subtotal) + Number(order.tax), Number(order.total));
      const tickets = await rows<{ body: string }>(database, sql`select body from shop.support_tickets where user_id = ${ada!.id}`);
      assert.ok(tickets[0]!.body.includes('(415) 555-0101') && tickets[0]!.body.includes('ada@example.com'));
      const accounts = await rows<{ email: string }>(database, sql`select email from shop.users order by id limit 3`);
      assert.deepEqual(accounts.map((row) => row.email), demoAccounts.map((account) => account.email));
    });

    test('matches the data map, which leaves the planted legacy_newsletter table out', async () => {
      const config = parseConfig(demoConfig(demoPorts));
      const stores = openStores(config, database.db);
      await checkStoresAgainstCatalog(stores.list);
      const shop = stores.get('shop')!;
      const catalog = await readCatalog(shop);
      assert.deepEqual([...catalog.keys()].filter((table) => !shop.store.tables[table]), ['legacy_newsletter']);
      const [planted] = await rows<{ ref: string }>(database, sql`select ref from shop.legacy_newsletter where ref = 'ada@example.com'`);
      assert.ok(planted, 'the unmapped table holds addresses under a name that does not say so');
      // The check is not a formality: a column the shop lacks is named by its path.
      const wrong = parseConfig({ ...demoConfig(demoPorts), stores: [{ ...config.stores[0]!, tables: { users: { identities: { email: 'mail' } } } }] });
      await assert.rejects(checkStoresAgainstCatalog(openStores(wrong, database.db).list), /stores\[0\]\.tables\.users\.identities\.email: no column mail/);
    });

    test('discovery on the demo shop finds the planted addresses, and only there is anything left unmapped', async () => {
      const shop = openStores(parseConfig(demoConfig(demoPorts)), database.db).get('shop')!;
      const found = unmapped((await discoverStore(shop)).findings);
      assert.deepEqual(found.map((finding) => [finding.table, finding.column, finding.kind, finding.category]), [['legacy_newsletter', 'ref', 'email', 'identifiers']]);
    });
  });

  describe(`a verified deletion on the demo shop's database on ${kind}`, () => {
    let h: RequestsHarness;
    const vendors = vendorServer();
    let vendorListener: Awaited<ReturnType<typeof listen>>;
    before(async () => {
      vendorListener = await listen(vendors.fetch, 0);
      const ports = { shop: demoPorts.shop, vendors: (vendorListener.address() as AddressInfo).port };
      h = await startRequests(kind, {
        prepare: async ({ db }) => {
          await createShopSchema(db);
          await seedShop(db);
        },
        config: () => parseConfig(demoConfig(ports)),
      });
    });
    after(async () => {
      await h.close();
      await new Promise<void>((resolve) => vendorListener.close(() => resolve()));
    });

    test('removes Grace, keeps her orders\' tax fields without her, and the fulfilment partner acknowledges the notice', async () => {
      const database = h.collector.database;
      const [grace] = await rows<{ id: number }>(database, sql`select id from shop.users where email = 'grace@example.com'`);
      const before = await rows<{ id: number; subtotal: string; tax: string; tax_region: string; total: string }>(database,
        sql`select id, subtotal::text, tax::text, tax_region, total::text from shop.orders where user_id = ${grace!.id} order by id`);
      const others = (await countsOf(database));
      const filed = await h.api.post('/v1/requests', { site: 'demo', jurisdiction: 'ccpa', type: 'delete', email: 'grace@example.com' });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const verified = await h.api.post(`/v1/requests/${filed.body.id}/verify`, { code: await latestCode(h.admin, filed.body.id), dataPoints: { name: 'Grace Hopper', phone: '415 555 0102' } });
      assert.equal(verified.body.status, 'in_progress', JSON.stringify(verified.body));
      const deps = { config: h.collector.deps.config, mailing: { smtp: false }, now: new Date(), base: h.collector.url };
      while (await dispatchFulfilment(h.collector.deps.db, deps, h.collector.deps.fulfilment!) > 0);

      assert.equal((await rows(database, sql`select 1 from shop.users where email = 'grace@example.com'`)).length, 0);
      for (const table of ['activity_log', 'marketing_preferences', 'support_tickets']) {
        assert.equal((await rows(database, sql`select 1 from shop.${sql.identifier(table)} where user_id = ${grace!.id}`)).length, 0, table);
      }
      const kept = await rows<{ id: number; user_id: number | null; shipping_address: string | null; shipping_postal_code: string; subtotal: string; tax: string; tax_region: string; total: string }>(database,
        sql`select id, user_id, shipping_address, shipping_postal_code, subtotal::text, tax::text, tax_region, total::text from shop.orders where id in ${sql`(${sql.join(before.map((o) => sql`${o.id}`), sql`, `)})`} order by id`);
      assert.deepEqual(kept.map(({ id, subtotal, tax, tax_region, total }) => ({ id, subtotal, tax, tax_region, total })), [...before]);
      for (const order of kept) {
        assert.equal(order.user_id, null);
        assert.equal(order.shipping_address, null);
        assert.match(order.shipping_postal_code, /^\d{3}$/, 'the ZIP is cut to its first three digits');
      }
      const after = await countsOf(database);
      assert.equal(after.users, others.users! - 1, 'nobody else is touched');
      assert.equal(after.orders, others.orders, 'no order disappears');

      const claimed = await claimDue(h.collector.deps.db, new Date(), defaultOutboxOptions);
      await deliverClaimed({ db: h.collector.deps.db, config: h.collector.deps.config, clock: () => new Date() }, claimed, defaultOutboxOptions, partnerDestination);
      const [notice] = await rows<{ status: string; acknowledgement: any }>(database, sql`select status, acknowledgement from outbox where topic = 'delete'`);
      assert.equal(notice!.status, 'delivered');
      assert.equal(notice!.acknowledgement.body.done, 'deleted');
      assert.deepEqual(vendors.notices().map((seen) => seen.topic), ['delete']);
    });
  });
}
