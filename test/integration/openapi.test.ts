import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { createApp } from '../../collector/app.ts';
import { signAccountToken } from '../../collector/services/account-token.ts';
import { createApiKey } from '../../collector/services/api-keys.ts';
import { startCollector, type RunningCollector } from '../helpers/collector.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { record, siteOrigin, siteSecret } from '../helpers/fixtures.ts';
import { client } from '../helpers/http.ts';
import { codeIn, intakeBody, mailOf, newEmail } from '../helpers/requests.ts';

type JsonSchema = { oneOf?: JsonSchema[]; properties?: Record<string, JsonSchema>; required?: string[]; const?: unknown };
interface OpenApiOperation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/**
 * Every route the app answers, as Hono registered it, in the document's spelling. `.use()` middleware is registered
 * under ALL and no handler is (each route names its method), so ALL entries are left out. Nothing else is: the
 * console's files and the browser scripts are served by the app too, and the document lists them.
 */
function registeredRoutes(app: ReturnType<typeof createApp>) {
  return app.routes.filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
}

function documentedRoutes(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
}

function operations(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ method, path, operation })));
}

/** What one operation declares it answers with 200, by media type. */
function answerContent(document: OpenApiDocument, method: string, path: string) {
  return document.paths[path]?.[method]?.responses?.['200']?.content ?? {};
}

/** Checks that an answer the route really sent has a media type the operation declares; returns that and the body. */
async function documentedAnswer(document: OpenApiDocument, method: string, path: string, answer: Response) {
  const where = `${method} ${path}`;
  assert.equal(answer.ok, true, `${where} answered ${answer.status}`);
  const content = answerContent(document, method, path);
  const media = answer.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  assert.ok(media in content, `${where} sent ${media}; the document declares ${Object.keys(content).join(', ') || 'nothing'}`);
  return { schema: content[media]?.schema, media, text: await answer.text() };
}

/** Checks that a JSON answer the route really sent parses with the schema the document declares for it; returns the body. */
async function documentedJson(document: OpenApiDocument, method: string, path: string, answer: Response) {
  const { schema, media, text } = await documentedAnswer(document, method, path, answer);
  const where = `${method} ${path}`;
  assert.equal(media, 'application/json', where);
  assert.ok(schema, `${where} declares JSON with no schema`);
  const parsed = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(JSON.parse(text));
  assert.ok(parsed.success, `${where}: the body does not parse with the document's schema: ${parsed.error && z.prettifyError(parsed.error)}`);
  return parsed.data as Record<string, any>;
}

/** The member of a discriminated union the document gives for one request type. */
function memberFor(schema: JsonSchema, type: string): JsonSchema {
  const member = schema.oneOf?.find((candidate) => candidate.properties?.type?.const === type);
  assert.ok(member, `the document has no body for a ${type} request`);
  return member;
}

for (const kind of databaseKinds) {
  describe(`openapi.json on ${kind}`, () => {
    let collector: RunningCollector;
    let document: OpenApiDocument;
    before(async () => {
      collector = await startCollector(kind);
      const answer = await fetch(`${collector.url}/openapi.json`);
      assert.equal(answer.status, 200);
      document = await answer.json() as OpenApiDocument;
    });
    after(() => collector.close());

    test('lists every route the app registers, with its method, and nothing it does not', () => {
      const registered = registeredRoutes(createApp(collector.deps));
      assert.ok(registered.includes('POST /v1/requests') && registered.includes('GET /v1/admin/requests/{id}'));
      const documented = documentedRoutes(document);
      assert.deepEqual(registered.filter((route) => !documented.includes(route)), [], 'registered but not documented');
      assert.deepEqual(documented.filter((route) => !registered.includes(route)), [], 'documented but not registered');
    });

    test('is an OpenAPI 3.1 document: info, paths, and each operation with its responses and path parameters', () => {
      assert.match(document.openapi, /^3\.1\.\d+$/);
      assert.equal(typeof document.info.title, 'string');
      assert.equal(typeof document.info.version, 'string');
      for (const { method, path, operation } of operations(document)) {
        const where = `${method} ${path}`;
        assert.ok(['get', 'post', 'put', 'patch', 'delete'].includes(method), where);
        const responses = Object.entries(operation.responses ?? {});
        assert.ok(responses.some(([code]) => /^2/.test(code)), `${where} has no success response`);
        for (const [code, response] of responses) assert.equal(typeof response.description, 'string', `${where} ${code}`);
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          assert.ok(operation.parameters?.some((parameter) => parameter.name === name && parameter.in === 'path' && parameter.required), `${where} does not describe {${name}}`);
        }
      }
    });

    test('every operation declares what it answers: a JSON schema, or media types', () => {
      const silent = operations(document)
        .filter(({ method, path }) => Object.keys(answerContent(document, method, path)).length === 0)
        .map(({ method, path }) => `${method} ${path}`);
      assert.deepEqual(silent, [], 'operations that do not say what they answer');
    });

    test('what the routes send is what the document says: a media type it declares, a JSON body its schema parses', async () => {
      const { key } = await createApiKey(collector.deps.db, { name: 'openapi', admin: true });
      const send = (method: 'GET' | 'POST', url: string, body?: unknown) => fetch(`${collector.url}${url}`, {
        method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: { authorization: `Bearer ${key}`, origin: siteOrigin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      });
      type Call = { query?: string; body?: unknown };
      const json = async (method: 'GET' | 'POST', path: string, { query, body }: Call = {}) =>
        documentedJson(document, method.toLowerCase(), path, await send(method, query ? `${path}?${query}` : path, body));
      const other = async (url: string, path: string) => (await documentedAnswer(document, 'get', path, await send('GET', url))).text;

      const sent = record();
      assert.equal((await json('POST', '/v1/records', { body: sent })).stored[0].duplicate, false);
      assert.equal((await json('POST', '/v1/records', { body: [sent] })).stored[0].duplicate, true, 'sent again');
      const email = newEmail();
      const token = signAccountToken(siteSecret, { account: 'acct-openapi', exp: Math.floor(Date.now() / 1000) + 600, email });
      await json('POST', '/v1/identify', { body: { site: 'shop', deviceId: sent.deviceId, token } });
      // An opt-out request puts the address on the suppression list and mails the consumer: both lists have something.
      assert.equal((await send('POST', '/v1/requests', intakeBody({ type: 'opt-out', email }))).status, 201);

      await json('GET', '/healthz');
      await json('GET', '/.well-known/gpc.json');
      await json('GET', '/openapi.json');
      assert.equal((await json('GET', '/v1/admin/audit/verification')).intact, true);
      assert.ok((await json('GET', '/v1/admin/mail')).mail.length > 0, 'no mail to check');
      assert.ok((await json('GET', '/v1/admin/suppression', { query: 'site=shop' })).entries.length > 0, 'no suppression entries');
      assert.match(await other('/v1/admin/suppression?site=shop&format=csv', '/v1/admin/suppression'), /^email_hmac_sha256,/);
      assert.deepEqual((await json('POST', '/v1/admin/suppression/check', { body: { site: 'shop', emails: [email] } })).suppressed, [email.toLowerCase()]);
      await other(`/v1/admin/metrics?year=${new Date().getUTCFullYear()}&format=csv`, '/v1/admin/metrics');
      await other('/console/console.js', '/console/{file}');
      await other('/console/console.css', '/console/{file}');
    });

    test('what a consumer\'s request routes send is what the document says: the status link\'s JSON and page, and each verify answer', async () => {
      const { key } = await createApiKey(collector.deps.db, { name: 'openapi-requests', admin: true });
      const admin = client(collector.url, { authorization: `Bearer ${key}` });
      const status = '/v1/requests/{id}';
      const verifyPath = '/v1/requests/{id}/verify';
      const request = (path: string, url: string, init: RequestInit = {}) => fetch(`${collector.url}${url}`, init)
        .then((answer) => documentedJson(document, init.method?.toLowerCase() ?? 'get', path, answer));
      const verify = (id: string, body: unknown) => request(verifyPath, `/v1/requests/${id}/verify`, {
        method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
      });
      const file = async (email = newEmail()) => {
        const answer = await fetch(`${collector.url}/v1/requests`, {
          method: 'POST', body: JSON.stringify(intakeBody({ email, lang: 'es' })), headers: { 'content-type': 'application/json', origin: siteOrigin },
        });
        const filed = await documentedJson(document, 'post', '/v1/requests', answer);
        return { id: filed.id as string, url: new URL(filed.statusUrl as string) };
      };
      const view = async (url: URL) => request(status, url.pathname + url.search, { headers: { accept: 'application/json' } });

      const done = await file();
      assert.equal((await view(done.url)).status, 'verifying');
      const page = await documentedAnswer(document, 'get', status, await fetch(done.url, { headers: { accept: 'text/html' } }));
      assert.equal(page.media, 'text/html');
      const code = codeIn((await mailOf(admin, done.id))[0]!.text);
      const waiting = await verify(done.id, { code });
      assert.deepEqual([waiting.status, typeof waiting.waitingFor], ['verifying', 'string'], 'a delete asks for a second detail, which a person matches');
      assert.equal((await admin.post(`/v1/admin/requests/${done.id}/approve`, { reason: 'the order history matches' })).status, 200);
      const data = { orders: [{ id: 7 }] };
      assert.equal((await admin.post(`/v1/admin/requests/${done.id}/complete`, { outcome: 'complied', summary: 'Hemos eliminado su cuenta.', data })).status, 200);
      const result = await view(done.url);
      assert.deepEqual([result.status, result.outcome, result.result], ['completed', 'complied', { summary: 'Hemos eliminado su cuenta.', data }]);

      const email = newEmail();
      const refused = await file(email);
      const accountToken = signAccountToken(siteSecret, { account: 'acct-verify', exp: Math.floor(Date.now() / 1000) + 600, email });
      assert.deepEqual(await verify(refused.id, { accountToken }), { id: refused.id, status: 'in_progress', verified: ['account'], waitingFor: null });
      assert.equal((await admin.post(`/v1/admin/requests/${refused.id}/deny`, { basis: 'exempt', explanation: 'Debemos conservar sus facturas.' })).status, 200);
      assert.deepEqual((await view(refused.url)).denial, { basis: 'exempt', explanation: 'Debemos conservar sus facturas.' });
    });

    test('POST /v1/requests accepts a body valid by the document and refuses, with 400, one missing a field the document requires', async () => {
      const schema = document.paths['/v1/requests']?.post?.requestBody?.content['application/json']?.schema;
      assert.ok(schema, 'POST /v1/requests has no JSON body schema');
      const valid = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
      const api = client(collector.url);
      const bodies = [
        intakeBody(),
        intakeBody({ type: 'correct', details: { inaccurate: 'my address', correction: '1 Main St, Sacramento' } }),
        intakeBody({ type: 'know-specific', window: 'since-2022' }),
      ];
      for (const body of bodies) {
        assert.ok(valid.safeParse(body).success, `${body.type}: not valid by the document`);
        assert.equal((await api.post('/v1/requests', body)).status, 201, body.type);
        const required: string[] = memberFor(schema, body.type).required ?? [];
        assert.ok(required.includes('email'), `${body.type}: the document requires no email`);
        for (const field of required) {
          const missing: Record<string, unknown> = { ...body };
          delete missing[field];
          assert.equal(valid.safeParse(missing).success, false, `${body.type} without ${field}: valid by the document`);
          assert.equal((await api.post('/v1/requests', missing)).status, 400, `${body.type} without ${field}`);
        }
      }
    });

    test('every admin route asks for an admin key by the bearer scheme', () => {
      const admin = operations(document).filter(({ path }) => path.startsWith('/v1/admin/'));
      assert.ok(admin.length > 0);
      for (const { method, path, operation } of admin) {
        assert.deepEqual(operation.security, [{ apiKey: ['admin'] }], `${method} ${path}`);
      }
      const { type, scheme } = document.components.securitySchemes.apiKey ?? {};
      assert.deepEqual({ type, scheme }, { type: 'http', scheme: 'bearer' });
    });
  });
}
