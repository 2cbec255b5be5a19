import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { gpcInitScript } from '../helpers/browser.ts';
import { eventually } from '../helpers/eventually.ts';
import { guardSiteInChromium } from '../helpers/guard-site.ts';

const forbiddenHosts = ['ads.localhost', 'broker.localhost'];

/** Every way a tag reaches a vendor: markup, DOM insertion, markup strings, attributes, pixels, network, cookies. */
const everyPath = `<!doctype html><html lang="en"><head>
<script src="{{collector}}/s/demo/cordon.js"></script>
<script type="text/plain" data-cordon="sharing" src="http://ads.localhost:{{vendor}}/static.js?cookie=_adp"></script>
<script type="text/plain" data-cordon="sale">(window.__ran = window.__ran || []).push('inline-sale');</script>
<script src="http://analytics.localhost:{{vendor}}/analytics.js"></script>
</head><body>
<!-- First, where the notes in the held frames' places cannot push it under the "Your Privacy Choices" corner. -->
<button id="opt-in">Allow sale and sharing</button>
<iframe data-cordon="sharing" data-src="http://ads.localhost:{{vendor}}/frame.html" title="ad"></iframe>
<img data-cordon="sale" data-src="http://broker.localhost:{{vendor}}/static.gif" alt="">
<img data-cordon="sale" data-src="http://broker.localhost:{{vendor}}/behind-placeholder.gif" src="/placeholder.gif" alt="">
<script data-cordon="sale" data-src="http://broker.localhost:{{vendor}}/data-src.js"></script>
<template data-cordon="sharing"><iframe src="http://ads.localhost:{{vendor}}/template-frame.html" title="ad in a template"></iframe></template>
<template data-cordon="analytics"><img src="http://ads.localhost:{{vendor}}/mislabelled.gif" alt=""></template>
<template data-cordon="sale"><script src="http://broker.localhost:{{vendor}}/template-script.js"></script></template>
<div id="box"><span id="old"></span></div>
<template id="template"><script src="http://ads.localhost:{{vendor}}/replace-children.js"></script></template>
<script>
  document.getElementById('opt-in').onclick = () => window.Cordon.setChoices({ saleOptOut: false, sharingOptOut: false });
  const v = (host, path) => 'http://' + host + '.localhost:{{vendor}}' + path;
  const script = (src) => { const s = document.createElement('script'); s.src = src; return s; };
  document.write('<script src="' + v('broker', '/written.js') + '"><\\/script><img src="' + v('ads', '/written.gif') + '">');
  // Types the browser runs besides the usual ones.
  document.write('<script type="text/jscript" src="' + v('ads', '/jscript.js') + '"><\\/script>');
  const jscript = document.createElement('script'); jscript.type = 'text/jscript'; jscript.src = v('ads', '/jscript-set.js'); document.head.append(jscript);
  const box = document.getElementById('box');
  document.head.appendChild(script(v('broker', '/append.js?cookie=_dbk_id')));
  box.insertBefore(script(v('ads', '/insert-before.js')), box.firstChild);
  box.append(script(v('ads', '/append-method.js')));
  box.prepend(script(v('ads', '/prepend.js')));
  box.replaceChild(script(v('broker', '/replace-child.js')), document.getElementById('old'));
  const placeholder = document.createElement('i'); box.append(placeholder); placeholder.replaceWith(script(v('ads', '/replace-with.js')));
  box.insertAdjacentElement('beforeend', script(v('broker', '/adjacent.js')));
  box.insertAdjacentHTML('beforeend', '<img src="' + v('ads', '/adjacent-html.gif') + '">');
  const holder = document.createElement('div'); box.append(holder);
  holder.innerHTML = '<img src="' + v('broker', '/inner.gif') + '"><iframe src="' + v('ads', '/inner-frame.html') + '"></iframe>';
  const outer = document.createElement('p'); box.append(outer); outer.outerHTML = '<img src="' + v('ads', '/outer.gif') + '">';
  const late = document.createElement('script'); box.append(late); late.src = v('broker', '/src-after-insert.js');
  const img = document.createElement('img'); box.append(img); img.setAttribute('src', v('ads', '/set-attribute.gif'));
  new Image().src = v('ads', '/pixel.gif');
  const frame = document.createElement('iframe'); frame.src = v('ads', '/frame-src.html'); box.append(frame);
  for (const rel of ['preload', 'prefetch', 'stylesheet']) {
    const link = document.createElement('link'); link.rel = rel; link.as = 'script'; link.href = v('ads', '/link-' + rel + '.css'); document.head.append(link);
  }
  const parsed = new DOMParser().parseFromString('<img src="' + v('broker', '/domparser.gif') + '">', 'text/html');
  box.append(parsed.body.firstChild);
  const replaced = document.createElement('div'); box.append(replaced);
  replaced.replaceChildren(document.getElementById('template').content.cloneNode(true));
  window.__failures = [];
  fetch(v('ads', '/fetch')).then(() => __failures.push('fetch succeeded'), (e) => __failures.push('fetch: ' + e.name));
  const xhr = new XMLHttpRequest(); xhr.open('POST', v('broker', '/xhr')); xhr.onerror = () => __failures.push('xhr: error'); xhr.send('x');
  const direct = new XMLHttpRequest(); direct.open('GET', v('ads', '/xhr-prototype-send')); XMLHttpRequest.prototype.send.call(direct);
  __failures.push('beacon: ' + navigator.sendBeacon(v('ads', '/beacon'), 'x'));
  document.cookie = '_adp=direct; path=/';
  document.cookie = '_dbk_seg=direct; path=/';
  document.cookie = 'own=1; path=/';
  setInterval(() => { new Image().src = v('ads', '/heartbeat.gif?' + Date.now()); }, 100);
</script>
</body></html>`;

/** A tag that tries to undo an opt-out on its own, with no click or key press from the visitor. */
const sneaky = `<!doctype html><html lang="en"><head><script src="{{collector}}/s/demo/cordon.js"></script></head><body>
<script>window.Cordon.setChoices({ saleOptOut: false, sharingOptOut: false });</script>
</body></html>`;

/** A tag that empties the purposes the guard shows it, hoping to have its own tags released. */
const tamper = `<!doctype html><html lang="en"><head><script src="{{collector}}/s/demo/cordon.js"></script>
<script>
  for (const vendor of window.Cordon.config.vendors) vendor.purposes.length = 0;
  for (const item of window.Cordon.getHeld()) item.purposes.length = 0;
  new Image().src = 'http://broker.localhost:{{vendor}}/tamper.gif';
</script>
<script type="text/plain" data-cordon="sharing" src="http://ads.localhost:{{vendor}}/tamper.js"></script>
</head><body></body></html>`;

describe('the guard in Chromium', () => {
  const running = guardSiteInChromium({ '/': everyPath, '/other': everyPath, '/sneaky': sneaky, '/tamper': tamper });

  async function open(context: BrowserContext, path = '/'): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${running.site().siteUrl}${path}`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(400);
    return page;
  }

  const cookieNames = async (context: BrowserContext) => (await context.cookies(running.site().siteUrl)).map((cookie) => cookie.name).sort();

  test('with GPC, nothing reaches sale or sharing vendors through any path, from first paint to unload', async () => {
    const context = await running.browser().newContext();
    await context.addInitScript(gpcInitScript);
    running.site().resetHits();
    const page = await open(context);
    const failures = await page.evaluate(() => (window as unknown as { __failures: string[] }).__failures);
    const state = await page.evaluate(() => window.Cordon.getState());
    await page.goto('about:blank');
    await context.close();

    assert.deepEqual(running.site().hitsTo(...forbiddenHosts), [], 'no request reached a forbidden vendor');
    assert.ok(running.site().hitsTo('analytics.localhost').length > 0, 'the allowed analytics tag still loaded');
    assert.deepEqual(failures.sort(), ['beacon: false', 'fetch: TypeError', 'xhr: error'], 'blocked calls fail like network errors');
    assert.equal(state.saleOptOut && state.sharingOptOut && state.gpc, true);
    assert.equal(state.source, 'gpc');
  });

  test('with GPC, vendor cookies are never written while first-party ones are', async () => {
    const context = await running.browser().newContext();
    await context.addInitScript(gpcInitScript);
    await open(context);
    assert.deepEqual((await cookieNames(context)).filter((name) => name !== 'own'), []);
    assert.ok((await cookieNames(context)).includes('own'));
    await context.close();
  });

  test('without GPC every tag loads; after opting out nothing more arrives, cookies go, and it holds on reload and in a new tab', async () => {
    const context = await running.browser().newContext();
    running.site().resetHits();
    const page = await open(context);
    for (const path of ['/static.js', '/append.js', '/written.js', '/pixel.gif', '/fetch', '/xhr', '/beacon', '/frame.html', '/inner.gif', '/src-after-insert.js', '/replace-children.js', '/jscript.js', '/jscript-set.js', '/behind-placeholder.gif', '/data-src.js', '/template-frame.html', '/mislabelled.gif', '/template-script.js']) {
      assert.ok(running.site().hits().some((hit) => hit.path === path), `${path} loads while the visitor has not opted out`);
    }
    assert.ok((await cookieNames(context)).includes('_adp') && (await cookieNames(context)).includes('_dbk_id'));
    const ran = await page.evaluate(() => (window as unknown as { __ran: string[] }).__ran);
    assert.ok(ran.includes('inline-sale'), 'a held inline script runs once allowed');

    await page.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
    running.site().resetHits();
    await page.waitForTimeout(500);
    assert.deepEqual(running.site().hitsTo(...forbiddenHosts), [], 'the heartbeat pixel stops at once');
    assert.deepEqual((await cookieNames(context)).filter((name) => name.startsWith('_')), [], 'vendor cookies are deleted');
    assert.equal(await page.locator('iframe[title="ad"]').getAttribute('src'), 'about:blank', 'a vendor frame is unloaded');

    await page.reload();
    await page.waitForTimeout(400);
    const second = await open(context, '/other');
    await second.waitForTimeout(200);
    assert.deepEqual(running.site().hitsTo(...forbiddenHosts), [], 'nothing after reload or in a new tab');
    assert.deepEqual((await cookieNames(context)).filter((name) => name.startsWith('_')), []);
    await context.close();
  });

  test('opting back in with a click releases what was held: parsed, written, inserted and set later', async (t) => {
    const context = await running.browser().newContext();
    // Released tags keep calling their vendors (a heartbeat): a failure here must not spill into the next test.
    t.after(() => context.close());
    const first = await open(context);
    await first.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
    await first.close();
    running.site().resetHits();
    const page = await open(context);
    assert.deepEqual(running.site().hitsTo(...forbiddenHosts), [], 'held while opted out');
    await page.click('#opt-in');
    const released = ['/static.js', '/written.js', '/written.gif', '/append.js', '/pixel.gif', '/static.gif', '/src-after-insert.js', '/frame.html', '/jscript.js', '/jscript-set.js', '/behind-placeholder.gif', '/data-src.js', '/template-frame.html', '/mislabelled.gif', '/template-script.js'];
    // Released in order, each after the one before it has loaded: on a loaded machine that takes a moment.
    await eventually(() => released.filter((path) => !running.site().hits().some((hit) => hit.path === path)), (missing) => missing.length === 0, 'every held tag released once the visitor allows it', 10_000);
    assert.equal(running.site().hits().filter((hit) => hit.path === '/data-src.js').length, 1, 'a released script is not taken and released again');
    const ran = await page.evaluate(() => (window as unknown as { __ran: string[] }).__ran);
    assert.ok(ran.includes('inline-sale'), 'the held inline script runs');
    assert.ok(ran.includes('broker.localhost/template-script.js'), 'a script in a marked template runs once released');
    await context.close();
  });

  test('with GPC, a tag that empties the purposes it is shown still reaches no forbidden vendor', async () => {
    const context = await running.browser().newContext();
    await context.addInitScript(gpcInitScript);
    running.site().resetHits();
    await open(context, '/tamper');
    await context.close();
    assert.deepEqual(running.site().hitsTo(...forbiddenHosts), []);
  });

  test('a third-party script cannot opt the visitor back in, and says so in the console', async () => {
    const context = await running.browser().newContext();
    const first = await open(context);
    await first.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
    await first.close();
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
    await page.goto(`${running.site().siteUrl}/sneaky`);
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => window.Cordon.getState());
    assert.equal(state.saleOptOut, true);
    assert.equal(state.sharingOptOut, true);
    assert.ok(warnings.some((text) => text.includes('refused')), `a console warning explains the refusal: ${warnings.join(' | ')}`);
    await context.close();
  });
});
