// The script's weight (gzip -9 of the built files, against the budgets) and what the guard costs a page's
// DOMContentLoaded, against the same page without it, in one Chromium run.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../test/helpers/browser.ts';
import { startGuardSite } from '../test/helpers/guard-site.ts';
import { uiLanguages, uiScript } from '../shared/ui-languages.ts';

const budgets = { guardKb: 4, guardAndUiKb: 14 };
const loads = Number(process.env.BENCH_PAGE_LOADS ?? 40);

const gzipKb = (file: string) => gzipSync(readFileSync(new URL(`../dist/client/${file}`, import.meta.url)), { level: 9 }).length / 1024;

/** A shop page of ordinary size with marked vendor tags; the baseline is the same markup without the guard. */
function shopPage(withGuard: boolean): string {
  const products = Array.from({ length: 60 }, (_, i) => `<li><h3>Product ${i}</h3><p>A fine thing, number ${i}.</p><img alt="" width="40" height="40"></li>`).join('');
  return `<!doctype html><html lang="en"><head><title>Shop</title>
${withGuard ? '<script src="{{collector}}/s/demo/cordon.js"></script>' : ''}
<script type="text/plain" data-cordon="sharing" src="http://ads.localhost:{{vendor}}/tag.js"></script>
<script type="text/plain" data-cordon="sale" src="http://broker.localhost:{{vendor}}/tag.js"></script>
</head><body><main><h1>Shop</h1><ul>${products}</ul>
<iframe data-cordon="sharing" data-src="http://ads.localhost:{{vendor}}/frame.html" title="ad"></iframe>
<script>document.body.insertAdjacentHTML('beforeend', '<p>inline script ran</p>');</script>
</main></body></html>`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchClient(): Promise<void> {
  const guard = gzipKb('cordon.js');
  // A visitor downloads one language's UI; the budget holds for the heaviest of them.
  const uis = uiLanguages.map((lang) => ({ file: uiScript(lang), kb: gzipKb(uiScript(lang)) }));
  const largest = uis.reduce((a, b) => (b.kb > a.kb ? b : a));
  console.log('the script (gzip -9 of dist/client, after npm run build)');
  console.log(`  guard cordon.js         ${guard.toFixed(2)} KB   budget ${budgets.guardKb} KB   ratio ${(guard / budgets.guardKb).toFixed(2)}×`);
  console.log(`  UI, one per language    ${uis.map(({ file, kb }) => `${file} ${kb.toFixed(2)} KB`).join(', ')}`);
  console.log(`  guard + largest UI      ${(guard + largest.kb).toFixed(2)} KB  budget ${budgets.guardAndUiKb} KB  ratio ${((guard + largest.kb) / budgets.guardAndUiKb).toFixed(2)}×  (${largest.file}, CSS inside)`);
  console.log(`  loaded only when used:  sync.js ${gzipKb('sync.js').toFixed(2)} KB, gpp.js ${gzipKb('gpp.js').toFixed(2)} KB`);

  const site = await startGuardSite({ '/with': shopPage(true), '/without': shopPage(false) });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const timings: Record<'with' | 'without', number[]> = { with: [], without: [] };
    const page = await context.newPage();
    for (let i = 0; i < loads + 4; i++) {
      for (const variant of i % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const)) {
        await page.goto(`${site.siteUrl}/${variant}`, { waitUntil: 'load' });
        const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
        if (i >= 4) timings[variant].push(dcl); // the first loads warm the caches, as a returning visitor's are
      }
    }
    const withGuard = median(timings.with);
    const without = median(timings.without);
    console.log(`\nDOMContentLoaded of a shop page, median of ${loads} alternating loads in one Chromium`);
    console.log(`  without the guard ${without.toFixed(1)} ms, with it ${withGuard.toFixed(1)} ms: the guard adds ${(withGuard - without).toFixed(1)} ms (target < 5 ms), ratio ${(withGuard / without).toFixed(2)}×\n`);
  } finally {
    await browser.close();
    await site.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchClient();
  process.exit(0);
}
