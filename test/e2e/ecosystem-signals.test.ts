import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gpcInitScript } from '../helpers/browser.ts';
import { guardSiteInChromium } from '../helpers/guard-site.ts';

/** What a tag sees when it runs right after the guard: the consent-mode default and a `__gpp` to ask. */
const page = `<!doctype html><html lang="en"><head>
<script src="{{collector}}/s/demo/cordon.js"></script>
<script>
  window.__seen = { consentDefault: Array.from(window.dataLayer.find((entry) => entry[0] === 'consent' && entry[1] === 'default') ?? []), gppType: typeof window.__gpp };
  window.__gpp('ping', (data) => { window.__seen.ping = data; });
</script>
</head><body></body></html>`;

type Gpp = (command: string, callback: (data: unknown, success: boolean) => void, parameter?: unknown) => void;

describe('ecosystem signals in Chromium', () => {
  const running = guardSiteInChromium({ '/': page });

  test('under GPC, tags find consent mode denied and a usnat section that says opted out, before anything else runs', async () => {
    const context = await running.browser().newContext();
    await context.addInitScript(gpcInitScript);
    const tab = await context.newPage();
    await tab.goto(running.site().siteUrl);
    const seen = await tab.evaluate(() => (window as unknown as { __seen: { consentDefault: unknown[]; gppType: string; ping: { cmpStatus: string } } }).__seen);
    assert.equal(seen.gppType, 'function', '__gpp exists synchronously');
    assert.equal(seen.ping.cmpStatus, 'stub', 'ping is answered by the stub at once');
    assert.deepEqual(seen.consentDefault, ['consent', 'default', {
      ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted',
    }]);

    const fields = await tab.evaluate(() => Promise.all(['usnat.SaleOptOut', 'usnat.SharingOptOut', 'usnat.Gpc'].map((field) =>
      new Promise((resolve) => (window as unknown as { __gpp: Gpp }).__gpp('getField', (data) => resolve(data), field)))));
    assert.deepEqual(fields, [1, 1, true], 'usnat: opted out of sale and sharing (1 = opted out), GPC carried');
    const gppString = await tab.evaluate(() => new Promise<{ gppString: string; applicableSections: number[] }>((resolve) =>
      (window as unknown as { __gpp: Gpp }).__gpp('ping', (data) => resolve(data as { gppString: string; applicableSections: number[] }))));
    assert.match(gppString.gppString, /^DB/, 'an encoded GPP string');
    assert.deepEqual(gppString.applicableSections, [7]);
    await context.close();
  });

  test('a change is an update for consent mode and for GPP listeners', async () => {
    const context = await running.browser().newContext();
    const tab = await context.newPage();
    await tab.goto(running.site().siteUrl);
    await tab.evaluate(() => new Promise<void>((resolve) => {
      (window as unknown as { __gpp: Gpp }).__gpp('addEventListener', (event) => {
        const data = event as { eventName: string; data: unknown };
        if (data.eventName === 'listenerRegistered') resolve();
        (window as unknown as { __events: string[] }).__events ??= [];
        (window as unknown as { __events: string[] }).__events.push(data.eventName);
      });
    }));
    assert.deepEqual(await tab.evaluate(() => new Promise((resolve) => (window as unknown as { __gpp: Gpp }).__gpp('getField', resolve, 'usnat.SaleOptOut'))), 2, 'not opted out yet (2)');
    await tab.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
    const update = await tab.evaluate(() => Array.from((window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer.filter((entry) => entry[1] === 'update').at(-1) ?? []));
    assert.deepEqual(update, ['consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted' }]);
    await tab.waitForFunction(() => ((window as unknown as { __events?: string[] }).__events ?? []).includes('sectionChange'));
    assert.deepEqual(await tab.evaluate(() => new Promise((resolve) => (window as unknown as { __gpp: Gpp }).__gpp('getField', resolve, 'usnat.SaleOptOut'))), 1, 'opted out now (1)');
    await context.close();
  });
});
