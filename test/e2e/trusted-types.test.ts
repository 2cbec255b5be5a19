import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { gpcInitScript } from '../helpers/browser.ts';
import { guardSiteInChromium } from '../helpers/guard-site.ts';

/**
 * A site that enforces Trusted Types and names its policies, `cordon` among them, as the guard's documentation asks.
 * Its own code writes markup and a script URL through its policy; one plain string is refused, as the site wants.
 */
const page = `<!doctype html><html lang="en"><head><script src="{{collector}}/s/demo/cordon.js"></script></head><body>
<p><span data-cordon-link></span></p>
<button id="opt-in">Allow sale and sharing</button><div id="box"></div><div id="plain"></div>
<script>
  window.violations = [];
  addEventListener('securitypolicyviolation', (event) => violations.push(event.sample || event.violatedDirective));
  const site = trustedTypes.createPolicy('site', { createHTML: (s) => s, createScriptURL: (s) => s });
  const V = (path) => 'http://ads.localhost:{{vendor}}/' + path;
  document.getElementById('opt-in').onclick = () => window.Cordon.setChoices({ saleOptOut: false, sharingOptOut: false });
  document.getElementById('box').innerHTML = site.createHTML('<p id="own">the site\\'s markup</p><img alt="" src="' + V('tt-markup.gif') + '">');
  const tag = document.createElement('script');
  tag.src = site.createScriptURL(V('tt-tag.js'));
  document.head.append(tag);
  try {
    document.getElementById('plain').innerHTML = '<img alt="" src="' + V('tt-plain.gif') + '">';
    window.plainAccepted = true;
  } catch (error) {
    window.plainRefused = error.name;
  }
</script></body></html>`;

describe('a site enforcing Trusted Types keeps working with Cordon, in Chromium', () => {
  const running = guardSiteInChromium({ '/tt': page }, { headers: { 'content-security-policy': "require-trusted-types-for 'script'; trusted-types site cordon" } });

  async function open(gpc: boolean): Promise<Page> {
    const context = await running.browser().newContext();
    if (gpc) await context.addInitScript(gpcInitScript);
    const opened = await context.newPage();
    await opened.goto(`${running.site().siteUrl}/tt`);
    await opened.getByRole('button', { name: 'Your Privacy Choices' }).waitFor();
    return opened;
  }
  const arrived = () => running.site().hitsTo('ads.localhost').map((hit) => hit.path).sort();

  test('under GPC the vendor is held in trusted markup and a trusted script URL, and released after a click', async () => {
    running.site().resetHits();
    const opened = await open(true);
    try {
      assert.equal(await opened.locator('#own').textContent(), "the site's markup", 'the site\'s trusted markup is on the page');
      assert.equal(await opened.evaluate(() => (window as any).plainRefused), 'TypeError', 'a plain string is still refused: Cordon launders nothing');
      const violations: string[] = await opened.evaluate(() => (window as any).violations);
      assert.equal(violations.length, 1, `the only violation is the site's own plain string: ${violations}`);
      assert.match(violations[0]!, /^Element innerHTML\|<img/);
      await opened.waitForTimeout(300);
      assert.deepEqual(arrived(), [], 'nothing reached the vendor under GPC');
      await opened.click('#opt-in');
      await opened.waitForTimeout(600);
      assert.deepEqual(arrived(), ['/tt-markup.gif', '/tt-tag.js'], 'what was held is released once allowed');
      assert.deepEqual(await opened.evaluate(() => (window as any).violations.length), 1, 'releasing broke no Trusted Types rule');
    } finally {
      await opened.context().close();
    }
  });

  test('without GPC the site\'s trusted markup and script load as they would without Cordon', async () => {
    running.site().resetHits();
    const opened = await open(false);
    try {
      await opened.waitForTimeout(300);
      assert.deepEqual(arrived(), ['/tt-markup.gif', '/tt-tag.js']);
      assert.equal(await opened.evaluate(() => (window as any).violations.length), 1);
    } finally {
      await opened.context().close();
    }
  });
});
