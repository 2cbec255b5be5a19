import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gpcInitScript, layoutShiftInitScript, layoutShifts } from '../helpers/browser.ts';
import { guardSiteInChromium } from '../helpers/guard-site.ts';

// A page that does not move by itself: whatever shifts on it, Cordon moved.
const page = (footer: string, lang = 'en') => `<!doctype html><html lang="${lang}"><head>
<script src="{{collector}}/s/demo/cordon.js"></script>
</head><body><main><h1>Shop</h1><p>Gear for careful people.</p></main>
<footer>${footer}</footer><p>Everything below the footer stays where it was painted.</p></body></html>`;

const pages = {
  '/in-a-sentence': page('<p>© Shop · <span data-cordon-link></span> · <a href="/privacy">Privacy requests</a></p>'),
  '/on-its-own-line': page('<div><span data-cordon-link></span></div><a href="/privacy">Privacy requests</a>'),
  '/in-the-corner': page('<a href="/privacy">Privacy requests</a>'),
  '/en-una-frase': page('<p>© Tienda · <span data-cordon-link></span> · <a href="/privacy">Solicitudes de privacidad</a></p>', 'es'),
};
/** What the link and the GPC status say on each page, in its language. */
const spanish = { link: 'Sus opciones de privacidad', honored: 'Solicitud de exclusión respetada' };
const english = { link: 'Your Privacy Choices', honored: 'Opt-Out Request Honored' };

describe('the "Your Privacy Choices" link moves nothing on the page (no layout shift)', () => {
  const running = guardSiteInChromium(pages);

  for (const gpc of [false, true]) {
    for (const path of Object.keys(pages)) {
      test(`${path}, ${gpc ? 'with GPC, its status beside the link' : 'without GPC'}`, async () => {
        const context = await running.browser().newContext();
        await context.addInitScript(layoutShiftInitScript);
        if (gpc) await context.addInitScript(gpcInitScript);
        const tab = await context.newPage();
        await tab.goto(`${running.site().siteUrl}${path}`, { waitUntil: 'load' });
        const says = path === '/en-una-frase' ? spanish : english;
        await tab.getByRole('button', { name: says.link }).waitFor();
        if (gpc) await tab.getByText(says.honored).first().waitFor();
        assert.deepEqual(await layoutShifts(tab), []);
        await context.close();
      });
    }
  }
});
