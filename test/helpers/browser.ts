import { chromium, type Browser } from 'playwright-core';

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
