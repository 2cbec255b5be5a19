import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { preferenceRecords, subjectStates } from '../../collector/db/schema.ts';
import { signAccountToken } from '../../collector/services/account-token.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { eventually } from '../helpers/eventually.ts';
import { siteSecret } from '../helpers/fixtures.ts';
import { startGuardSite, type GuardSite } from '../helpers/guard-site.ts';

const forbiddenHosts = ['ads.localhost', 'broker.localhost'];

/**
 * A page with a sharing tag and a sale tag that keep calling home, and an unknown third party, in the markup
 * unmarked (the preload scanner may fetch it before any script runs, so only running it can be stopped) and
 * injected later.
 */
const shop = `<!doctype html><html lang="en"><head><script src="{{collector}}/s/demo/cordon.js"></script>
<script type="text/plain" data-cordon="sharing" src="http://ads.localhost:{{vendor}}/tag.js"></script>
<script src="http://elsewhere.localhost:{{vendor}}/static.js"></script>
</head><body><script>
  const late = document.createElement('script');
  late.src = 'http://elsewhere.localhost:{{vendor}}/injected.js';
  document.body.append(late);
  setInterval(() => { new Image().src = 'http://broker.localhost:{{vendor}}/beat.gif?' + Date.now(); }, 100);
</script></body></html>`;

/** A tag runner in a worker made from a blob, reaching a host no vendor names, an allowed vendor and the site itself. */
const workerPage = `<!doctype html><html lang="en"><head><script src="{{collector}}/s/demo/cordon.js"></script></head><body><script>
  const code = 'const reach = (url) => fetch(url).then((r) => r.status, () => "refused"); Promise.all([reach("http://elsewhere.localhost:{{vendor}}/worker-fetch"), reach("http://ads.localhost:{{vendor}}/worker-allowed"), reach(location.origin + "/worker-own")]).then((results) => postMessage(results));';
  new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))).onmessage = (event) => { window.reached = event.data; };
</script></body></html>`;

const tokenFor = (account: string) => signAccountToken(siteSecret, { account, exp: Math.floor(Date.now() / 1000) + 300 });

describe('accounts, offline records and unknown third parties in Chromium', () => {
  let browser: Browser;
  let site: GuardSite;
  let blocking: GuardSite;
  before(async () => {
    browser = await launchBrowser();
    site = await startGuardSite({ '/': shop });
    blocking = await startGuardSite({ '/': shop, '/worker': workerPage }, { unknownThirdParty: 'block' });
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await blocking?.close();
  });

  async function open(context: BrowserContext, on: GuardSite = site): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${on.siteUrl}/`);
    await page.evaluate(() => window.Cordon.ready);
    return page;
  }
  const accountState = (account: string) => site.collector.deps.db.select().from(subjectStates)
    .where(and(eq(subjectStates.kind, 'account'), eq(subjectStates.key, account)));

  test('an opt-out made on one device follows the account to another browser the moment it identifies', async () => {
    const laptop = await browser.newContext();
    const first = await open(laptop);
    await first.evaluate((token) => window.Cordon.identify(token), tokenFor('acct-7'));
    await first.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
    await eventually(() => accountState('acct-7'), (rows) => rows[0]?.saleOptOut === true, 'the account opted out at the collector');
    await laptop.close();

    const phone = await browser.newContext();
    const page = await open(phone);
    await eventually(() => site.hitsTo('broker.localhost'), (hits) => hits.length > 0, 'the sale tag running before the phone is linked');
    const state = await page.evaluate((token) => window.Cordon.identify(token), tokenFor('acct-7'));
    assert.deepEqual([state.saleOptOut, state.sharingOptOut, state.source], [true, true, 'account']);
    await page.waitForTimeout(200); // a pixel sent just before may still be on its way
    site.resetHits();
    await page.waitForTimeout(400);
    assert.deepEqual(site.hitsTo(...forbiddenHosts), [], 'the account\'s opt-out stops the tags at once');
    await page.reload();
    await page.waitForTimeout(300);
    assert.deepEqual(site.hitsTo(...forbiddenHosts), [], 'and it holds after reload');
    assert.equal((await page.evaluate(() => window.Cordon.getState())).saleOptOut, true);
    const refusal = await page.evaluate(() => window.Cordon.identify('garbage').then(() => 'accepted', (error: Error) => error.message));
    assert.match(refusal, /^Cordon\.identify: /, 'a token the site did not sign is refused');
    await phone.close();
  });

  test('a choice made offline is applied at once and recorded when the browser is back online, without a reload', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await page.waitForLoadState('load');
    const deviceId = (await page.evaluate(() => window.Cordon.getState())).deviceId;
    const records = () => site.collector.deps.db.select().from(preferenceRecords).where(eq(preferenceRecords.deviceId, deviceId));
    await context.setOffline(true);
    await page.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
    site.resetHits();
    await page.waitForTimeout(400);
    assert.deepEqual(site.hitsTo(...forbiddenHosts), [], 'the choice holds the tags while offline');
    assert.deepEqual(await records(), [], 'nothing could reach the collector');
    await context.setOffline(false);
    const stored = await eventually(records, (rows) => rows.length === 1, 'the record after going back online');
    assert.deepEqual([stored[0]!.saleOptOut, stored[0]!.sharingOptOut, stored[0]!.source], [true, true, 'user']);
    await context.close();
  });

  test('when the page storage is cleared, the durable copy brings the opt-out and the device back on the next page', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await page.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
    const chosen = await page.evaluate(() => window.Cordon.getState());
    await page.waitForTimeout(300);
    await page.evaluate(() => localStorage.clear());
    site.resetHits();
    await page.reload();
    const restored = await eventually(() => page.evaluate(() => window.Cordon.getState()), (state) => state.saleOptOut, 'the restored opt-out');
    assert.deepEqual([restored.sharingOptOut, restored.deviceId, restored.updatedAt], [true, chosen.deviceId, chosen.updatedAt]);
    site.resetHits();
    await page.waitForTimeout(300);
    assert.deepEqual(site.hitsTo(...forbiddenHosts), [], 'the restored opt-out holds the tags again');
    await context.close();
  });

  test('a site that blocks unknown third parties holds a host no vendor names, whatever the visitor chose', async () => {
    const context = await browser.newContext();
    blocking.resetHits();
    const page = await open(context, blocking);
    await page.waitForTimeout(300);
    assert.deepEqual(blocking.hitsTo('elsewhere.localhost').filter((hit) => hit.path === '/injected.js'), [], 'the injected unknown tag is never fetched');
    const ran = await page.evaluate(() => (window as unknown as { __ran?: string[] }).__ran ?? []);
    assert.deepEqual(ran.filter((tag) => tag.startsWith('elsewhere')), [], 'no unknown third-party script runs');
    assert.ok(ran.includes('ads.localhost/tag.js'), 'a named vendor the visitor allows still runs');
    const held = (await page.evaluate(() => window.Cordon.getHeld())).map((item) => new URL(item.url).pathname).sort();
    assert.deepEqual(held, ['/injected.js', '/static.js'], 'both are listed as held');
    await context.close();
  });

  test('a blob worker on a site that blocks unknown third parties reaches only the site and the vendors allowed', async () => {
    const context = await browser.newContext();
    blocking.resetHits();
    const page = await context.newPage();
    await page.goto(`${blocking.siteUrl}/worker`);
    const reached = await eventually(() => page.evaluate(() => (window as { reached?: unknown[] }).reached), Boolean, 'the worker reported');
    assert.deepEqual(reached, ['refused', 200, 404], 'the unknown host refused, the allowed vendor and the site reached');
    assert.deepEqual(blocking.hitsTo('elsewhere.localhost'), [], 'nothing reached the unknown host');
    await context.close();
  });
});
