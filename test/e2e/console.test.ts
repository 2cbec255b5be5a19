import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiKeys } from '../../collector/db/schema.ts';
import { claimDue, defaultOutboxOptions, deliverClaimed } from '../../collector/outbox/worker.ts';
import { createApiKey } from '../../collector/services/api-keys.ts';
import { storeRecords } from '../../collector/services/preferences.ts';
import { axeSource, axeViolations } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { record, siteOrigin, testConfig } from '../helpers/fixtures.ts';
import {
  days, intakeBody, latestCode, mailOf, manualClock, startRequests, type RequestsHarness,
} from '../helpers/requests.ts';

/** The consumer's view: the JSON behind the status link, as a client asking for JSON gets it. */
async function consumerStatus(statusUrl: string) {
  const response = await fetch(statusUrl, { headers: { accept: 'application/json' } });
  assert.equal(response.status, 200);
  return await response.json() as { status: string; dueAt: string; extension: { reason: string } | null; result: { summary: string } | null };
}

/** Opens one of the decisions on a request page, by the name on its disclosure. */
const openAction = (page: Page, name: string) => page.locator('summary').filter({ hasText: new RegExp(`^${name}$`) }).click();

const partnerOffline = 'http://127.0.0.1:9/optouts';

describe('the privacy-ops console in Chromium', () => {
  const realNow = new Date();
  const time = manualClock(realNow.toISOString());
  let h: RequestsHarness;
  let browser: Browser;
  const csp: string[] = [];

  before(async () => {
    h = await startRequests('postgres', {
      clock: time.clock,
      config: testConfig({ partners: [{ id: 'dsp', url: partnerOffline, secret: 'partner-secret-0123456789abcdef0123456789', signals: ['sale', 'sharing'], maxAttempts: 1 }] }),
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  async function newConsole(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/Los_Angeles' });
    const page = await context.newPage();
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) csp.push(message.text()); });
    page.on('pageerror', (error) => { csp.push(`page error: ${error.message}`); });
    await page.goto(`${h.collector.url}/console`);
    return { context, page };
  }

  async function signIn(page: Page, key = h.adminKey) {
    await page.getByLabel('Admin API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** A request received `ago` before now, as the consumer files it; `verify`: they then enter the mailed code at once. */
  async function received(ago: number, overrides: Record<string, unknown>, options: { verify?: boolean } = {}) {
    time.set(new Date(realNow.getTime() - ago).toISOString());
    const answer = await h.api.post('/v1/requests', intakeBody(overrides), { origin: siteOrigin });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const request = answer.body as { id: string; statusUrl: string; dueAt: string };
    if (options.verify) {
      time.advance(5 * 60_000);
      const verified = await h.api.post(`/v1/requests/${request.id}/verify`, { code: await latestCode(h.admin, request.id) }, { origin: siteOrigin });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
    }
    time.set(realNow.toISOString());
    return request;
  }

  test('the page is served with script-src \'self\' and no inline script', async () => {
    const response = await fetch(`${h.collector.url}/console`);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    const html = await response.text();
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
    assert.doesNotMatch(html, /style=/);
  });

  test('a wrong key and a revoked key each get a clear message; the key stays in sessionStorage only', async () => {
    const { context, page } = await newConsole();
    await signIn(page, 'not-a-real-key-0123456789');
    await page.getByRole('alert').filter({ hasText: 'This key is unknown or has been revoked' }).waitFor();
    await signIn(page, 'short');
    await page.getByRole('alert').filter({ hasText: 'That is not an API key' }).waitFor();

    const { key, id } = await createApiKey(h.collector.deps.db, { name: 'staff-to-revoke', admin: true });
    await signIn(page, key);
    await page.getByRole('heading', { name: 'Request queue' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('cordon-console-key')), key);
    assert.deepEqual(await context.cookies(), [], 'no cookie holds the key');
    assert.ok(!page.url().includes(key), 'the key is not in the address');
    assert.equal(await page.evaluate((sent) => Object.values(localStorage).includes(sent), key), false, 'nor localStorage');

    await h.collector.deps.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));
    time.advance(6_000); // past the collector's 5-second cache of known keys
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your key is no longer accepted' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('cordon-console-key')), null);
    time.set(realNow.toISOString());
    await context.close();
  });

  test('staff find an overdue request, are stopped from extending it, complete it, and extend one nearly due; the consumer sees each step', async () => {
    const overdue = await received(50 * days, { type: 'know-categories' }, { verify: true });
    const nearlyDue = await received(40 * days, { type: 'delete' });
    await received(2 * days, { type: 'correct', details: { inaccurate: 'my phone', correction: '415-555-0100' } });

    const { context, page } = await newConsole();
    await signIn(page);
    const firstRow = page.locator('table.queue tbody tr').first();
    await firstRow.waitFor();
    assert.match(await firstRow.innerText(), /overdue by 5 days/, 'the most overdue request comes first');
    assert.equal(await firstRow.getAttribute('class'), 'overdue-row');
    assert.equal(await firstRow.locator('.clock.overdue').evaluate((element) => getComputedStyle(element).color), 'rgb(179, 38, 30)', 'overdue in red');

    // Found by the start of its id, as staff read it off a mail.
    await page.getByLabel('Find a request by id').fill(overdue.id.slice(0, 8));
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.queue tbody tr').length === 1);
    await page.getByRole('link', { name: overdue.id.slice(0, 8) }).click();
    await page.getByRole('heading', { name: 'Request: Know (categories)' }).waitFor();

    // The law allows no extension once the original deadline has passed: the console says so before anything is sent.
    await openAction(page, 'Extend');
    await page.getByLabel('Why more time is needed').fill('many systems to search');
    await page.getByRole('button', { name: 'Review what the consumer will be told' }).last().click();
    await page.getByText('the notice of an extension must go out before the original deadline').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Confirm and send' }).count(), 0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    assert.ok((await mailOf(h.admin, overdue.id)).every((mail) => mail.template !== 'extension'));

    if (await page.locator('summary', { hasText: 'Confirm the identity' }).count() > 0) {
      await openAction(page, 'Confirm the identity');
      await page.getByLabel('Reason (for the record)').fill('code confirmed; the address matches the account');
      await page.getByRole('button', { name: 'Review what the consumer will be told' }).first().click();
      await page.getByText('The consumer gets no mail for this step.').waitFor();
      await page.getByRole('button', { name: 'Confirm and send' }).click();
      await page.getByRole('status').filter({ hasText: 'Approved.' }).waitFor();
    }
    const summary = 'We hold your identifiers and order history; nothing is sold.';
    await openAction(page, 'Complete');
    await page.getByLabel('Summary of what was done').fill(summary);
    await page.getByRole('button', { name: 'Review what the consumer will be told' }).first().click();
    const previewed = page.locator('.mail-text');
    await previewed.waitFor();
    const previewText = await previewed.textContent();
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByRole('status').filter({ hasText: 'Completed; the consumer has been told.' }).waitFor();
    await page.locator('.timeline').getByText(/In progress → Completed/).waitFor();

    const completedStatus = await consumerStatus(overdue.statusUrl);
    assert.equal(completedStatus.status, 'completed');
    assert.equal(completedStatus.result?.summary, summary);
    const [completedMail] = await mailOf(h.admin, overdue.id);
    assert.equal(completedMail!.template, 'completed');
    assert.equal(completedMail!.text, previewText, 'the mail is exactly what staff confirmed');

    // The dashboard lists what falls due this week; the nearly due deletion is there.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Due in the next 7 days' }).waitFor();
    // This year's §7102 figures count the know request just answered, in the table and in the CSV behind the key.
    const year = new Date(realNow.getTime() - 50 * days).getFullYear(); // early in a year, the request was received in the last one
    if (year !== realNow.getFullYear()) await page.getByLabel('Year').selectOption(String(year));
    await page.getByRole('heading', { name: `Requests received in ${year} (§7102)` }).waitFor();
    const knowRow = page.locator('#metrics-heading ~ table tbody tr').filter({ hasText: 'Know' });
    assert.deepEqual((await knowRow.locator('td').allInnerTexts()).slice(0, 3), ['1', '1', '0'], 'received, complied, denied');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the CSV' }).click()]);
    assert.equal(download.suggestedFilename(), `ccpa-metrics-${year}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.match(csv, /^type,received,complied_in_whole_or_part,denied,median_days,mean_days\nknow,1,1,0,50,50\n/);
    await page.locator('#due-soon-heading ~ ul a').filter({ hasText: nearlyDue.id.slice(0, 8) }).click();
    await page.getByRole('heading', { name: 'Request: Delete' }).waitFor();
    const reason = 'the account data sits in three archived systems';
    await openAction(page, 'Extend');
    await page.getByLabel('Why more time is needed').fill(reason);
    await page.getByRole('button', { name: 'Review what the consumer will be told' }).last().click();
    await page.locator('.mail-text').waitFor();
    const extensionPreview = await page.locator('.mail-text').textContent();
    assert.match(extensionPreview!, new RegExp(reason));
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByRole('status').filter({ hasText: 'Extended; the consumer has been told.' }).waitFor();
    await page.locator('#deadlines-heading ~ dl .tag', { hasText: 'Extended' }).waitFor();

    const extendedStatus = await consumerStatus(nearlyDue.statusUrl);
    assert.equal(extendedStatus.extension?.reason, reason);
    assert.equal(Date.parse(extendedStatus.dueAt) - Date.parse(nearlyDue.dueAt) > 40 * days, true, 'the due date moved by the 45-day extension');
    const [extensionMail] = await mailOf(h.admin, nearlyDue.id);
    assert.equal(extensionMail!.template, 'extension');
    assert.equal(extensionMail!.text, extensionPreview);
    assert.deepEqual(csp, [], 'no CSP violation and no script error');
    await context.close();
  });

  test('the queue filters by type and law, and pages by the cursor', async () => {
    for (let i = 0; i < 50; i += 1) await received(20 * days + i * 60_000, { type: i % 2 === 0 ? 'know-categories' : 'access', jurisdiction: i % 2 === 0 ? 'ccpa' : 'gdpr' });
    const { context, page } = await newConsole();
    await signIn(page);
    const rows = page.locator('table.queue tbody tr');
    await rows.first().waitFor();
    const open = (await h.admin.get('/v1/admin/requests?limit=200')).body.items.length as number;
    assert.ok(open > 50, `${open} open requests make two pages`);
    assert.equal(await rows.count(), 50);
    const firstPage = await page.locator('a.row-link').allInnerTexts();
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByRole('link', { name: 'First page' }).waitFor();
    await page.waitForFunction((count) => document.querySelectorAll('table.queue tbody tr').length === count, open - 50);
    const secondPage = await page.locator('a.row-link').allInnerTexts();
    assert.equal(secondPage.filter((id) => firstPage.includes(id)).length, 0, 'no request on both pages');

    await page.getByRole('link', { name: 'First page' }).click();
    await page.getByLabel('Law').selectOption('gdpr');
    await page.waitForFunction(() => [...document.querySelectorAll('table.queue tbody tr')].every((row) => row.textContent!.includes('GDPR')));
    assert.equal(await rows.count(), 25);
    await page.getByLabel('Type').selectOption('know-categories');
    await page.getByText('No request matches these filters.').waitFor();
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.queue tbody tr').length === 50);
    await context.close();
  });

  test('keyboard only: sign in, open a request from the queue, extend it; focus is always visible', async () => {
    const request = await received(30 * days, { type: 'delete' }); // due before the requests of the paging test, so on the first page
    const { context, page } = await newConsole();
    const focusVisible = async () => {
      const { tag, outline } = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return { tag: `${element.tagName}#${element.id}.${element.className}`, outline: getComputedStyle(element).outlineStyle };
      });
      assert.notEqual(outline, 'none', `focus on ${tag} is visible`);
      return tag;
    };
    await page.keyboard.press('Tab'); // the language switch
    await page.keyboard.press('Tab');
    assert.match(await focusVisible(), /^INPUT#key/);
    await page.keyboard.type(h.adminKey);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Request queue' }).waitFor();
    await page.locator('a.row-link').first().waitFor();

    // Tab to the first request, then the arrow keys walk the rows to ours.
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('row-link'))) break;
    }
    await focusVisible();
    const wanted = request.id.slice(0, 8);
    for (let i = 0; i < 60 && (await page.evaluate(() => document.activeElement?.textContent)) !== wanted; i += 1) await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), wanted);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Request: Delete' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'page-heading');

    const tabTo = async (accept: (text: string) => boolean) => {
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        const text = await page.evaluate(() => (document.activeElement as HTMLElement).innerText ?? '');
        if (accept(text)) return focusVisible();
      }
      throw new Error('not reached by Tab');
    };
    await tabTo((text) => text.trim() === 'Extend');
    await page.keyboard.press('Enter'); // opens the disclosure
    await page.keyboard.press('Tab');
    assert.match(await focusVisible(), /^TEXTAREA#extend-reason/);
    await page.keyboard.type('the records sit with a processor abroad');
    await page.keyboard.press('Tab');
    assert.match(await focusVisible(), /^BUTTON/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'confirm-extend');
    await tabTo((text) => text.trim() === 'Confirm and send');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Extended; the consumer has been told.' }).waitFor();
    assert.equal((await consumerStatus(request.statusUrl)).extension?.reason, 'the records sit with a processor abroad');
    await context.close();
  });

  test('axe-core finds no WCAG 2.2 A or AA violation on any page, in English and Spanish', { skip: axeSource ? false : 'axe-core is not installed in node_modules' }, async () => {
    // Dashboard data: opt-outs over three weeks, a notice dead-lettered by a partner that is down, a finished request.
    const weekAgo = (weeks: number) => new Date(realNow.getTime() - weeks * 7 * days).toISOString();
    await storeRecords(h.collector.deps.db, h.collector.deps.config, [
      record({ occurredAt: weekAgo(2) }), record({ occurredAt: weekAgo(1), choices: { saleOptOut: false, sharingOptOut: false, limitSensitive: false } }),
      record({ occurredAt: weekAgo(1) }), record({ occurredAt: weekAgo(0) }),
    ], realNow);
    await deliverClaimed(h.collector.deps, await claimDue(h.collector.deps.db, realNow, defaultOutboxOptions), { ...defaultOutboxOptions, requestTimeoutMs: 1_000 });
    const pending = await received(3 * days, { type: 'know-categories' }, { verify: true });

    const { context, page } = await newConsole();
    const scan = async (name: string) => assert.deepEqual(await axeViolations(page), [], `${name}: axe violations`);
    await scan('sign-in');
    await signIn(page, 'not-a-real-key-0123456789');
    await page.getByRole('alert').filter({ hasText: 'unknown' }).waitFor();
    await scan('sign-in with an error');
    await signIn(page);
    await page.locator('table.queue tbody tr').first().waitFor();
    await scan('queue');
    await page.goto(`${h.collector.url}/console#/requests/${pending.id}`);
    await page.getByRole('heading', { name: /^Request: / }).waitFor();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await scan('request');
    await openAction(page, 'Deny');
    await page.getByLabel('Explanation for the consumer').fill('We could not match you to an account.');
    await page.getByRole('button', { name: 'Review what the consumer will be told' }).last().click();
    await page.locator('.mail-text').waitFor();
    await scan('request with an action to confirm');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('img', { name: /Opt-out rate per site by week/ }).waitFor();
    await page.getByText(/3 dead-lettered/).waitFor();
    await scan('dashboard');

    // A dead-lettered notice is sent again by the retry button: it leaves the dead list.
    await page.getByRole('button', { name: /^Retry now: notice \d+ to dsp$/ }).first().click();
    await page.getByRole('status').filter({ hasText: /will be sent again now/ }).waitFor();
    await page.getByText(/1 waiting to be delivered, 2 dead-lettered/).waitFor();

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Panel' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    await scan('dashboard in Spanish');
    await page.getByRole('link', { name: 'Cola' }).click();
    await page.getByRole('heading', { name: 'Cola de solicitudes' }).waitFor();
    await page.locator('table.queue tbody tr').first().waitFor();
    await scan('queue in Spanish');
    await context.close();
  });
});
