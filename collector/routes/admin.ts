import type { Context } from 'hono';
import { Hono } from 'hono';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  AdminPreview, AdminPreviewBody, AdminRequestDetail, AdminSites, MailPage, Metrics, OptOutRate, OptOutRateQuery, QueueItem, QueuePage,
  RequestId,
} from '../../shared/admin.ts';
import { AuditVerification, SignedAttestation } from '../../shared/attestation.ts';
import type { Site } from '../../shared/config.ts';
import {
  AdminApproveBody, AdminCompleteBody, AdminDenyBody, AdminExtendBody, MetricsQuery, QueueQuery, type DenialBasis, type Jurisdiction,
} from '../../shared/requests.ts';
import type { Db } from '../db/connect.ts';
import { auditEvents, rightsRequests } from '../db/schema.ts';
import { findSite, type AppDeps } from '../deps.ts';
import { requireApiKey, type ApiKeyEnv } from '../middleware/api-key.ts';
import { limitBody, problem, readBody, readQuery } from '../middleware/validate.ts';
import { attestRequest } from '../requests/attestation.ts';
import { openContact } from '../requests/contact.ts';
import { verifyAuditChain } from '../services/audit-chain.ts';
import { approve, completionRefusal, deny, extend, type Decision, type DecisionDeps } from '../requests/decisions.ts';
import { completeRequest } from '../requests/fulfilment.ts';
import { linkBase } from '../requests/links.ts';
import { readMail, smtpUrlOf } from '../requests/mailer.ts';
import { metricsCsv, yearMetrics } from '../requests/metrics.ts';
import { previewDecision } from '../requests/preview.ts';
import { decodeCursor, listQueue, queueItem } from '../requests/queue.ts';
import { optOutRate } from '../services/opt-out-rate.ts';
import { RequestConflict, type RequestRow } from '../requests/transitions.ts';
import { refuse } from './requests.ts';
import { deliveryOperations, deliveryRoutes } from './deliveries.ts';
import { suppressionOperations, suppressionRoutes } from './suppression.ts';
import { requestResults } from '../datamap/request-results.ts';
import type { RouteGroup } from './openapi.ts';

/** Results of know requests can be large; 1 MB keeps one answer in memory comfortably. */
const maxAdminBodyBytes = 1024 * 1024;
const MailQuery = z.strictObject({
  request: z.uuid().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const MetricsCsvQuery = MetricsQuery.omit({ format: true });

/** What the privacy-ops console at /console reads and does. */
export const adminApi: RouteGroup = {
  apiKey: 'admin',
  operations: [
    { method: 'get', path: '/v1/admin/requests', summary: 'The request queue, nearest deadline first, with the deadline clock; filtered, cursor-paged', query: QueueQuery, response: QueuePage },
    {
      method: 'get', path: '/v1/admin/requests/:id', params: { id: RequestId }, response: AdminRequestDetail,
      summary: 'One request: deadlines, evidence, contact while open, history, per-store results and partner notices',
    },
    {
      method: 'post', path: '/v1/admin/requests/:id/preview', params: { id: RequestId }, body: AdminPreviewBody, response: AdminPreview,
      summary: 'What an action would tell the consumer (the mail) and where the request would stand; changes nothing',
    },
    {
      method: 'get', path: '/v1/admin/requests/:id/attestation', params: { id: RequestId }, response: SignedAttestation,
      summary: 'The signed attestation of what was done for a closed request (409 while it is open)',
    },
    { method: 'get', path: '/v1/admin/audit/verification', response: AuditVerification, summary: 'Whether the audit chain is intact, as `cordon verify-audit` checks it' },
    ...suppressionOperations,
    ...deliveryOperations,
    { method: 'post', path: '/v1/admin/requests/:id/approve', params: { id: RequestId }, body: AdminApproveBody, response: QueueItem, summary: 'Take the step a person owns: settle the law and type of a request under review, or confirm the consumer\'s identity' },
    { method: 'post', path: '/v1/admin/requests/:id/deny', params: { id: RequestId }, body: AdminDenyBody, response: QueueItem, summary: 'Deny a request, with the basis the consumer is told' },
    { method: 'post', path: '/v1/admin/requests/:id/extend', params: { id: RequestId }, body: AdminExtendBody, response: QueueItem, summary: 'Extend the due date once, telling the consumer why' },
    { method: 'post', path: '/v1/admin/requests/:id/complete', params: { id: RequestId }, body: AdminCompleteBody, response: QueueItem, summary: 'Complete a request, with what was done and the result handed over' },
    { method: 'get', path: '/v1/admin/metrics', query: MetricsQuery, response: [Metrics, 'text/csv'], summary: 'The §7102 metrics of a calendar year (CSV with format=csv)' },
    { method: 'get', path: '/v1/admin/sites', summary: 'The configured sites', response: AdminSites },
    { method: 'get', path: '/v1/admin/opt-out-rate', query: OptOutRateQuery, response: OptOutRate, summary: 'Per site and week, browsers that chose and how many ended the week opted out' },
    { method: 'get', path: '/v1/admin/metrics.csv', query: MetricsCsvQuery, response: 'text/csv', summary: 'The §7102 metrics of a calendar year as CSV' },
    { method: 'get', path: '/v1/admin/mail', query: MailQuery, response: MailPage, summary: 'The requests\' mail, newest first, opened where it is still held (kept without SMTP, or not yet sent)' },
  ],
};

type Env = ApiKeyEnv;

export function adminRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  const mailing = { smtp: smtpUrlOf(config) !== undefined };
  const decisionDeps = (c: Context<Env>): DecisionDeps => ({
    db, config, mailing, now: clock(), base: linkBase(config, c.req.url), actor: `key:${c.get('apiKey').id}`,
  });

  /** Reads the request and the body, runs the decision, and answers with the request as the queue shows it. */
  const decide = <S extends z.ZodType>(schema: S, run: (d: DecisionDeps, site: Site, row: RequestRow, body: z.infer<S>) => Promise<Decision>) =>
    async (c: Context<Env>) => {
      const found = await findForAdmin(c, db, deps);
      if (found instanceof Response) return found;
      const body = await readBody(c, schema);
      if (!body.ok) return body.response;
      const d = decisionDeps(c);
      try {
        const outcome = await run(d, found.site, found.row, body.value);
        return outcome.ok ? c.json(queueItem(outcome.row, config, d.now)) : refuse(c, outcome);
      } catch (error) {
        if (error instanceof RequestConflict) return problem(c, 409, error.message);
        throw error;
      }
    };

  return new Hono<Env>()
    .use('/v1/admin/*', requireApiKey(deps, { admin: true }), limitBody(maxAdminBodyBytes))
    .get('/v1/admin/requests', async (c) => {
      const query = readQuery(c, QueueQuery);
      if (!query.ok) return query.response;
      const after = query.value.cursor === undefined ? undefined : decodeCursor(query.value.cursor);
      if (query.value.cursor !== undefined && !after) return problem(c, 400, 'invalid query', ['cursor: not a cursor this queue gave out']);
      const { cursor: _, ...filter } = query.value;
      return c.json(await listQueue(db, config, { ...filter, after }, clock()));
    })
    .get('/v1/admin/requests/:id', async (c) => {
      const found = await findForAdmin(c, db, deps);
      if (found instanceof Response) return found;
      const { row, site } = found;
      return c.json({
        ...queueItem(row, config, clock()),
        claimedJurisdiction: row.claimedJurisdiction as Jurisdiction | null, lang: row.lang, priority: row.priority, evidence: row.evidence,
        acknowledgeBy: row.acknowledgeBy?.toISOString() ?? null, originalDueAt: row.dueAt.toISOString(),
        extensionReason: row.extensionReason, verifiedAt: row.verifiedAt?.toISOString() ?? null,
        respondedAt: row.closedAt?.toISOString() ?? null, outcome: row.outcome, denialBasis: row.denialBasis as z.infer<typeof DenialBasis> | null,
        denialExplanation: row.denialExplanation, resultSummary: row.resultSummary, fulfilment: row.fulfilment,
        // Staff need who and what to act on; it exists only while the request is open.
        contact: openContact(site, row) ?? null,
        history: await historyOf(db, row.id),
        ...await requestResults(db, row.id) as Pick<AdminRequestDetail, 'stores' | 'notices'>,
      } satisfies AdminRequestDetail);
    })
    .post('/v1/admin/requests/:id/preview', async (c) => {
      const found = await findForAdmin(c, db, deps);
      if (found instanceof Response) return found;
      const body = await readBody(c, AdminPreviewBody);
      if (!body.ok) return body.response;
      return c.json(previewDecision({ config, now: clock(), base: linkBase(config, c.req.url) }, found.site, found.row, body.value));
    })
    .get('/v1/admin/requests/:id/attestation', async (c) => {
      const found = await findForAdmin(c, db, deps);
      if (found instanceof Response) return found;
      if (!['completed', 'denied'].includes(found.row.status)) {
        return problem(c, 409, `a request that is ${found.row.status} has no attestation yet: it is issued once the request is closed`);
      }
      c.header('content-disposition', `attachment; filename="attestation-${found.row.id}.json"`);
      return c.json(await attestRequest(db, found.row, clock()));
    })
    // The same check as `cordon verify-audit`, for a collector on the embedded PGlite, which no second process may open.
    .get('/v1/admin/audit/verification', async (c) => c.json(await verifyAuditChain(db)))
    .route('/', suppressionRoutes(deps))
    .route('/', deliveryRoutes(deps))
    .post('/v1/admin/requests/:id/approve', decide(AdminApproveBody, approve))
    .post('/v1/admin/requests/:id/deny', decide(AdminDenyBody, deny))
    .post('/v1/admin/requests/:id/extend', decide(AdminExtendBody, extend))
    .post('/v1/admin/requests/:id/complete', decide(AdminCompleteBody, async (d, site, row, body) => {
      const refused = completionRefusal(row);
      if (refused) return refused;
      return { ok: true, row: await db.transaction((tx) => completeRequest(tx, d, site, row, body)) };
    }))
    .get('/v1/admin/metrics', async (c) => {
      const query = readQuery(c, MetricsQuery);
      if (!query.ok) return query.response;
      const rows = await yearMetrics(db, query.value.year);
      if (query.value.format === 'csv') return csv(c, query.value.year, rows);
      return c.json({ year: query.value.year, scope: 'CCPA requests received in the calendar year (§7102)', types: rows } satisfies Metrics);
    })
    .get('/v1/admin/sites', (c) => c.json({ sites: config.sites.map((site) => ({ id: site.id, regime: site.regime })) } satisfies AdminSites))
    .get('/v1/admin/opt-out-rate', async (c) => {
      const query = readQuery(c, OptOutRateQuery);
      if (!query.ok) return query.response;
      return c.json(await optOutRate(db, clock(), query.value.weeks));
    })
    .get('/v1/admin/metrics.csv', async (c) => {
      const query = readQuery(c, MetricsCsvQuery);
      if (!query.ok) return query.response;
      return csv(c, query.value.year, await yearMetrics(db, query.value.year));
    })
    .get('/v1/admin/mail', async (c) => {
      const query = readQuery(c, MailQuery);
      if (!query.ok) return query.response;
      const mail = await readMail(db, config, { requestId: query.value.request, before: query.value.before, limit: query.value.limit });
      return c.json({ smtp: mailing.smtp, mail } satisfies MailPage);
    });
}

function csv(c: Context, year: number, rows: Awaited<ReturnType<typeof yearMetrics>>) {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="ccpa-metrics-${year}.csv"`);
  return c.body(metricsCsv(rows));
}

async function findForAdmin(c: Context, db: Db, { config }: AppDeps): Promise<{ row: RequestRow; site: Site } | Response> {
  const id = c.req.param('id');
  if (!RequestId.safeParse(id).success) return problem(c, 400, 'invalid path', ['id: a request id is a UUID']);
  const [row] = await db.select().from(rightsRequests).where(eq(rightsRequests.id, id!));
  const site = row && findSite(config, row.site);
  return row && site ? { row, site } : problem(c, 404, `no request ${id}`);
}

/** Every transition and decision, oldest first, from the append-only audit trail. */
async function historyOf(db: Db, id: string) {
  const events = await db.select().from(auditEvents)
    .where(eq(auditEvents.subject, id)).orderBy(asc(auditEvents.at), asc(auditEvents.id));
  return events.map((event) => ({ at: event.at.toISOString(), actor: event.actor, action: event.action, detail: event.detail }));
}
