import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { storeRecords } from '../../collector/services/preferences.ts';
import { axeSource, axeViolations } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { record, siteOrigin, siteSecret, testConfig } from '../helpers/fixtures.ts';
import { days, intakeBody, manualClock, startRequests, type RequestsHarness } from '../helpers/requests.ts';

/** Every CSP violation the page reports, kept from before its first script runs (init scripts are not under its CSP). */
const violationProbe = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' + event.sourceFile + ':' + event.lineNumber);
});`;

interface DrawnChart {
  name: string;
  labels: string[];
  datasets: { label: string; data: (number | null)[]; colour: string }[];
  animation: unknown;
  /** Pixels drawn at all, and pixels in the first series' colour. */
  painted: number;
  inFirstColour: number;
  /** The custom properties the colours come from, and the background the canvas sits on. */
  seriesColours: string[];
  background: string;
}

/**
 * What Chart.js holds for each canvas on the page, read through the page's own copy of it: the chunk the console
 * loaded is imported again by its URL, which gives the same module, so `Chart.getChart` finds the page's charts.
 */
async function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate(async () => {
    const url = '/console/charts.js';
    const { Chart } = await import(url);
    return [...document.querySelectorAll('canvas')].map((canvas) => {
      const chart = Chart.getChart(canvas);
      if (!chart) throw new Error(`no chart on the canvas "${canvas.getAttribute('aria-label')}"`);
      const context = canvas.getContext('2d')!;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const style = getComputedStyle(canvas);
      const seriesColours = [0, 1, 2, 3, 4, 5].map((i) => style.getPropertyValue(`--series-${i}`).trim());
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(seriesColours[0]!.slice(at, at + 2), 16));
      let painted = 0;
      let inFirstColour = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3]! > 0) painted += 1;
        if (pixels[i + 3] === 255 && pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b) inFirstColour += 1;
      }
      let backgroundOf: Element | null = canvas;
      while (backgroundOf && getComputedStyle(backgroundOf).backgroundColor === 'rgba(0, 0, 0, 0)') backgroundOf = backgroundOf.parentElement;
      return {
        name: canvas.getAttribute('aria-label') ?? '',
        labels: [...chart.data.labels],
        datasets: chart.data.datasets.map((set: { label: string; data: (number | null)[]; backgroundColor: string }) => ({
          label: set.label, data: [...set.data], colour: set.backgroundColor,
        })),
        animation: chart.options.animation,
        painted, inFirstColour, seriesColours,
        background: backgroundOf ? getComputedStyle(backgroundOf).backgroundColor : 'rgb(255, 255, 255)',
      };
    });
  });
}

/** The §7102 table beside the bar charts, as a person reads it. */
async function metricsTable(page: Page): Promise<{ kind: string; cells: string[] }[]> {
  return page.locator('#metrics-heading ~ table tbody tr').evaluateAll((rows) => rows.map((row) => ({
    kind: row.querySelector('th')!.textContent!, cells: [...row.querySelectorAll('td')].map((cell) => cell.textContent!),
  })));
}

/** WCAG relative luminance and contrast ratio of two #rrggbb or rgb() colours. */
function contrast(a: string, b: string): number {
  const channels = (colour: string) => (colour.startsWith('#')
    ? [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16))
    : colour.match(/\d+/g)!.slice(0, 3).map(Number));
  const luminance = (colour: string) => {
    const [r, g, b] = channels(colour).map((value) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const number = (cell: string) => (cell === '—' ? null : Number(cell));

describe('the console dashboard\'s charts (Chart.js) in Chromium', () => {
  const realNow = new Date();
  const time = manualClock(realNow.toISOString());
  let h: RequestsHarness;
  let browser: Browser;
  // Requests received three days ago; early in January that is last year, which the dashboard is then set to.
  const receivedAt = new Date(realNow.getTime() - 3 * days);
  const year = Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: 'America/Los_Angeles' }).format(receivedAt));
  const thisYear = Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: 'America/Los_Angeles' }).format(realNow));

  before(async () => {
    h = await startRequests('postgres', {
      clock: time.clock,
      config: testConfig({
        sites: [
          { id: 'shop', origins: [siteOrigin], regime: 'opt-out', secret: siteSecret },
          { id: 'blog', origins: ['http://blog.test'], regime: 'opt-out', secret: siteSecret },
        ],
      }),
    });
    browser = await launchBrowser();
    // Known figures: three know requests, two deletions (one denied three days after it came), one correction.
    time.set(receivedAt.toISOString());
    const filed: Record<string, string> = {};
    for (const [name, body] of Object.entries({
      know1: { type: 'know-categories' }, know2: { type: 'know-categories' }, know3: { type: 'know-specific' },
      delete1: { type: 'delete' }, delete2: { type: 'delete' },
      correct1: { type: 'correct', details: { inaccurate: 'my phone', correction: '415-555-0100' } },
    })) {
      const answer = await h.api.post('/v1/requests', intakeBody(body), { origin: siteOrigin });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      filed[name] = (answer.body as { id: string }).id;
    }
    time.set(realNow.toISOString());
    const denied = await h.admin.post(`/v1/admin/requests/${filed.delete1}/deny`, { basis: 'unverifiable', explanation: 'We could not confirm who you are.' });
    assert.equal(denied.status, 200, JSON.stringify(denied.body));
    // Opt-outs on two sites over three weeks.
    const weekAgo = (weeks: number) => new Date(realNow.getTime() - weeks * 7 * days).toISOString();
    const optedIn = { saleOptOut: false, sharingOptOut: false, limitSensitive: false };
    await storeRecords(h.collector.deps.db, h.collector.deps.config, [
      record({ occurredAt: weekAgo(2) }), record({ occurredAt: weekAgo(2), choices: optedIn }),
      record({ occurredAt: weekAgo(1) }), record({ occurredAt: weekAgo(0) }),
      record({ site: 'blog', url: 'http://blog.test/', occurredAt: weekAgo(1), choices: optedIn }),
      record({ site: 'blog', url: 'http://blog.test/', occurredAt: weekAgo(0) }),
    ], realNow);
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  /** A member of staff signed in, in California unless `timezoneId` says otherwise, at `browserTime` if it is given. */
  async function signedIn(timezoneId = 'America/Los_Angeles', browserTime?: Date) {
    const context = await browser.newContext({ locale: 'en-US', timezoneId });
    await context.addInitScript(violationProbe);
    const page = await context.newPage();
    if (browserTime) await page.clock.setFixedTime(browserTime);
    const loaded: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    page.on('console', (message) => { if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${h.collector.url}/console`);
    await page.getByLabel('Admin API key').fill(h.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('table.queue tbody tr').first().waitFor();
    return { context, page, loaded, problems, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) };
  }

  async function openDashboard(page: Page) {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    if (year !== thisYear) await page.getByLabel('Year').selectOption(String(year));
    await page.getByRole('heading', { name: `Requests received in ${year} (§7102)` }).waitFor();
    await page.getByRole('img', { name: /^Opt-out rate per site by week\. / }).waitFor();
    await page.waitForFunction(async () => {
      const { Chart } = await import('/console/charts.js' as string);
      const canvases = [...document.querySelectorAll('canvas')];
      return canvases.length === 3 && canvases.every((canvas) => Chart.getChart(canvas));
    });
  }

  test('the queue loads no chart code; the dashboard draws its figures with Chart.js, as its tables give them, with no CSP violation', async () => {
    const { context, page, loaded, problems, violations } = await signedIn();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(loaded.filter((path) => path.startsWith('/console')).sort(), ['/console', '/console/console.css', '/console/console.js'],
      'the first screen fetches the page, its stylesheet and console.js, not charts.js');

    await openDashboard(page);
    assert.equal(loaded.filter((path) => path === '/console/charts.js').length, 1, 'the dashboard fetched the chart chunk, once');
    const [requests, median, optOut] = await drawnCharts(page);
    const table = await metricsTable(page);

    // The bar charts hold exactly the table's figures.
    assert.deepEqual(requests!.labels, table.map((row) => row.kind));
    assert.deepEqual(requests!.datasets.map((set) => set.label), ['Received', 'Complied in whole or in part', 'Denied']);
    assert.deepEqual(requests!.datasets.map((set) => set.data), [0, 1, 2].map((column) => table.map((row) => number(row.cells[column]!))));
    assert.deepEqual(median!.datasets.map((set) => set.data), [table.map((row) => number(row.cells[3]!))]);
    // …which are the known ones.
    assert.deepEqual(requests!.labels, ['Know', 'Delete', 'Correct', 'Opt out', 'Limit']);
    assert.deepEqual(requests!.datasets[0]!.data, [3, 2, 1, 0, 0]);
    assert.deepEqual(requests!.datasets[2]!.data, [0, 1, 0, 0, 0]);
    assert.deepEqual(median!.datasets[0]!.data, [null, 3, null, null, null]);

    // The line chart: one line a site, the share opted out each week, as in the table behind its disclosure.
    const rateRows = await page.locator('#opt-out-rate-heading ~ details table tbody tr').evaluateAll((rows) => rows.map((row) => ({
      site: row.querySelector('th')!.textContent!, cells: [...row.querySelectorAll('td')].map((cell) => cell.textContent!),
    })));
    assert.deepEqual(optOut!.datasets.map((set) => set.label).sort(), ['blog', 'shop']);
    for (const set of optOut!.datasets) {
      const rows = rateRows.filter((row) => row.site === set.label);
      const byWeek = new Map(rows.map((row) => [row.cells[0]!, Number(row.cells[2]) / Number(row.cells[1])]));
      assert.deepEqual(set.data, optOut!.labels.map((week) => byWeek.get(week) ?? null), set.label);
    }
    const shop = optOut!.datasets.find((set) => set.label === 'shop')!;
    assert.deepEqual(shop.data, [0.5, 1, 1]);
    assert.match(optOut!.name, /^Opt-out rate per site by week\. blog: .*\. shop: \w+ \d+, \d+ 50%, \w+ \d+, \d+ 100%, \w+ \d+, \d+ 100%$/, 'the text alternative states each value');

    for (const chart of [requests!, median!, optOut!]) {
      assert.ok(chart.painted > 2_000, `"${chart.name.slice(0, 40)}…" is drawn (${chart.painted} pixels)`);
      assert.ok(chart.inFirstColour > 50, `its first series is drawn in --series-0 (${chart.inFirstColour} pixels)`);
      assert.equal(chart.animation, false, 'no animation');
      chart.datasets.forEach((set, i) => {
        assert.equal(set.colour, chart.seriesColours[i], 'the colour comes from the stylesheet');
        assert.ok(contrast(set.colour, chart.background) >= 3, `${set.colour} on ${chart.background}: 3:1 at least (WCAG 1.4.11)`);
      });
    }
    assert.deepEqual(await violations(), [], 'no CSP violation');
    assert.deepEqual(problems, [], 'no script error');
    await context.close();
  });

  test("the dashboard opens on California's year, not the viewer's: in Tokyo on New Year's morning it is still the old year there", async () => {
    const newYearInTokyo = new Date(`${thisYear}-12-31T20:00:00Z`);
    const { context, page } = await signedIn('Asia/Tokyo', newYearInTokyo);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: `Requests received in ${thisYear} (§7102)` }).waitFor();
    assert.equal(await page.getByLabel('Year').inputValue(), String(thisYear));
    assert.deepEqual(await page.getByLabel('Year').locator('option').allTextContents(), [0, 1, 2, 3, 4].map((back) => String(thisYear - back)));
    await context.close();
  });

  test('the charts follow the data and the language, pass axe, and are destroyed when the dashboard is left', { skip: axeSource ? false : 'axe-core is not installed in node_modules' }, async () => {
    const { context, page, problems, violations } = await signedIn();
    await openDashboard(page);
    const scan = async (name: string) => assert.deepEqual(await axeViolations(page), [], `${name}: axe violations`);
    await scan('dashboard with its charts');

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: `Solicitudes recibidas en ${year} (§7102)` }).waitFor();
    await page.waitForFunction(async () => {
      const { Chart } = await import('/console/charts.js' as string);
      return Chart.getChart(document.querySelector('canvas')!)?.data.datasets[0].label === 'Recibidas';
    });
    const [requests] = await drawnCharts(page);
    assert.deepEqual(requests!.labels, (await metricsTable(page)).map((row) => row.kind), 'the categories in Spanish, as in the table');
    assert.match(requests!.name, /^Solicitudes recibidas, cumplidas y denegadas/);
    await scan('dashboard in Spanish');

    // Another year: nothing received then, and the chart says so as its table does.
    await page.getByLabel('Año').selectOption(String(year - 1));
    await page.getByRole('heading', { name: `Solicitudes recibidas en ${year - 1} (§7102)` }).waitFor();
    // The heading follows the choice at once; the table and the charts once that year's figures have come.
    await page.locator('#metrics-heading ~ table caption', { hasText: String(year - 1) }).waitFor({ state: 'attached' });
    await page.waitForFunction(async () => {
      const { Chart } = await import('/console/charts.js' as string);
      const data: number[] = Chart.getChart(document.querySelector('canvas')!)?.data.datasets[0].data ?? [];
      return data.length > 0 && data.every((value) => value === 0);
    });
    const table = await metricsTable(page);
    assert.ok(table.every((row) => row.cells[0] === '0'));

    await page.getByRole('link', { name: 'Cola' }).click();
    await page.locator('table.queue tbody tr').first().waitFor();
    const left = await page.evaluate(async () => {
      const { Chart } = await import('/console/charts.js' as string);
      return { canvases: document.querySelectorAll('canvas').length, charts: Object.keys(Chart.instances).length };
    });
    assert.deepEqual(left, { canvases: 0, charts: 0 }, 'every chart was destroyed with its canvas');
    assert.deepEqual(await violations(), [], 'no CSP violation');
    assert.deepEqual(problems, [], 'no script error');
    await context.close();
  });
});
