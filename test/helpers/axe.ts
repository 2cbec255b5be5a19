import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core from node_modules (a devDependency); the scans are skipped, saying so, only where it is not installed. */
const axePath = (() => {
  try {
    return createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  } catch {
    return undefined;
  }
})();
export const axeSource = axePath && existsSync(axePath) ? readFileSync(axePath, 'utf8') : undefined;

/**
 * The console's CSP allows no inline script, so axe is evaluated through the DevTools protocol, which CSP does not
 * govern, and then run against the page as it stands: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource!);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
  return violations;
}
