import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { gpcInitScript } from '../helpers/browser.ts';
import { demoInChromium } from '../helpers/demo.ts';
import { eventually } from '../helpers/eventually.ts';

/** The demo shop tried as a new visitor would: on a phone, with GPC, without an id to hand. */
describe('the demo shop for a new visitor', () => {
  const running = demoInChromium();

  async function open(path: string, options: { gpc?: boolean; width?: number; slowScripts?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await running.browser().newContext(options.width ? { viewport: { width: options.width, height: 844 } } : {});
    // On a slow connection the shop's own scripts arrive after Cordon has taken the marked tags.
    if (options.slowScripts) {
      await context.route('**/assets/*.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 700));
        await route.continue();
      });
    }
    if (options.gpc) await context.addInitScript(gpcInitScript);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${running.demo().shopUrl}${path}`);
    await page.getByRole('button', { name: 'Your Privacy Choices' }).waitFor();
    return { context, page, errors };
  }

  for (const gpc of [false, true]) {
    test(`checkout ${gpc ? 'under GPC' : 'without GPC'}: no error, Place order keeps the visitor on the page, and the conversion pixel ${gpc ? 'is held' : 'fires'}`, async () => {
      running.demo().vendors.reset();
      const { context, page, errors } = await open('/checkout', { gpc, slowScripts: true });
      await page.getByLabel('Name').fill('Ada Lovelace');
      await page.getByLabel('Address').fill('12 Analytical Row');
      await page.waitForLoadState('load');
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.getByText('Thank you: your order is placed').waitFor();
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/checkout', 'no native submit reloaded the page');
      assert.equal(await page.getByLabel('Name').inputValue(), 'Ada Lovelace', 'the order form is kept');
      assert.deepEqual(errors, []);
      const conversion = () => running.demo().vendors.hits().filter((hit) => hit.path === '/conversion.gif');
      if (gpc) {
        await page.waitForTimeout(300);
        assert.equal(conversion().length, 0, 'the advertising pixel is held under GPC');
      } else {
        await eventually(conversion, (hits) => hits.length === 1, 'the conversion pixel');
      }
      await context.close();
    });
  }

  test('at 390 px wide with GPC, "Opt-Out Request Honored" stays inside the page', async () => {
    for (const path of ['/', '/product', '/privacy']) {
      const { context, page } = await open(path, { gpc: true, width: 390 });
      await page.getByText('Opt-Out Request Honored').first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${path} is ${width} px wide`);
      await context.close();
    }
  });

  test('the privacy form shows only what the chosen request needs', async () => {
    const { context, page } = await open('/privacy');
    const correction = page.getByLabel('What is inaccurate?');
    const code = page.getByLabel('The six-digit code we mailed you');
    assert.equal(await correction.isVisible(), false, 'no correction fields before anything is chosen');
    assert.equal(await code.isVisible(), false, 'no code box before a request is sent');
    await page.getByLabel('What do you want to do?').selectOption('correct');
    assert.equal(await correction.isVisible(), true);
    assert.equal(await page.getByLabel('What should it say?').isVisible(), true);
    await page.getByLabel('What do you want to do?').selectOption('delete');
    assert.equal(await correction.isVisible(), false);
    await context.close();
  });

  test('the inbox works without a request id, and the status link in a mail opens the status page', async () => {
    const { context, page } = await open('/privacy');
    await page.getByLabel('What do you want to do?').selectOption('delete');
    await page.getByLabel('Email address').fill('new.user@example.com');
    await page.getByRole('button', { name: 'Send request' }).click();
    const due = await page.getByText('Request received.').innerText();

    const inbox = await context.newPage();
    await inbox.goto(`${running.demo().shopUrl}/inbox`);
    const mail = inbox.locator('.mail', { hasText: 'new.user@example.com' }).first();
    await mail.waitFor();
    const statusLink = mail.getByRole('link', { name: /\/v1\/requests\// });
    const href = await statusLink.getAttribute('href');
    // The mail's link is the page's, in the language the request was made in.
    const mailed = new URL(href!);
    assert.equal(mailed.searchParams.get('lang'), 'en');
    mailed.searchParams.delete('lang');
    assert.equal(mailed.href, await page.getByRole('link', { name: 'Follow its status' }).getAttribute('href'));
    const mailDate = /We will respond by (\d{4}-\d{2}-\d{2})/.exec(await mail.innerText())![1]!;
    assert.ok(due.includes(new Date(`${mailDate}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' })),
      `the form's date (${due}) is the mail's (${mailDate})`);
    await statusLink.click();
    await inbox.waitForURL(href!);
    assert.equal(new URL(inbox.url()).pathname.startsWith('/v1/requests/'), true);
    await context.close();
  });
});
