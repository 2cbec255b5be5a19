import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { parseConfig } from '../../collector/config/load.ts';
import { dispatchFulfilment } from '../../collector/requests/fulfilment.ts';
import { statusSecret } from '../../collector/requests/secrets.ts';
import { databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { siteOrigin, siteSecret } from '../helpers/fixtures.ts';
import type { ReadableMail } from '../../shared/admin.ts';
import { codeIn, mailOf, newEmail, startRequests, type RequestsHarness } from '../helpers/requests.ts';
import { acmeStore, addCustomer, createAcmeStore } from '../helpers/store-fixture.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/\s+/g, ' ');
const customer = (name: string) => ({ email: newEmail(name).toLowerCase(), name: `${name} Doe`, phone: '415-555-0134', ssn: '123-45-6789', orders: 2, activity: 3 });
/** The link a mail ends with, as a path on the collector. */
const linkIn = (mail: ReadableMail) => { const url = new URL(/(http\S+)\n$/.exec(mail.text ?? '')![1]!); return url.pathname + url.search; };

/** The migration that gave requests a language, as Drizzle runs it: statement by statement. */
function languageMigration(): string[] {
  const folder = new URL('../../collector/db/migrations/', import.meta.url);
  const file = readdirSync(folder).find((name) => name.endsWith('.sql') && readFileSync(new URL(name, folder), 'utf8').includes('ADD COLUMN "lang"'));
  assert.ok(file, 'a migration adds rights_requests.lang');
  return readFileSync(new URL(file, folder), 'utf8').split('--> statement-breakpoint');
}

/** A request completed before requests kept a language: the table as it was then, the row, then the migration. */
async function addRequestFromBefore(database: TestDatabase, id: string, email: string): Promise<void> {
  await database.db.execute(sql`alter table rights_requests drop column lang, drop column result_facts`);
  await database.db.execute(sql`insert into rights_requests (id, site, type, jurisdiction, channel, status, priority, email_hash, evidence,
      received_at, acknowledged_at, due_at, current_due_at, verified_at, closed_at, outcome, result_summary, fulfilment)
    values (${id}, 'shop', 'delete', 'ccpa', 'web', 'completed', 0, ${`hash-of-${email}`}, '{"points":["email"]}'::jsonb,
      now() - interval '20 days', now() - interval '20 days', now() + interval '25 days', now() + interval '25 days',
      now() - interval '19 days', now() - interval '18 days', 'complied', 'We deleted your account and your newsletter subscription.', 'manual')`);
  for (const statement of languageMigration()) await database.db.execute(sql.raw(statement));
}

const shopConfig = (database: TestDatabase) => parseConfig({
  sites: [{ id: 'shop', origins: [siteOrigin], secret: siteSecret, vendors: [] }], stores: [acmeStore(database.url)],
  requests: { code: { resendCooldownSeconds: 0 } },
});

async function pageOf(h: RequestsHarness, path: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${h.collector.url}${path}`, { headers: { accept: 'text/html', ...headers } });
  assert.equal(response.status, 200);
  return response.text();
}

for (const kind of databaseKinds) {
  describe(`a request remembers the consumer's language on ${kind}`, () => {
    let h: RequestsHarness;
    const maria = customer('maria');
    const ana = customer('ana');
    const lee = customer('lee');
    const rosa = customer('rosa');
    before(async () => {
      h = await startRequests(kind, {
        prepare: async (database) => {
          await createAcmeStore(database);
          for (const person of [maria, ana, lee, rosa]) await addCustomer(database, person);
        },
        config: (database) => shopConfig(database),
      });
    });
    after(() => h.close());
    const page = (path: string, headers?: Record<string, string>) => pageOf(h, path, headers);
    const fulfil = async () => {
      const deps = { config: h.collector.deps.config, mailing: { smtp: false }, now: new Date(), base: h.collector.url };
      while (await dispatchFulfilment(h.collector.deps.db, deps, h.collector.deps.fulfilment!) > 0);
    };
    /** Files a request, confirms it with the mailed code and the name and phone the shop holds, and carries it out. */
    const carryOut = async (person: typeof maria, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', email: person.email, ...body }, headers);
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const [receipt] = await mailOf(h.admin, filed.body.id);
      const verified = await h.api.post(`/v1/requests/${filed.body.id}/verify`, { code: codeIn(receipt!.text), dataPoints: { name: person.name, phone: person.phone } });
      assert.equal(verified.body.status, 'in_progress', JSON.stringify(verified.body));
      await fulfil();
      const mails = await mailOf(h.admin, filed.body.id);
      return { id: filed.body.id as string, receipt: receipt!, result: mails[0]!, mails };
    };

    test('a request made in Spanish gets its receipt, its new code and its result in Spanish, and a Spanish page from the mailed link', async () => {
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email: maria.email, lang: 'es' });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const [receipt] = await mailOf(h.admin, filed.body.id);
      assert.equal(receipt!.subject, 'Confirme su solicitud de privacidad');
      assert.match(receipt!.text!, /^Recibimos el \d{4}-\d{2}-\d{2} una solicitud para eliminar su información personal\./);
      assert.match(receipt!.text!, /Para confirmar que es usted, escriba este código: \d{6}\n.*Responderemos a más tardar el \d{4}-\d{2}-\d{2}\.\n\nSiga su solicitud en /s);
      assert.doesNotMatch(receipt!.text!, /We |Follow your request/);

      assert.equal((await h.api.post(`/v1/requests/${filed.body.id}/verify`, { resend: true })).status, 200);
      const [code] = await mailOf(h.admin, filed.body.id);
      assert.equal(code!.subject, 'Su nuevo código de confirmación');
      assert.match(code!.text!, /^Su nuevo código es \d{6}\. Es válido durante 30 minutos/);

      const verified = await h.api.post(`/v1/requests/${filed.body.id}/verify`, { code: codeIn(code!.text), dataPoints: { name: maria.name, phone: maria.phone } });
      assert.equal(verified.body.status, 'in_progress', JSON.stringify(verified.body));
      await fulfil();
      const [result] = await mailOf(h.admin, filed.body.id);
      assert.equal(result!.subject, 'Su solicitud de privacidad está completada');
      assert.match(result!.text!, /^Hicimos lo que nos pidió: eliminar su información personal\.\n\nEliminamos o desidentificamos su información en [a-z_, ]*customers[a-z_, ]*\. /);
      assert.match(result!.text!, /Conservamos 2 registros de orders hasta el \d{4}-\d{2}-\d{2}, sin los datos que permiten identificarle, como exige la ley: tax records\./);
      assert.doesNotMatch(result!.text!, /We (deleted|keep)|Your opt-out/);

      const spanish = text(await page(linkIn(result!)));
      assert.match(spanish, /Su solicitud de privacidad .* El resultado Eliminamos o desidentificamos su información en [a-z_, ]*customers/);
      assert.doesNotMatch(spanish, /We deleted|We keep|opt-out choices/, 'no English sentence on the Spanish page');
      const english = text(await page(linkIn(result!).replace('lang=es', 'lang=en')));
      assert.match(english, /The result We deleted or de-identified your information in [a-z_, ]*customers.* We keep 2 orders records for tax records until/);
      assert.doesNotMatch(english, /Eliminamos|Conservamos/, 'the same request in English on the English page');

      const json = await h.api.get(linkIn(result!), { accept: 'application/json' });
      assert.equal(json.body.lang, 'es');
      const detail = await h.admin.get(`/v1/admin/requests/${filed.body.id}`);
      assert.equal(detail.body.lang, 'es', 'staff see which language to write in');
      assert.match(detail.body.resultSummary, /^We deleted or de-identified/, 'the §7101 record keeps the English sentence');
    });

    test('with no lang in the body, the browser\'s language decides: a know request from a Spanish browser is answered in Spanish', async () => {
      const done = await carryOut(ana, { type: 'know-categories' }, { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' });
      assert.equal(done.receipt.subject, 'Confirme su solicitud de privacidad');
      assert.match(done.result.text!, /^Hicimos lo que nos pidió: conocer las categorías de información personal que tenemos sobre usted\.\n\nEncontramos \d+ registros sobre usted en \d+ tablas \([^)]*\bidentificadores\b[^)]*\)\.\n/);
      const spanish = text(await page(linkIn(done.result)));
      assert.match(spanish, /El resultado Encontramos \d+ registros sobre usted en \d+ tablas \([^)]*información comercial[^)]*\)/);
      assert.doesNotMatch(spanish, /We found/);
      const english = text(await page(linkIn(done.result).replace('lang=es', 'lang=en')));
      assert.match(english, /The result We found \d+ records about you in \d+ tables \([^)]*commercial information[^)]*\)/);
    });

    test('a request from an English browser gets English mails and an English result', async () => {
      const done = await carryOut(lee, { type: 'delete' }, { 'accept-language': 'en-US,en;q=0.9' });
      assert.equal(done.receipt.subject, 'Confirm your privacy request');
      assert.match(done.receipt.text!, /^We received a request on \d{4}-\d{2}-\d{2} to delete your personal information\./);
      assert.equal(done.result.subject, 'Your privacy request is complete');
      assert.match(done.result.text!, /^We did what you asked: delete your personal information\.\n\nWe deleted or de-identified your information in [a-z_, ]*customers[a-z_, ]*\. /);
      assert.match(done.result.text!, /Follow your request at \S+&lang=en\n$/);
      const english = text(await page(linkIn(done.result)));
      assert.match(english, /The result We deleted or de-identified your information in [a-z_, ]*customers/);
      assert.doesNotMatch(english, /Eliminamos|Su solicitud/);
    });

    test('a correction and an opt-out made in Spanish are told in Spanish, and read in the language of the page', async () => {
      const fixed = await carryOut(rosa, { type: 'correct', lang: 'es', details: { inaccurate: 'my phone', correction: 'the new one', fields: { phone: '415-555-0177' } } });
      assert.match(fixed.result.text!, /^Hicimos lo que nos pidió: corregir su información personal\.\n\nCorregimos el teléfono en todos nuestros registros \(1 tabla\)\./);
      assert.doesNotMatch(fixed.result.text!, /415-555-0177/, '§7023: never the value');
      assert.match(text(await page(linkIn(fixed.result))), /El resultado Corregimos el teléfono en todos nuestros registros/);
      assert.match(text(await page(linkIn(fixed.result).replace('lang=es', 'lang=en'))), /The result We corrected phone number wherever we hold it \(1 table\)\./);

      const optOut = await h.api.post('/v1/requests', { site: 'shop', type: 'opt-out', email: newEmail('opt'), lang: 'es' });
      assert.equal(optOut.status, 201, JSON.stringify(optOut.body));
      const [applied] = await mailOf(h.admin, optOut.body.id);
      assert.equal(applied!.subject, 'Su solicitud de exclusión está en vigor');
      assert.match(applied!.text!, /^Su solicitud para no permitir la venta ni el intercambio de su información personal entró en vigor el \d{4}-\d{2}-\d{2}\./);
      assert.match(text(await page(linkIn(applied!))), /Completada .* El resultado La aplicamos a los registros de sus opciones de privacidad en cuanto la recibimos\./);
    });

    test('the browser\'s weights decide, not the order it lists languages in; a language it refuses, `*` and garbage are passed over', async () => {
      const receiptFor = async (acceptLanguage: string) => {
        const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email: newEmail('weights') }, { 'accept-language': acceptLanguage });
        assert.equal(filed.status, 201, `${acceptLanguage}: ${JSON.stringify(filed.body)}`);
        return (await mailOf(h.admin, filed.body.id))[0]!.subject;
      };
      const spanish = 'Confirme su solicitud de privacidad';
      const english = 'Confirm your privacy request';
      for (const [header, subject] of [
        ['en;q=0.2, es-MX;q=0.8', spanish],
        ['en-US;q=0.5,es;q=1.0', spanish],
        ['es;q=0, en-GB;q=0.5, *', english],
        ['*, fr-CA, es;q=0.4', spanish],
        ['en;q=high, es', spanish],
        ['¿qué?, ;;, es;q=2, =', english],
      ] as const) assert.equal(await receiptFor(header), subject, header);

      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email: newEmail('page') });
      const path = linkIn((await mailOf(h.admin, filed.body.id))[0]!).replace(/&lang=\w+/, '');
      assert.match(await page(path, { 'accept-language': 'en;q=0.1, es' }), /<html lang="es">/, 'the page too goes by weight');
      assert.match(await page(path, { 'accept-language': 'es;q=0, *' }), /<html lang="en">/);
      for (const lang of ['fr', 'es-MX', 'ES']) {
        const refused = await h.api.get(`${path}&lang=${lang}`, { accept: 'text/html' });
        assert.equal(refused.status, 400, lang);
        assert.deepEqual(refused.body.issues, [`lang: "${lang}" is not a language requests are answered in; give one of en, es`]);
      }
    });

    test('the Spanish page says in Spanish why a person must act and why the request was denied; staff keep the code and English', async () => {
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'know-categories', email: newEmail('espera'), lang: 'es' });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const [receipt] = await mailOf(h.admin, filed.body.id);
      const verified = await h.api.post(`/v1/requests/${filed.body.id}/verify`, { code: codeIn(receipt!.text), dataPoints: { postalCode: '94110' } });
      assert.equal(verified.body.status, 'verifying', JSON.stringify(verified.body));
      assert.equal(verified.body.waitingFor, 'a person matches the details you gave against what we hold', 'the JSON answer says it in English');
      const spanishPath = linkIn(receipt!);
      const englishPath = spanishPath.replace('lang=es', 'lang=en');
      const waiting = text(await page(spanishPath));
      assert.match(waiting, /Por ahora no necesitamos nada más de usted: una persona compara los datos que nos dio con los que tenemos\./);
      assert.doesNotMatch(waiting, /\ba person\b|matches the details/, 'no English reason on the Spanish page');
      assert.match(text(await page(englishPath)), /Nothing more is needed from you now: a person matches the details you gave against what we hold\./);

      const explanation = 'No pudimos confirmar que la solicitud es suya.';
      assert.equal((await h.admin.post(`/v1/admin/requests/${filed.body.id}/deny`, { basis: 'unverifiable', explanation })).status, 200);
      const denied = text(await page(spanishPath));
      assert.match(denied, new RegExp(`Por qué no pudimos atenderla Fundamento: No pudimos verificar su identidad ${explanation}`));
      assert.doesNotMatch(denied, /unverifiable|Basis|identity/, 'neither the code nor English on the Spanish page');
      assert.match(text(await page(englishPath)), /Why we could not act on it Basis: We could not verify your identity /);
      const json = await h.api.get(spanishPath, { accept: 'application/json' });
      assert.deepEqual(json.body.denial, { basis: 'unverifiable', explanation }, 'the JSON gives the code');
      const detail = await h.admin.get(`/v1/admin/requests/${filed.body.id}`);
      assert.equal(detail.body.denialBasis, 'unverifiable', 'the §7101 record keeps the code');

      const exempt = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email: newEmail('exenta'), lang: 'es' });
      await h.admin.post(`/v1/admin/requests/${exempt.body.id}/deny`, { basis: 'exempt', explanation: 'Debemos conservar sus facturas.' });
      const exemptPath = linkIn((await mailOf(h.admin, exempt.body.id)).at(-1)!);
      assert.match(text(await page(exemptPath)), /Fundamento: Se aplica una excepción prevista en la ley Debemos conservar sus facturas\./);
      assert.match(text(await page(exemptPath.replace('lang=es', 'lang=en'))), /Basis: An exemption in the law applies /);
    });

    test('the status page\'s form says what went wrong in the page\'s language, never the API\'s English', async () => {
      const filed = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'know-specific', email: newEmail('formulario'), lang: 'es' });
      const secret = new URL(filed.body.statusUrl).searchParams.get('secret')!;
      const post = async (fields: Record<string, string>) => {
        const answer = await fetch(`${h.collector.url}/v1/requests/${filed.body.id}/verify`, {
          method: 'POST', body: new URLSearchParams({ secret, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(answer.status, 400);
        return text(await answer.text());
      };
      const signed = { declare: 'yes', signedName: 'Rosa Doe' };
      for (const [fields, spanish, english] of [
        [{ code: '000000', ...signed }, 'este código no es correcto', 'this code is not right'],
        [{ code: '12ab', ...signed }, 'el código son los seis dígitos del correo', 'the code is the six digits from the mail'],
        [{ code: '000000' }, 'una solicitud de datos concretos necesita la declaración firmada', 'a request for specific pieces of information needs the signed declaration'],
      ] as const) {
        const page = await post({ lang: 'es', ...fields });
        assert.match(page, new RegExp(`No funcionó: ${spanish}`));
        assert.doesNotMatch(page, /That did not work|not right|six digits|declaration|"resend"/, 'no English on the Spanish page');
        assert.match(await post({ lang: 'en', ...fields }), new RegExp(`That did not work: ${english}`));
      }
    });

    test('a language Cordon does not write in is refused, naming the field, and nothing is taken in', async () => {
      const email = newEmail('fr');
      for (const lang of ['fr', 'ES', 7]) {
        const refused = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email, lang });
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.body.issues, [`lang: ${JSON.stringify(lang)} is not a language requests are answered in; give one of en, es`]);
      }
      const queue = await h.admin.get(`/v1/admin/requests?status=open`);
      assert.ok(!JSON.stringify(queue.body).includes(email.toLowerCase()));
      const taken = await h.api.post('/v1/requests', { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email, lang: 'es' });
      assert.equal(taken.status, 201, 'the same request with a language Cordon writes in is taken in');
    });
  });

  describe(`requests from before requests kept a language, on ${kind}`, () => {
    let h: RequestsHarness;
    const before2026 = { id: randomUUID(), email: newEmail('old') };
    before(async () => {
      h = await startRequests(kind, { prepare: (database) => addRequestFromBefore(database, before2026.id, before2026.email) });
    });
    after(() => h.close());
    const page = (path: string) => pageOf(h, path);

    test('a request made before requests kept a language is English and still shows, its summary as it was written', async () => {
      const path = `/v1/requests/${before2026.id}?secret=${statusSecret(h.collector.deps.config.sites[0]!, before2026.id)}`;
      const json = await h.api.get(path, { accept: 'application/json' });
      assert.equal(json.status, 200);
      assert.equal(json.body.lang, 'en');
      assert.equal(json.body.result.summary, 'We deleted your account and your newsletter subscription.');
      const spanish = text(await page(`${path}&lang=es`));
      assert.match(spanish, /Completada .* El resultado We deleted your account and your newsletter subscription\./, 'what was written is shown as written');
      assert.match(text(await page(path)), /Status Done .* The result We deleted your account/);
      assert.equal((await h.admin.get(`/v1/admin/requests/${before2026.id}`)).body.lang, 'en');
    });
  });
}
