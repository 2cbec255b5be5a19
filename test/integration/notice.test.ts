import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CordonConfigInput } from '../../shared/config.ts';
import { Notice } from '../../shared/notice.ts';
import { startCollector, type RunningCollector } from '../helpers/collector.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { siteOrigin, siteSecret, testConfig } from '../helpers/fixtures.ts';

/** A map over two stores: a retained table, a sensitive column, a stated source and purposes. */
const stores: NonNullable<CordonConfigInput['stores']> = [
  {
    id: 'shop-db', kind: 'postgres',
    tables: {
      customers: {
        columns: {
          email: { category: 'identifiers', purpose: 'order confirmations' },
          ssn: { category: 'identifiers', sensitive: 'government-id', purpose: 'tax reporting' },
        },
      },
      orders: {
        columns: { total: { category: 'commercial', purpose: 'fulfilling orders' } },
        onDelete: { retain: { basis: 'tax records', years: 7 } },
      },
    },
  },
  {
    id: 'analytics', kind: 'postgres', url: 'postgres://analytics.test/db',
    tables: {
      visits: {
        columns: {
          position: { category: 'geolocation', sensitive: 'precise-geolocation', source: 'the visitor\'s device' },
          attention: { category: 'biometric', sensitive: 'neural', source: 'the visitor\'s headset' },
        },
      },
    },
  },
];

for (const kind of databaseKinds) {
  describe(`the privacy notice from the map (${kind})`, () => {
    let collector: RunningCollector;
    let quiet: RunningCollector;
    before(async () => {
      collector = await startCollector(kind, { config: testConfig({ stores }) });
      // A site whose vendors neither buy nor receive for advertising, and no partners.
      quiet = await startCollector(kind, {
        config: testConfig({
          sites: [{ id: 'quiet', origins: [siteOrigin], secret: siteSecret, vendors: [{ id: 'cdn', name: 'CDN', hosts: ['cdn.test'], purposes: ['functional'] }] }],
          stores: [stores[0]!],
        }),
      });
    });
    after(async () => {
      await collector.close();
      await quiet.close();
    });

    test('notice.json lists every category with its sources, purposes and retention, and who receives data for advertising', async () => {
      const response = await fetch(`${collector.url}/v1/sites/shop/notice.json`);
      assert.equal(response.status, 200);
      const notice = Notice.parse(await response.json());
      assert.deepEqual(notice.categories.map((category) => category.category), ['biometric', 'commercial', 'geolocation', 'identifiers']);
      const identifiers = notice.categories.find((category) => category.category === 'identifiers')!;
      assert.deepEqual(identifiers.purposes, ['order confirmations', 'tax reporting']);
      assert.deepEqual(identifiers.sources, ['the consumer']);
      assert.deepEqual(identifiers.retention, [{ until: 'deletion' }]);
      assert.deepEqual(notice.categories.find((category) => category.category === 'commercial')!.retention, [{ years: 7, basis: 'tax records' }]);
      assert.deepEqual(notice.categories.find((category) => category.category === 'geolocation')!.sources, ['the visitor\'s device']);
      assert.deepEqual(notice.sensitive, ['government-id', 'neural', 'precise-geolocation']);
      assert.equal(notice.sold, false, 'the only vendor shares, none buys');
      assert.equal(notice.shared, true);
      assert.deepEqual(notice.recipients, [{ name: 'Ad Pixel', sold: false, shared: true }]);
    });

    test('notice.html says the same, readable and with nothing to run', async () => {
      const response = await fetch(`${collector.url}/v1/sites/shop/notice.html`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const html = await response.text();
      assert.ok(!/<script/i.test(html), 'no script');
      assert.match(html, /<html lang="en">/);
      assert.match(html, /<th scope="row">Commercial information[^<]*<\/th>[\s\S]*?7 years \(tax records\)/);
      assert.match(html, /Social Security/);
      assert.match(html, /Neural data/);
      assert.match(html, /We do not sell personal information\./);
      assert.match(html, /We share personal information for cross-context behavioural advertising with: Ad Pixel\./);
    });

    test('a site that neither sells nor shares says so; an unknown site is a 404', async () => {
      const notice = Notice.parse(await (await fetch(`${quiet.url}/v1/sites/quiet/notice.json`)).json());
      assert.deepEqual([notice.sold, notice.shared, notice.recipients], [false, false, []]);
      assert.deepEqual(notice.sensitive, ['government-id']);
      const html = await (await fetch(`${quiet.url}/v1/sites/quiet/notice.html`)).text();
      assert.match(html, /We do not share personal information/);
      assert.equal((await fetch(`${quiet.url}/v1/sites/shop/notice.json`)).status, 404);
      assert.equal((await fetch(`${quiet.url}/v1/sites/nope/notice.html`)).status, 404);
    });
  });
}
