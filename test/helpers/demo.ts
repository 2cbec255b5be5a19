import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { startDemo, type Demo } from '../../demo-site/start.ts';
import { launchBrowser } from './browser.ts';

/**
 * The whole demo (collector, vendors, shop) on free ports over a fresh embedded database, and a Chromium, for the
 * suite it is called in; read them once the suite's tests run.
 */
export function demoInChromium(): { browser: () => Browser; demo: () => Demo } {
  let browser: Browser | undefined;
  let demo: Demo | undefined;
  let dataDir = '';
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cordon-demo-test-'));
    browser = await launchBrowser();
    demo = await startDemo({ ports: { collector: 0, vendors: 0, shop: 0 }, dataDir });
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { browser: () => browser!, demo: () => demo! };
}
