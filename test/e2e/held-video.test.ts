import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { preferenceRecords } from '../../collector/db/schema.ts';
import { gpcInitScript, layoutShiftInitScript, layoutShifts } from '../helpers/browser.ts';
import { demoInChromium } from '../helpers/demo.ts';
import { eventually } from '../helpers/eventually.ts';
import { guardSiteInChromium } from '../helpers/guard-site.ts';

const placeholder = (page: Page) => page.locator('cordon-held');
/** What the note says, paragraph by paragraph, then its button: its text is in its shadow root. */
const noteText = (page: Page) => placeholder(page).evaluate((host) => [...host.shadowRoot!.children].map((child) => child.textContent).join('\n'));
const loadButton = (page: Page, name = 'Load for this visit') => placeholder(page).getByRole('button', { name });

describe('a held video in the demo shop', () => {
  const running = demoInChromium();
  const videoHits = () => running.demo().vendors.hits().filter((hit) => hit.vendor === 'video');
  const recordsOf = async (page: Page) => {
    const deviceId = await page.evaluate(() => window.Cordon.getState().deviceId);
    return running.demo().db.select().from(preferenceRecords).where(eq(preferenceRecords.deviceId, deviceId)).orderBy(asc(preferenceRecords.occurredAt));
  };

  test('under GPC a note says what is held and why; a script click loads nothing, a real click loads it for this page view only', async () => {
    const context = await running.browser().newContext();
    await context.addInitScript(gpcInitScript);
    await context.addInitScript(layoutShiftInitScript);
    const page = await context.newPage();
    await page.goto(`${running.demo().shopUrl}/product`);
    await loadButton(page).waitFor();
    // The shop keeps the video's room, and the note fills it as the video does: the page does not move. The panel
    // beside it grows as it lists what is held, the shop's own doing, so only what moved in the page's main is counted.
    assert.deepEqual(await layoutShifts(page, 'main'), [], 'the note moves nothing');
    const noteBox = await placeholder(page).boundingBox();
    assert.equal(await noteText(page), [
      'Video Embeds (advertising) is not loaded. It is used for cross-context behavioral advertising, and your browser\'s Global Privacy Control signal asks this site not to allow that.',
      'It loads on this page only; your privacy choices stay as they are.',
      'Load for this visit',
    ].join('\n'));
    await eventually(() => recordsOf(page), (rows) => rows.length === 1, 'the GPC record');
    running.demo().vendors.reset();

    await page.evaluate(() => document.querySelector('cordon-held')!.shadowRoot!.querySelector('button')!.click());
    await page.waitForTimeout(500);
    assert.deepEqual(videoHits(), [], 'a script click loads nothing');
    assert.equal(await loadButton(page).count(), 1);

    await loadButton(page).click();
    await eventually(videoHits, (hits) => hits.some((hit) => hit.path === '/embed.html'), 'the video, after a real click');
    assert.equal(await placeholder(page).count(), 0, 'the note gives way to the video');
    await page.frameLocator('iframe.video').getByText('Product video (served by the video vendor)').waitFor();
    assert.deepEqual(await page.locator('iframe.video').boundingBox(), noteBox, 'the video takes the note\'s box');
    const state = await page.evaluate(() => window.Cordon.getState());
    assert.deepEqual([state.sharingOptOut, state.source], [true, 'gpc'], 'no choice was made');
    await page.waitForTimeout(300);
    assert.equal((await recordsOf(page)).length, 1, 'nothing was recorded');

    running.demo().vendors.reset();
    await page.reload();
    await loadButton(page).waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(videoHits(), [], 'the next page view holds it again');
    await context.close();
  });

  test('after an opt-out the emptied video frame is hidden behind a note naming the visitor\'s choice', async () => {
    const context = await running.browser().newContext();
    const page = await context.newPage();
    await page.goto(`${running.demo().shopUrl}/product`);
    await page.frameLocator('iframe.video').getByText('Product video').waitFor();
    assert.equal(await placeholder(page).count(), 0, 'nothing held, no note');
    await page.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
    await loadButton(page).waitFor();
    assert.match(await noteText(page), /It is used for cross-context behavioral advertising, which your privacy choices do not allow\./);
    assert.equal(await page.locator('iframe.video').isHidden(), true);
    await loadButton(page).click();
    await eventually(() => page.locator('iframe.video').getAttribute('src'), (src) => !!src?.endsWith('/embed.html'), 'the frame comes back');
    assert.equal(await page.locator('iframe.video').isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.localName), 'iframe', 'focus goes on to the video');
    await context.close();
  });
});

describe('a held frame in the page, on a Spanish page and by keyboard', () => {
  const running = guardSiteInChromium({
    '/tienda': `<!doctype html><html lang="es"><head><script src="{{collector}}/s/demo/cordon.js"></script></head><body>
<h1>Tienda</h1><iframe data-cordon="sharing" data-src="http://ads.localhost:{{vendor}}/anuncio.html" title="Anuncio"></iframe></body></html>`,
    '/video': `<!doctype html><html lang="en"><head><script src="{{collector}}/s/demo/cordon.js"></script></head><body>
<h1>Shop</h1><iframe data-cordon="sharing" data-src="http://ads.localhost:{{vendor}}/video.html" title="Video" width="560" height="315"></iframe>
<p>Everything below the frame stays where it was painted.</p></body></html>`,
  });

  test('the note is in Spanish, its button is reached with Tab and works with Enter', async () => {
    const context = await running.browser().newContext();
    await context.addInitScript(gpcInitScript);
    const page = await context.newPage();
    await page.goto(`${running.site().siteUrl}/tienda`);
    const button = loadButton(page, 'Cargar en esta visita');
    await button.waitFor();
    assert.match(await noteText(page),
      /^Ad Pixel no se ha cargado\. Se usa para publicidad conductual entre contextos, y la señal de Control Global de Privacidad de su navegador pide a este sitio que no lo permita\./);
    assert.equal(await placeholder(page).getAttribute('lang'), 'es');
    for (let presses = 0; !(await button.evaluate((element) => element.matches(':focus'))); presses++) {
      assert.ok(presses < 10, 'Tab reaches the button');
      await page.keyboard.press('Tab');
    }
    assert.deepEqual(running.site().hitsTo('ads.localhost'), []);
    await page.keyboard.press('Enter');
    await eventually(() => running.site().hitsTo('ads.localhost'), (hits) => hits.some((hit) => hit.path === '/anuncio.html'), 'the frame, by keyboard');
    await context.close();
  });

  test('a frame marked in the page, an empty box until it is released, gives its box to the note: nothing moves', async () => {
    const context = await running.browser().newContext();
    await context.addInitScript(gpcInitScript);
    await context.addInitScript(layoutShiftInitScript);
    const page = await context.newPage();
    await page.goto(`${running.site().siteUrl}/video`, { waitUntil: 'load' });
    await loadButton(page).waitFor();
    assert.deepEqual(await layoutShifts(page), []);
    assert.equal(await page.locator('iframe').isHidden(), true);
    const noteBox = await placeholder(page).boundingBox();
    await loadButton(page).click();
    await page.locator('iframe').waitFor();
    assert.deepEqual(await page.locator('iframe').boundingBox(), noteBox, 'the frame comes back in the note\'s box');
    await context.close();
  });
});
