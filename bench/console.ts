// The privacy-ops console: its weight (gzip -9 of the built files: the first screen's, and the dashboard's charts chunk
// on its own, which the first screen never loads) and how long a signed-in person waits for the
// queue's first screen over 50,000 open requests, in Chromium against the collector as `cordon start` runs it.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { openDatabase } from '../collector/db/connect.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { startCollectorProcess } from './collector-process.ts';
import { median } from './median.ts';
import { scratchDatabase, seedOpenRequests } from './requests.ts';

const openRequests = 50_000;
const loads = 20;
const port = 18_104;
const targetMs = 1_000;
const config = { sites: [{ id: 'bench', origins: ['http://bench.test'], secret: 'bench-site-secret-0123456789abcdef0123456789' }] };

const gzipKb = (file: string) => gzipSync(readFileSync(new URL(`../dist/console/${file}`, import.meta.url)), { level: 9 }).length / 1024;

/**
 * Set before the console's script runs: the key a signed-in tab holds (as sign-in leaves it in sessionStorage), and
 * the moment the queue's first row is drawn, measured from the start of the navigation.
 */
const firstScreenProbe = (key: string) => `sessionStorage.setItem('cordon-console-key', ${JSON.stringify(key)});
new MutationObserver((_, observer) => {
  if (!document.querySelector('table.queue tbody tr')) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.__firstScreen = performance.now(); });
}).observe(document, { childList: true, subtree: true });`;

export async function benchConsole(serverUrl: string): Promise<{ gzipKb: number; chartsGzipKb: number; firstScreenMs: number }> {
  const script = gzipKb('console.js');
  const styles = gzipKb('console.css');
  const charts = gzipKb('charts.js');
  console.log('the privacy-ops console (gzip -9 of dist/console, after npm run build)');
  console.log(`  first screen: console.js ${script.toFixed(2)} KB + console.css ${styles.toFixed(2)} KB = ${(script + styles).toFixed(2)} KB, both languages inside`);
  console.log(`  dashboard charts (Chart.js), loaded only when a chart is shown: charts.js ${charts.toFixed(2)} KB`);

  const scratch = await scratchDatabase(serverUrl);
  let collector: ChildProcess | undefined;
  const browser = await launchBrowser();
  try {
    const database = await openDatabase({ url: scratch.url, dataDir: '' });
    const { open, key } = await seedOpenRequests(database, openRequests);
    await database.close();
    collector = await startCollectorProcess({ databaseUrl: scratch.url, port, config });
    const context = await browser.newContext();
    await context.addInitScript(firstScreenProbe(key));
    const page = await context.newPage();
    const times: number[] = [];
    // The first load fetches the script and stylesheet; the rest revalidate them, as a person reopening the console does.
    for (let i = 0; i <= loads; i += 1) {
      await page.goto('about:blank');
      await page.goto(`http://127.0.0.1:${port}/console#/queue`);
      await page.waitForFunction(() => (window as unknown as { __firstScreen?: number }).__firstScreen !== undefined);
      const ms = await page.evaluate(() => (window as unknown as { __firstScreen: number }).__firstScreen);
      if (i === 0) console.log(`  first screen, cold (script and stylesheet fetched): ${ms.toFixed(0)} ms`);
      else times.push(ms);
    }
    const rows = await page.locator('table.queue tbody tr').count();
    const firstScreenMs = median(times);
    console.log(`  first screen over ${open.toLocaleString('en-US')} open requests (navigation start to the queue's first ${rows} rows drawn):`
      + ` median ${firstScreenMs.toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms of ${loads} loads (target < ${targetMs} ms)\n`);
    await context.close();
    return { gzipKb: script + styles, chartsGzipKb: charts, firstScreenMs };
  } finally {
    await browser.close();
    if (collector) await new Promise((resolve) => { collector!.once('exit', resolve); collector!.kill(); });
    await scratch.drop();
  }
}
