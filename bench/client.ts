// The script's weight (gzip -9 of the built files, against the budgets) and what the guard costs a page's
// DOMContentLoaded and layout, against the same page without it, in one Chromium run.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { gpcInitScript, launchBrowser, layoutShiftInitScript, layoutShifts } from '../test/helpers/browser.ts';
import { startGuardSite } from '../test/helpers/guard-site.ts';
import { startWebServer } from '../test/helpers/web.ts';
import { heldFrameScript, uiLanguages, uiScript } from '../shared/ui-languages.ts';
import { clientConfig } from '../shared/client.ts';
import { parseConfig } from '../collector/config/load.ts';
import { inlineConfig } from '../collector/routes/script.ts';
import { median } from './median.ts';

const budgets = { guardKb: 5, guardAndUiKb: 14 };
const loads = Number(process.env.BENCH_PAGE_LOADS ?? 40);

const servedGuard = () => {
  const [site] = parseConfig(JSON.parse(readFileSync(new URL('../cordon.config.json', import.meta.url), 'utf8'))).sites;
  return inlineConfig(readFileSync(new URL('../dist/client/cordon.js', import.meta.url), 'utf8'), JSON.stringify(clientConfig(site!)));
};
const gzipKb = (file: string) => gzipSync(readFileSync(new URL(`../dist/client/${file}`, import.meta.url)), { level: 9 }).length / 1024;

/** The guard as the collector serves it to the demo site, its configuration inlined: what the budget counts. */
const servedGuardKb = () => gzipSync(servedGuard(), { level: 9 }).length / 1024;

type Variant = 'cordon' | 'data-src' | 'before' | 'silent';

/**
 * The guard's own price: a first-party page of 3,000 elements and no vendor tag, headed by the guard, by an inert
 * cross-origin script of the guard's size (what any parser-blocking script costs), or by nothing.
 */
function firstPartyPage(head: string): string {
  const items = Array.from({ length: 600 }, (_, i) => `<li><h3>Item ${i}</h3><p>Line ${i} of the catalogue.</p><a href="/item/${i}">See item ${i}</a><img alt="" width="40" height="40"></li>`).join('');
  return `<!doctype html><html lang="en"><head><title>Catalogue</title>${head}</head><body><main><h1>Catalogue</h1><ul>${items}</ul></main></body></html>`;
}

/** A script that does nothing, as long as the guard served with the demo's configuration. */
const inertScript = (bytes: number) => `/*${'inert '.repeat(Math.ceil(bytes / 6)).slice(0, bytes - 4)}*/`;

/**
 * A shop page of ordinary size with two vendor tags and a vendor frame, as a site has it:
 * - `cordon`: the guard first in <head>, the tags marked for it, the frame in a `<template data-cordon>` (as the demo
 *   shop marks its video);
 * - `data-src`: the same, with the frame marked with `data-src`, which starts as an empty frame;
 * - `before`: the same page before Cordon, the tags ordinary tags, which load;
 * - `silent`: no guard and marked tags that never load: what the guard leaves of the page when it holds them all.
 * Every page has a slot for the "Your Privacy Choices" link at its top, where a shift would show.
 */
function shopPage(variant: Variant): string {
  const marked = variant !== 'before';
  const frameUrl = 'http://ads.localhost:{{vendor}}/frame.html';
  const frame = !marked ? `<iframe src="${frameUrl}" title="ad"></iframe>`
    : variant === 'data-src' ? `<iframe data-cordon="sharing" data-src="${frameUrl}" title="ad"></iframe>`
      : `<template data-cordon="sharing"><iframe src="${frameUrl}" title="ad"></iframe></template>`;
  const tag = (purposes: string, host: string) => `<script${marked ? ` type="text/plain" data-cordon="${purposes}"` : ''} src="http://${host}.localhost:{{vendor}}/tag.js"></script>`;
  const products = Array.from({ length: 60 }, (_, i) => `<li><h3>Product ${i}</h3><p>A fine thing, number ${i}.</p><img alt="" width="40" height="40"></li>`).join('');
  return `<!doctype html><html lang="en"><head><title>Shop</title>
${variant === 'cordon' || variant === 'data-src' ? '<script src="{{collector}}/s/demo/cordon.js"></script>' : ''}
${tag('sharing', 'ads')}
${tag('sale', 'broker')}
</head><body><header><p>Free shipping · <span data-cordon-link></span> · <a href="/help">Help</a></p></header><main><h1>Shop</h1><ul>${products}</ul>
${frame}
<script>document.body.insertAdjacentHTML('beforeend', '<p>inline script ran</p>');</script>
</main></body></html>`;
}

interface Loads {
  dcl: number[];
  layoutShift: number;
}

/**
 * Loads two pages alternately in one browser context, `loads` times each after four warm-up loads (a returning
 * visitor's caches), and keeps each load's DOMContentLoaded and the first measured load's layout shift.
 */
async function alternate(browser: Browser, paths: [string, string], gpc: boolean): Promise<Loads[]> {
  const context = await browser.newContext();
  await context.addInitScript(layoutShiftInitScript);
  if (gpc) await context.addInitScript(gpcInitScript);
  const page = await context.newPage();
  const results: Loads[] = [{ dcl: [], layoutShift: 0 }, { dcl: [], layoutShift: 0 }];
  for (let i = 0; i < loads + 4; i++) {
    for (const index of i % 2 === 0 ? [0, 1] : [1, 0]) {
      await page.goto(paths[index]!, { waitUntil: 'load' });
      const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
      if (i < 4) continue;
      results[index]!.dcl.push(dcl);
      if (i === 4) results[index]!.layoutShift = await layoutShiftAfterUi(page);
    }
  }
  await context.close();
  return results;
}

/** The page's layout shift once Cordon's link (where there is a guard) is on it. */
async function layoutShiftAfterUi(page: Page): Promise<number> {
  if (await page.evaluate(() => 'Cordon' in window)) await page.getByRole('button', { name: 'Your Privacy Choices' }).waitFor();
  return (await layoutShifts(page)).reduce((sum, shift) => sum + shift.value, 0);
}

/**
 * Each round loads both pages back to back, so the median of the rounds' differences is what the guard adds with
 * whatever else the machine was doing at that moment taken out; the medians of each page are shown beside it.
 */
function report(title: string, names: [string, string], [baseline, withCordon]: Loads[]): number {
  const without = median(baseline!.dcl);
  const withGuard = median(withCordon!.dcl);
  const added = median(withCordon!.dcl.map((dcl, round) => dcl - baseline!.dcl[round]!));
  console.log(`  ${title}`);
  console.log(`    ${names[0]} ${without.toFixed(1)} ms, ${names[1]} ${withGuard.toFixed(1)} ms, ratio ${(withGuard / without).toFixed(2)}×; per round the guard adds ${signed(added)} ms`);
  console.log(`    layout shift: ${baseline!.layoutShift.toFixed(4)} without, ${withCordon!.layoutShift.toFixed(4)} with Cordon's link on the page`);
  return added;
}

const signed = (ms: number) => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)}`;

export async function benchClient(): Promise<void> {
  const guard = servedGuardKb();
  // A visitor downloads one language's UI; the budget holds for the heaviest of them.
  const uis = uiLanguages.map((lang) => ({ file: uiScript(lang), kb: gzipKb(uiScript(lang)) }));
  const largest = uis.reduce((a, b) => (b.kb > a.kb ? b : a));
  console.log('the script (gzip -9 of dist/client, after npm run build)');
  console.log(`  guard cordon.js (served, demo config) ${guard.toFixed(2)} KB   budget ${budgets.guardKb} KB   ratio ${(guard / budgets.guardKb).toFixed(2)}×`);
  console.log(`  UI, one per language    ${uis.map(({ file, kb }) => `${file} ${kb.toFixed(2)} KB`).join(', ')}`);
  console.log(`  guard + largest UI      ${(guard + largest.kb).toFixed(2)} KB  budget ${budgets.guardAndUiKb} KB  ratio ${((guard + largest.kb) / budgets.guardAndUiKb).toFixed(2)}×  (${largest.file}, CSS inside)`);
  console.log(`  loaded on every page:   apply.js ${gzipKb('apply.js').toFixed(2)} KB, asked for by the guard as it starts, async`);
  console.log(`  loaded only when used:  sync.js ${gzipKb('sync.js').toFixed(2)} KB, gpp.js ${gzipKb('gpp.js').toFixed(2)} KB, `
    + `${uiLanguages.map((lang) => `${heldFrameScript(lang)} ${gzipKb(heldFrameScript(lang)).toFixed(2)} KB`).join(', ')} (a page holding a frame)`);

  // Every script comes from the cache after the warm-up loads, the vendors' as well as the guard: the page before
  // Cordon is not made slower by fetching its tags again on each load.
  const inertBytes = Buffer.byteLength(servedGuard());
  const inert = await startWebServer((_, response) => {
    response.setHeader('content-type', 'text/javascript');
    response.setHeader('cache-control', 'max-age=3600');
    response.end(inertScript(inertBytes));
  });
  const pages = {
    ...Object.fromEntries((['cordon', 'data-src', 'before', 'silent'] as const).map((variant) => [`/${variant}`, shopPage(variant)])),
    '/first-party-guard': firstPartyPage('<script src="{{collector}}/s/demo/cordon.js"></script>'),
    '/first-party-inert': firstPartyPage(`<script src="http://localhost:${inert.port}/inert.js"></script>`),
    '/first-party-none': firstPartyPage(''),
  };
  const site = await startGuardSite(pages, { cacheableVendors: true });
  const url = (variant: Variant) => `${site.siteUrl}/${variant}`;
  const browser = await launchBrowser();
  try {
    console.log(`\nDOMContentLoaded of a shop page, median of ${loads} alternating loads per pair in one Chromium`);
    const added = report('a visitor without GPC: the guard allows every tag, which loads as before Cordon', ['before Cordon', 'with Cordon'],
      await alternate(browser, [url('before'), url('cordon')], false));
    const dataSrc = report('the same, the frame marked with data-src rather than in a <template data-cordon>', ['before Cordon', 'with Cordon'],
      await alternate(browser, [url('before'), url('data-src')], false));
    report('a visitor with GPC: the guard holds every vendor tag, against the page with none loading', ['no vendor tag', 'with Cordon holding them'],
      await alternate(browser, [url('silent'), url('cordon')], true));
    console.log(`  the guard adds ${signed(added)} ms to the page as it was before Cordon (target < 5 ms); ${signed(dataSrc)} ms with a data-src frame,`);
    console.log('  which starts empty: Chromium builds an empty frame in the page\'s own process. The GPC pair compares the same');
    console.log('  marked page with and without the guard.\n');

    console.log(`DOMContentLoaded of a first-party page of 3,000 elements and no vendor tag, median of ${loads} alternating loads per pair, scripts from cache`);
    const own = report('the guard against an inert cross-origin script of its size (the guard\'s own price)', ['inert script', 'with Cordon'],
      await alternate(browser, [`${site.siteUrl}/first-party-inert`, `${site.siteUrl}/first-party-guard`], false));
    report('the guard against no script (what a site owner sees)', ['no script', 'with Cordon'],
      await alternate(browser, [`${site.siteUrl}/first-party-none`, `${site.siteUrl}/first-party-guard`], false));
    report('the same pair for a visitor with GPC, for whom the guard watches the parse as it goes', ['inert script', 'with Cordon'],
      await alternate(browser, [`${site.siteUrl}/first-party-inert`, `${site.siteUrl}/first-party-guard`], true));
    console.log(`  the guard's own work adds ${signed(own)} ms (target < 5 ms); a visitor for whom nothing is held is spared the`);
    console.log('  watch over the parse (about 5 ms of mutation records on this page alone) until something is.\n');
  } finally {
    await browser.close();
    await site.close();
    await inert.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchClient();
  process.exit(0);
}
