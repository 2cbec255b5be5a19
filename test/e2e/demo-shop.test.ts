import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { preferenceRecords, rightsRequests } from '../../collector/db/schema.ts';
import { demoConfig, demoPorts } from '../../demo-site/site-config.ts';
import { demoInChromium } from '../helpers/demo.ts';
import { eventually } from '../helpers/eventually.ts';
import { gpcInitScript } from '../helpers/browser.ts';

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
/** Content Security Policy violations, counted from the first script on. */
const cspWatch = "window.__cspViolations = []; addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

describe('the demo shop in Chromium', () => {
  const running = demoInChromium();

  async function newContext(options: { gpc?: boolean } = {}): Promise<BrowserContext> {
    const context = await running.browser().newContext();
    await context.addInitScript(cspWatch);
    if (options.gpc) await context.addInitScript(gpcInitScript);
    return context;
  }
  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${running.demo().shopUrl}${path}`);
    await page.waitForLoadState('load');
    await page.getByRole('button', { name: 'Your Privacy Choices' }).waitFor();
    return page;
  }
  const vendorsHit = () => [...new Set(running.demo().vendors.hits().map((hit) => hit.vendor))].sort();
  const recordsOf = async (page: Page) => {
    const deviceId = await page.evaluate(() => window.Cordon.getState().deviceId);
    return running.demo().db.select().from(preferenceRecords).where(eq(preferenceRecords.deviceId, deviceId)).orderBy(asc(preferenceRecords.occurredAt));
  };

  test('cordon.config.json is the demo configuration for the default ports', () => {
    assert.deepEqual(JSON.parse(readFileSync('cordon.config.json', 'utf8')), demoConfig(demoPorts));
  });

  test('without GPC every vendor loads under the strict CSP, and the panel shows what reached them', async () => {
    running.demo().vendors.reset();
    const context = await newContext();
    const page = await open(context, '/product');
    await eventually(vendorsHit, (hit) => hit.length === 5, 'vendors reached');
    assert.deepEqual(vendorsHit(), ['ads', 'analytics', 'broker', 'quiz', 'video']);
    await page.locator('[data-panel-hits] li', { hasText: 'broker:' }).waitFor();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
    await context.close();
  });

  test('a keyboard-only visitor opts out and limits sensitive use; focus returns; every change reaches the collector', async () => {
    const context = await newContext();
    const page = await open(context, '/product');
    const deepFocus = () => page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return { text: active?.textContent?.trim() ?? '', role: active?.getAttribute('role') ?? active?.tagName.toLowerCase() };
    });
    for (let presses = 0; (await deepFocus()).text !== 'Your Privacy Choices'; presses++) {
      assert.ok(presses < 40, 'Tab reaches the Your Privacy Choices link');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Your Privacy Choices' });
    await dialog.waitFor();
    const saleShare = page.getByRole('switch', { name: 'Do Not Sell or Share My Personal Information' });
    const limit = page.getByRole('switch', { name: 'Limit the Use of My Sensitive Personal Information' });
    assert.equal(await saleShare.evaluate((element) => element.matches(':focus')), true, 'focus starts on the first control');
    assert.equal(await saleShare.getAttribute('aria-checked'), 'false');

    await page.keyboard.press('Space');
    assert.equal(await saleShare.getAttribute('aria-checked'), 'true');
    await page.getByRole('status').filter({ hasText: 'Your choice has been saved.' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await limit.evaluate((element) => element.matches(':focus')), true);
    await page.keyboard.press('Space');
    assert.equal(await limit.getAttribute('aria-checked'), 'true');

    for (let presses = 0; presses < 6; presses++) await page.keyboard.press('Tab');
    assert.equal(await dialog.evaluate((element) => element.contains(element.getRootNode() instanceof ShadowRoot ? (element.getRootNode() as ShadowRoot).activeElement : null)), true, 'focus stays in the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await deepFocus()).text, 'Your Privacy Choices', 'focus returns to the link');

    const state = await page.evaluate(() => window.Cordon.getState());
    assert.deepEqual([state.saleOptOut, state.sharingOptOut, state.limitSensitive, state.source], [true, true, true, 'user']);
    assert.equal(await page.locator('iframe.video').getAttribute('src'), 'about:blank', 'the advertising video frame is unloaded');
    const records = await eventually(() => recordsOf(page), (rows) => rows.length === 2, 'records at the collector');
    assert.deepEqual(records.map((row) => [row.saleOptOut, row.sharingOptOut, row.limitSensitive, row.source]),
      [[true, true, false, 'user'], [true, true, true, 'user']]);
    await context.close();
  });

  test('with GPC the shop says Opt-Out Request Honored, shows no pop-up, and no sale or sharing vendor is reached', async () => {
    running.demo().vendors.reset();
    const context = await newContext({ gpc: true });
    const page = await open(context, '/product');
    await page.getByText('Opt-Out Request Honored').first().waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.getByRole('dialog').count(), 0, 'no dialog opens in response to the signal');
    assert.deepEqual(vendorsHit(), ['analytics', 'quiz'], 'only the service provider and the not-limited quiz load');
    const records = await eventually(() => recordsOf(page), (rows) => rows.length === 1, 'the GPC record');
    assert.deepEqual([records[0]!.gpc, records[0]!.source, records[0]!.saleOptOut], [true, 'gpc', true]);
    await context.close();
  });

  test('a choice made while the collector is unreachable is applied at once and recorded on the next page load', async () => {
    const context = await newContext();
    const page = await open(context, '/');
    await context.route('**/v1/records', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Your Privacy Choices' }).click();
    await page.getByRole('switch', { name: 'Do Not Sell or Share My Personal Information' }).click();
    assert.equal(await page.evaluate(() => window.Cordon.getState().saleOptOut), true, 'applied locally at once');
    await page.waitForTimeout(500);
    assert.equal((await recordsOf(page)).length, 0, 'nothing reached the collector yet');

    await context.unroute('**/v1/records');
    await page.reload();
    const records = await eventually(() => recordsOf(page), (rows) => rows.length === 1, 'the queued record');
    assert.equal(records[0]!.saleOptOut, true);
    await context.close();
  });

  test('axe-core finds nothing serious or critical, with the preferences closed and open', async () => {
    const context = await running.browser().newContext({ bypassCSP: true });
    const page = await open(context, '/product');
    await page.addScriptTag({ content: axeSource });
    const scan = () => page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
    });
    assert.deepEqual(await scan(), []);
    await page.getByRole('button', { name: 'Your Privacy Choices' }).click();
    await page.getByRole('dialog').waitFor();
    assert.deepEqual(await scan(), []);
    await context.close();
  });

  test('the privacy request page files a request, and the mailed code verifies it', async () => {
    const context = await newContext();
    const page = await open(context, '/privacy');
    await page.getByLabel('What do you want to do?').selectOption('delete');
    await page.getByLabel('Email address').fill('ana@example.com');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Request received.').waitFor();
    const inbox = await context.newPage();
    const inboxUrl = `${running.demo().shopUrl}${await page.getByRole('link', { name: /demo inbox/ }).getAttribute('href')}`;
    const readInbox = async () => {
      await inbox.goto(inboxUrl);
      return inbox.locator('pre').allTextContents();
    };
    const mailText = await eventually(readInbox, (texts) => texts.some((text) => /\b\d{6}\b/.test(text)), 'the code mail');
    const code = mailText.join('\n').match(/\b(\d{6})\b/)![1]!;
    await page.getByLabel('The six-digit code we mailed you').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    const verdict = page.locator('[data-verify-result]');
    await verdict.filter({ hasText: /\S/ }).waitFor();
    assert.match(await verdict.innerText(), /^Code accepted\. Still needed: a person matches/);
    const [request] = await running.demo().db.select().from(rightsRequests);
    assert.deepEqual([request!.type, request!.evidence.points], ['delete', ['email']], 'the collector holds the verified mail address as evidence');
    await context.close();
  });
});
