import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gpcInitScript, launchBrowser } from '../helpers/browser.ts';
import { startGuardSite, type GuardSite } from '../helpers/guard-site.ts';

const page = (lang: string, body = '') => `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head>
<script src="{{collector}}/s/demo/cordon.js"></script>
<script type="text/plain" data-cordon="analytics" src="http://analytics.localhost:{{vendor}}/first.js"></script>
<script type="text/plain" data-cordon="sale" src="http://broker.localhost:{{vendor}}/second.js"></script>
<script type="text/plain" data-cordon="sharing">(window.__ran = window.__ran || []).push('third-inline');</script>
<script type="text/plain" data-cordon="sale sharing" src="http://ads.localhost:{{vendor}}/fourth.js"></script>
<script>document.head.appendChild(Object.assign(document.createElement('script'), { src: 'http://broker.localhost:{{vendor}}/inserted.js' }));</script>
</head><body><main><h1>Shop</h1>${body}</main><footer><span data-cordon-link></span></footer></body></html>`;

const pages = { '/': page('en'), '/es': page('es'), '/unlabelled': page('') };
// The inserted script is held before the marked ones are taken, and still comes back after them.
const documentOrder = ['analytics.localhost/first.js', 'broker.localhost/second.js', 'third-inline', 'ads.localhost/fourth.js', 'broker.localhost/inserted.js'];

describe('the preferences UI in Chromium', () => {
  let browser: Browser;
  let optOutSite: GuardSite;
  let optInSite: GuardSite;
  before(async () => {
    browser = await launchBrowser();
    optOutSite = await startGuardSite(pages);
    optInSite = await startGuardSite(pages, { regime: 'opt-in' });
  });
  after(async () => {
    await browser?.close();
    await optOutSite?.close();
    await optInSite?.close();
  });

  async function open(context: BrowserContext, site: GuardSite, path = '/'): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(`${site.siteUrl}${path}`);
    await tab.locator('cordon-ui').first().waitFor({ state: 'attached' });
    return tab;
  }
  const ran = (tab: Page) => tab.evaluate(() => (window as unknown as { __ran?: string[] }).__ran ?? []);

  test('speaks Spanish when the page is in Spanish, or says nothing and the browser prefers Spanish', async () => {
    const context = await browser.newContext({ locale: 'es-ES' });
    for (const path of ['/es', '/unlabelled']) {
      const tab = await open(context, optOutSite, path);
      await tab.getByRole('button', { name: 'Sus opciones de privacidad' }).click();
      await tab.getByRole('switch', { name: 'No vender ni compartir mi información personal' }).click();
      await tab.getByRole('status').filter({ hasText: 'Se ha guardado su elección.' }).waitFor();
      await tab.close();
    }
    const english = await open(context, optOutSite, '/');
    await english.getByRole('button', { name: 'Your Privacy Choices' }).waitFor();
    await context.close();
  });

  test('with GPC, opting back in by hand releases the held tags in document order', async () => {
    const context = await browser.newContext();
    await context.addInitScript(gpcInitScript);
    const tab = await open(context, optOutSite);
    await tab.getByText('Opt-Out Request Honored').first().waitFor();
    assert.deepEqual(await ran(tab), ['analytics.localhost/first.js']);
    await tab.getByRole('button', { name: 'Your Privacy Choices' }).click();
    await tab.getByRole('switch', { name: 'Do Not Sell or Share My Personal Information' }).click();
    await tab.waitForFunction((count) => ((window as unknown as { __ran?: string[] }).__ran ?? []).length === count, documentOrder.length);
    assert.deepEqual(await ran(tab), documentOrder);
    assert.equal(await tab.getByText('Opt-Out Request Honored').filter({ visible: true }).count(), 0, 'the status no longer claims an opt-out');
    await context.close();
  });

  test('under a nonce-based CSP, a held inline tag is released with its nonce and runs', async () => {
    const nonced = `<!doctype html><html lang="en"><head>
<script nonce="n0nce" src="{{collector}}/s/demo/cordon.js"></script>
<script type="text/plain" data-cordon="sale" nonce="n0nce">(window.__ran = window.__ran || []).push('inline-with-nonce');</script>
<script nonce="n0nce">window.__violations = []; addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));</script>
</head><body><span data-cordon-link></span></body></html>`;
    const site = await startGuardSite({ '/': nonced }, {
      headers: { 'content-security-policy': "script-src 'nonce-n0nce' {{collector}} http://*.localhost:{{vendor}}; style-src 'self'; object-src 'none'" },
    });
    try {
      const context = await browser.newContext();
      await context.addInitScript(gpcInitScript);
      const tab = await open(context, site);
      assert.deepEqual(await ran(tab), [], 'held under GPC');
      await tab.getByRole('button', { name: 'Your Privacy Choices' }).click();
      await tab.getByRole('switch', { name: 'Do Not Sell or Share My Personal Information' }).click();
      await tab.waitForFunction(() => ((window as unknown as { __ran?: string[] }).__ran ?? []).length === 1);
      assert.deepEqual(await ran(tab), ['inline-with-nonce']);
      assert.deepEqual(await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
      await context.close();
    } finally {
      await site.close();
    }
  });

  test('an opt-in site holds every tag behind a banner whose Reject and Accept weigh the same', async () => {
    optInSite.resetHits();
    const rejecting = await browser.newContext();
    const tab = await open(rejecting, optInSite);
    const banner = tab.getByRole('region', { name: 'Your privacy' });
    await banner.waitFor();
    const reject = banner.getByRole('button', { name: 'Reject all' });
    const accept = banner.getByRole('button', { name: 'Accept all' });
    const look = (button: typeof reject) => button.evaluate((element) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return [style.color, style.backgroundColor, style.fontSize, style.fontWeight, style.borderWidth, Math.round(box.height)];
    });
    assert.deepEqual(await look(reject), await look(accept), 'Reject all looks exactly like Accept all');
    assert.deepEqual(optInSite.hits(), [], 'nothing loads before a choice');

    await reject.click();
    await banner.waitFor({ state: 'detached' });
    const again = await open(rejecting, optInSite);
    await again.getByRole('button', { name: 'Your Privacy Choices' }).waitFor();
    assert.equal(await again.getByRole('region', { name: 'Your privacy' }).count(), 0, 'the banner does not come back');
    assert.deepEqual(optInSite.hits(), [], 'nothing loads after Reject all');
    await rejecting.close();

    const accepting = await browser.newContext();
    const other = await open(accepting, optInSite);
    await other.getByRole('region', { name: 'Your privacy' }).getByRole('button', { name: 'Accept all' }).click();
    await other.waitForFunction((count) => ((window as unknown as { __ran?: string[] }).__ran ?? []).length === count, documentOrder.length);
    assert.deepEqual(await ran(other), documentOrder, 'Accept all releases every tag in document order');
    await accepting.close();
  });
});
