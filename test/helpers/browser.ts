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
new PerformanceObserver((list) => window.__layoutShifts.push(...list.getEntries())).observe({ type: 'layout-shift', buffered: true });`;

export interface LayoutShift {
  value: number;
  at: number;
  moved: string[];
}

/** A `layout-shift` performance entry, which TypeScript's DOM library does not name. */
interface LayoutShiftEntry extends PerformanceEntry {
  value: number;
  sources: { node: Node | null }[];
}

/**
 * What the page shifted so far, after the frame that is being drawn now has reported its shifts; `within` (a
 * selector) keeps only the shifts that moved something inside it, when the page moves a part of itself by its own doing.
 */
export async function layoutShifts(page: Page, within?: string): Promise<LayoutShift[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate((within) => (window as unknown as { __layoutShifts: LayoutShiftEntry[] }).__layoutShifts
    .filter((entry) => !within || entry.sources.some(({ node }) => (node instanceof Element ? node : node?.parentElement)?.closest(within)))
    .map((entry) => ({ value: entry.value, at: entry.startTime, moved: entry.sources.map((source) => source.node?.nodeName ?? '?') })), within);
}
