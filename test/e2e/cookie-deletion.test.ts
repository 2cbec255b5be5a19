import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../helpers/eventually.ts';
import { guardSiteInChromium } from '../helpers/guard-site.ts';

/**
 * A shop on a real multi-label host, deep in its path tree, where tags left their cookies on the host, on the
 * parent domains (with and without the leading dot) and on the page's parent paths, next to the site's own.
 */
const siteHost = 'www.shop.cordon.test';
const deepPage = `<!doctype html><html lang="en"><head><script src="{{collector}}/s/demo/cordon.js"></script></head><body>
<script>
  document.cookie = '_adp=host-only; path=/';
  document.cookie = '_adp=parent; path=/account; domain=shop.cordon.test';
  document.cookie = '_dbk_id=apex; path=/account/orders; domain=.cordon.test';
  document.cookie = '_dbk_seg=here; path=/account/orders/';
  document.cookie = 'session=first-party; path=/; domain=cordon.test';
</script>
</body></html>`;

const running = guardSiteInChromium({ '/account/orders/': deepPage, '/': deepPage }, { siteHost }, [`--host-resolver-rules=MAP *.cordon.test 127.0.0.1`]);

test('opting out deletes a vendor cookie on every path, host and parent domain it lives on, and keeps the site\'s own', async () => {
  const context = await running.browser().newContext();
  const page = await context.newPage();
  const cookies = async () => (await context.cookies()).map(({ name, domain, path }) => `${name} ${domain} ${path}`).sort();
  await page.goto(`${running.site().siteUrl}/account/orders/`);
  assert.deepEqual(await cookies(), [
    '_adp .shop.cordon.test /account', '_adp www.shop.cordon.test /', '_dbk_id .cordon.test /account/orders',
    '_dbk_seg www.shop.cordon.test /account/orders/', 'session .cordon.test /',
  ], 'the tags wrote their cookies while the visitor had not opted out');

  await page.evaluate(() => window.Cordon.setChoices({ saleOptOut: true, sharingOptOut: true }));
  // A page's cookie writes reach the browser's store, which the test reads, a moment after document.cookie has them.
  const left = await eventually(cookies, (names) => names.length === 1, 'the vendor cookies to leave the browser\'s store');
  assert.deepEqual(left, ['session .cordon.test /'], 'only the site\'s own cookie is left');
  const refused = () => page.evaluate(() => window.Cordon.getHeld().filter((item) => item.kind === 'cookie').map((item) => item.url));
  await page.evaluate(() => { document.cookie = '_adp=again; path=/'; });
  await page.evaluate(() => { document.cookie = '_dbk_id=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'; });
  assert.deepEqual(await refused(), ['_adp'], 'a tag writing its cookie is refused; one deleting its own is not');

  await page.goto(`${running.site().siteUrl}/`);
  await page.goto(`${running.site().siteUrl}/account/orders/`);
  assert.deepEqual(await cookies(), ['session .cordon.test /'], 'the tags cannot write them again while opted out');
  await context.close();
});
