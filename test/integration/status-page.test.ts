import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseConfig } from '../../collector/config/load.ts';
import { dispatchFulfilment } from '../../collector/requests/fulfilment.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { siteOrigin, siteSecret } from '../helpers/fixtures.ts';
import { latestCode, mailOf, newEmail, startRequests, type RequestsHarness } from '../helpers/requests.ts';
import { acmeStore, addCustomer, createAcmeStore } from '../helpers/store-fixture.ts';

const statusPath = (statusUrl: string) => { const url = new URL(statusUrl); return url.pathname + url.search; };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/\s+/g, ' ');

for (const kind of databaseKinds) {
  describe(`the consumer's status page on ${kind}`, () => {
    let h: RequestsHarness;
    const pat = { email: newEmail('pat').toLowerCase(), name: 'Pat Doe', phone: '415-555-0134', ssn: '123-45-6789', orders: 2, activity: 3 };
    before(async () => {
      h = await startRequests(kind, {
        prepare: async (database) => {
          await createAcmeStore(database);
          await addCustomer(database, pat);
        },
        config: (database) => parseConfig({ sites: [{ id: 'shop', origins: [siteOrigin], secret: siteSecret, vendors: [] }], stores: [acmeStore(database.url)] }),
      });
    });
    after(() => h.close());

    const page = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${h.collector.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', ...headers }, redirect: 'manual' });
      return { status: response.status, headers: response.headers, html: await response.text() };
    };
    const postForm = async (id: string, fields: Record<string, string>) => {
      const response = await fetch(`${h.collector.url}/v1/requests/${id}/verify`, {
        method: 'POST', body: new URLSearchParams(fields), redirect: 'manual', headers: { accept: 'text/html' },
      });
      return { status: response.status, location: response.headers.get('location'), html: await response.text() };
    };

    test('a browser gets a page saying where the request stands and what is needed; scripts still get JSON', async () => {
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'know-specific', email: newEmail('sam') });
      const shown = await page(statusPath(filed.body.statusUrl));
      assert.equal(shown.status, 200);
      assert.match(shown.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(shown.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'sha256-/);
      assert.doesNotMatch(shown.html, /<script/i, 'the page runs nothing');
      const words = text(shown.html);
      assert.match(words, /Know the specific pieces of personal information we hold about you/);
      assert.match(words, /Waiting for you to confirm it is you/);
      assert.match(shown.html, /<label for="code">The six-digit code from the mail<\/label><input id="code"/);
      assert.match(words, /I declare under penalty of perjury/);
      const [mail] = await mailOf(h.admin, filed.body.id);
      const due = /We will respond by (\d{4}-\d{2}-\d{2})/.exec(mail!.text ?? '')![1]!;
      assert.match(words, new RegExp(`We will respond by ${due}`), 'the same due date as the mail');

      const json = await h.api.get(statusPath(filed.body.statusUrl), { accept: 'application/json' });
      assert.equal(json.body.status, 'verifying');
      const spanish = await page(`${statusPath(filed.body.statusUrl)}&lang=es`);
      assert.match(text(spanish.html), /Su solicitud de privacidad .* Esperando a que confirme que es usted/);
      assert.match(spanish.html, /<html lang="es">/);
      const byBrowser = await page(statusPath(filed.body.statusUrl), { 'accept-language': 'es-MX,es;q=0.9' });
      assert.match(byBrowser.html, /<html lang="es">/);
      const wrongSecret = await page(`/v1/requests/${filed.body.id}?secret=${'x'.repeat(32)}`);
      assert.equal(wrongSecret.status, 404);
    });

    test('the page\'s form verifies without script: a wrong code says so on the page, the right one with details completes the request', async () => {
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'know-specific', email: pat.email });
      const secret = new URL(filed.body.statusUrl).searchParams.get('secret')!;
      const wrong = await postForm(filed.body.id, { secret, lang: 'en', code: '000000', signedName: 'Pat Doe', declare: 'yes' });
      assert.equal(wrong.status, 400);
      assert.match(wrong.html, /role="alert"/);
      assert.match(text(wrong.html), /That did not work: this code is not right/);
      const forged = await postForm(filed.body.id, { secret: 'y'.repeat(32), lang: 'en', code: '123456' });
      assert.equal(forged.status, 404, 'the status secret is needed to use the form');

      const code = await latestCode(h.admin, filed.body.id);
      const right = await postForm(filed.body.id, { secret, lang: 'en', code, name: 'Pat Doe', phone: '(415) 555-0134', postalCode: '', declare: 'yes', signedName: 'Pat Doe' });
      assert.equal(right.status, 303, right.html);
      assert.equal(right.location, `/v1/requests/${filed.body.id}?secret=${secret}&lang=en`);
      assert.match(text((await page(right.location!)).html), /Confirmed: we are carrying it out/);

      const deps = { config: h.collector.deps.config, mailing: { smtp: false }, now: new Date(), base: h.collector.url };
      while (await dispatchFulfilment(h.collector.deps.db, deps, h.collector.deps.fulfilment!) > 0);
      const done = await page(right.location!);
      const words = text(done.html);
      assert.match(words, /Status Done/);
      assert.match(words, /Identifiers \(name, email, phone/);
      assert.match(words, /acme · orders: 2 records/);
      assert.match(done.html, /<th scope="col">shipping_address<\/th>/);
      assert.match(words, /1 Market St, San Francisco/, 'the specific pieces are shown as a table');
      assert.match(words, /We hold but, by law, never send: Social Security/, 'the SSN is named by kind only');
      assert.ok(!words.includes(pat.ssn));
      assert.match(done.html, new RegExp(`href="/v1/requests/${filed.body.id}/export.zip\\?secret=${secret}"`));
      assert.doesNotMatch(done.html, /\{"kind"/, 'never raw JSON');

      const spanish = text((await page(right.location!.replace('lang=en', 'lang=es'))).html);
      assert.match(spanish, /Identificadores \(nombre, correo electrónico, teléfono/);
      assert.match(spanish, /Tenemos, pero por ley nunca enviamos: Números de Seguro Social/);
      assert.doesNotMatch(spanish, /Identifiers|Social Security/, 'no category or sensitive kind left in English');
    });
  });
}
