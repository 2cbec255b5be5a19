import type { Context } from 'hono';
import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { RequestId } from '../../shared/admin.ts';
import type { Site } from '../../shared/config.ts';
import { Disclosure } from '../../shared/disclosure.ts';
import { exportZip, exportIdentity } from '../datamap/export.ts';
import { RequestView, VerifyAnswer } from '../../shared/request-view.ts';
import {
  IntakeAnswer, IntakeBody, StatusSecretQuery, VerifyBody, VerifyForm, type DenialBasis, type Jurisdiction, type RequestStatus,
  type StaffWait,
} from '../../shared/requests.ts';
import { uiLanguage, type UiLanguage } from '../../shared/ui-languages.ts';
import { rightsRequests } from '../db/schema.ts';
import { findSite, type AppDeps } from '../deps.ts';
import { originMatchesSite, siteCors } from '../middleware/site-cors.ts';
import { limitBody, problem, readBody, readQuery } from '../middleware/validate.ts';
import { manualFulfilment } from '../requests/fulfilment.ts';
import { createIntakeWriter, submitRequest } from '../requests/intake.ts';
import { linkBase, timeZoneOf } from '../requests/links.ts';
import { verifyBodyOfForm } from '../requests/status-page/form.ts';
import { renderStatusPage, statusPagePolicy } from '../requests/status-page/render.ts';
import { statusStrings, type PageError } from '../requests/status-page/strings.ts';
import { resultText } from '../requests/result-text.ts';
import { smtpUrlOf } from '../requests/mailer.ts';
import { acceptedLanguages } from '../services/accept-language.ts';
import { queueItem } from '../requests/queue.ts';
import { statusSecretMatches, unseal } from '../requests/secrets.ts';
import type { Refusal, RequestRow } from '../requests/transitions.ts';
import { verifyRequest, waitsForStaff } from '../requests/verification.ts';
import type { RouteGroup } from './openapi.ts';

/** An agent's permission can be a long signed text; nothing else comes near this. */
const maxIntakeBytes = 32 * 1024;

/** The consumer's side: the status link carries the request's id and its secret. */
export const requestApi: RouteGroup = {
  operations: [
    {
      method: 'post', path: '/v1/requests', summary: 'Make a rights request (JSON or text/plain); an open one of the same person and type is answered instead',
      body: IntakeBody, response: IntakeAnswer, creates: true,
    },
    {
      method: 'post', path: '/v1/requests/:id/verify', params: { id: RequestId },
      summary: 'Verify the request with the mailed code or an account token, or ask for a new code; the status page posts it as a form and is redirected back (303)',
      body: VerifyBody, form: VerifyForm, response: VerifyAnswer,
    },
    {
      method: 'get', path: '/v1/requests/:id/export.zip', params: { id: RequestId }, query: StatusSecretQuery,
      summary: 'The full answer to a request for specific pieces of information: JSON and CSV per table, zipped', response: 'application/zip',
    },
    {
      method: 'get', path: '/v1/requests/:id', params: { id: RequestId }, query: StatusSecretQuery,
      summary: 'Where the request stands and, once complete, its result: JSON, or the status page for an Accept of text/html',
      response: [RequestView, 'text/html'],
    },
  ],
};

export function requestRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  const mailing = { smtp: smtpUrlOf(config) !== undefined };
  const fulfilment = deps.fulfilment ?? manualFulfilment;
  const writer = createIntakeWriter(db);

  return new Hono()
    .use('/v1/requests', siteCors(config), limitBody(maxIntakeBytes))
    .use('/v1/requests/*', siteCors(config), limitBody(8 * 1024))
    .post('/v1/requests', async (c) => {
      const body = await readBody(c, IntakeBody, { allowTextPlain: true });
      if (!body.ok) return body.response;
      const site = findSite(config, body.value.site);
      if (!site) return problem(c, 400, 'invalid body', [`site: no site "${body.value.site}" is configured`]);
      if (!originMatchesSite(c.req.header('origin'), site.origins)) {
        return problem(c, 403, `this origin may not make requests for site "${site.id}"`);
      }
      const intake = { ...body.value, lang: body.value.lang ?? uiLanguage('', browserLanguages(c)) };
      const outcome = await submitRequest({ db, config, mailing, writer, now: clock(), base: linkBase(config, c.req.url) }, site, intake);
      return c.json(outcome.answer, outcome.created ? 201 : 200);
    })
    .post('/v1/requests/:id/verify', async (c) => {
      if (isFormPost(c)) return verifyFromStatusPage(c);
      const found = await findRequest(c, deps);
      if (found instanceof Response) return found;
      const body = await readBody(c, VerifyBody, { allowTextPlain: true });
      if (!body.ok) return body.response;
      const outcome = await verify(c, found, body.value);
      if (!outcome.ok) return refuse(c, outcome);
      return c.json(verifyAnswer(outcome.row, outcome.waitingFor));
    })
    .get('/v1/requests/:id/export.zip', async (c) => {
      const found = await findBySecret(c, deps);
      if (found instanceof Response) return found;
      const disclosure = found.row.resultData ? Disclosure.safeParse(JSON.parse(unseal(found.site, found.row.id, found.row.resultData))) : undefined;
      if (!disclosure?.success || !disclosure.data.download || !deps.stores) return problem(c, 409, 'this request has no download: it is not a completed request for specific pieces of information');
      const body = exportZip({ stores: deps.stores.list, dbOf: (open) => open.db, who: exportIdentity(disclosure.data), window: { from: new Date(disclosure.data.window.from) }, disclosure: disclosure.data });
      return new Response(body, { headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="personal-information-${found.row.id}.zip"`,
        'cache-control': 'no-store',
      } });
    })
    .get('/v1/requests/:id', async (c) => {
      const found = await findBySecret(c, deps);
      if (found instanceof Response) return found;
      const lang = pageLanguage(c, found.row);
      const view = consumerView(found.site, found.row, deps, clock(), lang);
      if (!wantsHtml(c)) return c.json(view);
      return statusPage(c, found, view, { lang, secret: c.req.query('secret')! });
    });

  async function verify(c: Context, found: { row: RequestRow; site: Site }, body: VerifyBody) {
    const outcome = await verifyRequest({ db, config, mailing, fulfilment, now: clock(), base: linkBase(config, c.req.url) }, found.site, found.row, body);
    if (outcome.ok && outcome.row.status === 'in_progress') deps.nudgeFulfilment?.();
    return outcome;
  }

  /** The status page's form: on success back to the page (post, redirect, get), otherwise the page saying what went wrong. */
  async function verifyFromStatusPage(c: Context): Promise<Response> {
    const form = VerifyForm.safeParse(await c.req.parseBody());
    if (!form.success) return problem(c, 400, 'invalid form', form.error.issues.map((issue) => issue.message));
    const found = await findRequest(c, deps);
    if (found instanceof Response) return found;
    if (!statusSecretMatches(found.site, found.row.id, form.data.secret)) return notFound(c);
    const page = { lang: form.data.lang, secret: form.data.secret };
    const body = verifyBodyOfForm(form.data);
    if (!body.ok) return statusPage(c, found, consumerView(found.site, found.row, deps, clock(), page.lang), { ...page, error: body.problem }, 400);
    const outcome = await verify(c, found, body.body);
    if (!outcome.ok) return statusPage(c, found, consumerView(found.site, found.row, deps, clock(), page.lang), { ...page, error: outcome.reason }, outcome.status);
    return c.redirect(`/v1/requests/${found.row.id}?secret=${encodeURIComponent(form.data.secret)}&lang=${form.data.lang}`, 303);
  }

  function statusPage(c: Context, found: { row: RequestRow; site: Site }, view: RequestView, page: { lang: UiLanguage; secret: string; error?: PageError }, status = 200) {
    c.header('content-security-policy', statusPagePolicy);
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const timeZone = timeZoneOf(config, found.row.jurisdiction as Jurisdiction | null);
    return c.html(renderStatusPage(view, { ...page, timeZone, staffReason: waitsForStaff(found.row, config) }), status as 200);
  }
}

const isFormPost = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';

/** A browser following the status link asks for HTML first; scripts and services get the JSON. */
function wantsHtml(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  return /^\s*text\/html/i.test(accept);
}

const browserLanguages = (c: Context) => acceptedLanguages(c.req.header('accept-language'));

/** The language asked for in the link, else the browser's, else the one the request was made in. */
function pageLanguage(c: Context, row: RequestRow): UiLanguage {
  return uiLanguage(c.req.query('lang') ?? '', [...browserLanguages(c), row.lang]);
}

/** An unknown id and a wrong secret answer the same, so the status route says nothing about who asked what. */
const notFound = (c: Context) => problem(c, 404, 'no request with this id and secret');

async function findRequest(c: Context, { db, config }: AppDeps): Promise<{ row: RequestRow; site: Site } | Response> {
  const id = c.req.param('id');
  if (!RequestId.safeParse(id).success) return problem(c, 400, 'invalid path', ['id: a request id is a UUID']);
  const [row] = await db.select().from(rightsRequests).where(eq(rightsRequests.id, id!));
  const site = row && findSite(config, row.site);
  return row && site ? { row, site } : notFound(c);
}

/** A request as the consumer reaches it: by its id and the secret of its status link. */
async function findBySecret(c: Context, deps: AppDeps): Promise<{ row: RequestRow; site: Site } | Response> {
  const found = await findRequest(c, deps);
  if (found instanceof Response) return found;
  const query = readQuery(c, StatusSecretQuery);
  if (!query.ok) return query.response;
  return statusSecretMatches(found.site, found.row.id, query.value.secret) ? found : notFound(c);
}

export function refuse(c: Context, refusal: Refusal): Response {
  return problem(c, refusal.status, refusal.error, refusal.field ? [`${refusal.field}: ${refusal.error}`] : undefined);
}

/** What the consumer sees, in `lang`: where the request stands and, once complete, the result handed over. */
function consumerView(site: Site, row: RequestRow, deps: AppDeps, now: Date, lang: UiLanguage): RequestView {
  const item = queueItem(row, deps.config, now);
  return {
    id: row.id, type: item.type, jurisdiction: row.jurisdiction as Jurisdiction | null, lang: row.lang, status: row.status as RequestStatus,
    receivedAt: item.receivedAt, acknowledgeBy: row.acknowledgeBy?.toISOString() ?? null, dueAt: item.dueAt,
    extension: row.extendedDueAt ? { reason: row.extensionReason } : null,
    waitingFor: item.waitingFor,
    respondedAt: row.closedAt?.toISOString() ?? null,
    outcome: row.outcome as RequestView['outcome'],
    denial: row.denialBasis ? { basis: row.denialBasis as DenialBasis, explanation: row.denialExplanation } : null,
    result: row.resultSummary ? { summary: resultText(row.resultSummary, row.resultFacts, lang), data: resultData(site, row) } : null,
  };
}

type ResultData = NonNullable<RequestView['result']>['data'];
const resultData = (site: Site, row: RequestRow): ResultData => (row.resultData ? JSON.parse(unseal(site, row.id, row.resultData)) as ResultData : null);

/** The verify route's JSON answer; why a person must still act is said in English, as staff read it. */
function verifyAnswer(row: RequestRow, waitingFor: StaffWait | undefined): VerifyAnswer {
  return { id: row.id, status: row.status as RequestStatus, verified: row.evidence.points, waitingFor: waitingFor ? statusStrings.en.staffWaits[waitingFor] : null };
}
