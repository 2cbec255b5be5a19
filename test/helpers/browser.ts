import { chromium, type Browser, type Page } from 'playwright-core';

/** The machine's Chromium, as CI installs it; Playwright's own download does not work here. */
export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...extraArgs] });
}

/** Scripts run before any of the page's: what a browser with Global Privacy Control turned on exposes. */
export const gpcInitScript = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });";

/**
 * Scripts run before any of the page's: keeps every layout shift the page reports (the CLS entries, with the
 * elements that moved), for `layoutShifts` to read.
 */
export const layoutShiftInitScript = `window.__layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__layoutShifts.push({ value: entry.value, at: entry.startTime, moved: entry.sources.map((source) => source.node?.nodeName ?? '?') });
}).observe({ type: 'layout-shift', buffered: true });`;

export interface LayoutShift {
  value: number;
  at: number;
  moved: string[];
}

/** What the page shifted so far, after the frame that is being drawn now has reported its shifts. */
export async function layoutShifts(page: Page): Promise<LayoutShift[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => (window as unknown as { __layoutShifts: LayoutShift[] }).__layoutShifts);
}
