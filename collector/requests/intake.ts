import { randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { CordonConfig, Site } from '../../shared/config.ts';
import {
  lawOfType, needsVerification, openStatuses, type IntakeAnswer, type IntakeBody, type Jurisdiction,
  type RequestStatus, type ReviewReason,
} from '../../shared/requests.ts';
import type { UiLanguage } from '../../shared/ui-languages.ts';
import { createBatcher } from '../services/batcher.ts';
import type { Db } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
import { auditEvents, requestCodes, requestMail, rightsRequests } from '../db/schema.ts';
import { audit, type AuditEvent } from '../services/audit.ts';
import { emailHash } from '../services/hashing.ts';
import { sealContact } from './contact.ts';
import { deadlinesFor, strictestDeadlines, type Deadlines } from './deadlines.ts';
import { aboutRequest, statusUrl } from './links.ts';
import { mailRow, type Mailing } from './mailer.ts';
import { acknowledgement, optOutApplied, underReview } from './messages.ts';
import { applyPreferenceRequest } from './opt-out.ts';
import { describeResult } from './result-text.ts';
import { suppress } from '../datamap/suppression.ts';
import { assertTransition, transitionEvent, type RequestRow } from './transitions.ts';
import { firstCodeRow, newCodeValue } from './verification.ts';

export interface Routing { law: Jurisdiction | null; review: ReviewReason | null }

/**
 * Which law a request is handled under. Opt-outs and limits are honoured whatever is claimed (honouring one is
 * never wrong); any other request with no jurisdiction, or one naming the other law than its type's, waits for a
 * person.
 */
export function routeRequest(body: Pick<IntakeBody, 'type' | 'jurisdiction'>): Routing {
  if (!needsVerification(body.type)) return { law: 'ccpa', review: null };
  if (body.jurisdiction === undefined) return { law: null, review: 'jurisdiction-unclear' };
  if (body.jurisdiction !== lawOfType(body.type)) return { law: null, review: 'jurisdiction-conflict' };
  return { law: body.jurisdiction, review: null };
}

/** Deletions and opt-outs go first among requests due at the same time: each day of delay keeps data flowing. */
export function priorityOf(type: IntakeBody['type']): number {
  return ['delete', 'erasure', 'opt-out', 'limit', 'objection'].includes(type) ? 0 : 1;
}

/** The states a new request passes through inside its intake transaction. */
function pathOf(body: IntakeBody, routing: Routing): RequestStatus[] {
  if (!needsVerification(body.type)) return ['received', 'in_progress', 'completed'];
  if (routing.review) return ['received'];
  return ['received', 'verifying'];
}

export interface IntakeDeps { db: Db; config: CordonConfig; mailing: Mailing; now: Date; base: string; writer: IntakeWriter }
export type IntakeOutcome = { created: true; answer: IntakeAnswer } | { created: false; answer: IntakeAnswer };

type RequestInsert = typeof rightsRequests.$inferInsert & Pick<RequestRow, 'id' | 'type' | 'status' | 'receivedAt' | 'currentDueAt' | 'jurisdiction' | 'acknowledgeBy' | 'review' | 'lang'>;
/** A request as taken in: its language settled, from the body or else the browser's. */
export type Intake = IntakeBody & { lang: UiLanguage };

/** Everything a new request writes, worked out before touching the database. */
export interface Plan {
  row: RequestInsert;
  code?: typeof requestCodes.$inferInsert;
  mail: typeof requestMail.$inferInsert;
  events: AuditEvent[];
}

/**
 * Takes a request in. Everything it writes (the request, its code, the acknowledgement mail, the audit trail and,
 * for an opt-out, the preference change and partner notices) commits together or not at all. The same person
 * asking the same thing while a request is open gets that request back; the unique index decides, so two at once
 * cannot both create one.
 */
export async function submitRequest(deps: IntakeDeps, site: Site, body: Intake, retries = 2): Promise<IntakeOutcome> {
  const plan = planIntake(deps, site, body);
  const created = body.type === 'opt-out' || body.type === 'limit'
    ? await writePreferenceRequest(deps, site, body.type, body.email, plan)
    : await deps.writer(plan);
  if (created) return { created: true, answer: answerOf(site, deps.base, plan.row, true) };
  const open = await findOpen(deps.db, site.id, plan.row.emailHash, body.type);
  // The open request closed between the two statements: take this one in afresh.
  if (!open && retries > 0) return submitRequest(deps, site, body, retries - 1);
  if (!open) throw new Error('intake kept racing with requests closing');
  // The caller has not proven they own the address, so the existing request's status secret is not handed out.
  return { created: false, answer: { ...answerOf(site, deps.base, open, false), duplicateOf: open.id } };
}

function planIntake(deps: IntakeDeps, site: Site, body: Intake): Plan {
  const id = randomUUID();
  const routing = routeRequest(body);
  const deadlines = routing.law
    ? deadlinesFor(routing.law, body.type, deps.now, deps.config.requests.gdprTimeZone)
    : strictestDeadlines(body.type, deps.now, deps.config.requests.gdprTimeZone);
  const path = pathOf(body, routing);
  path.slice(1).forEach((to, index) => assertTransition(path[index]!, to));
  const row = requestRow(site, body, { id, routing, deadlines, status: path[path.length - 1]!, now: deps.now });
  const settings = deps.config.requests.code;
  const code = row.status === 'verifying' ? newCodeValue() : undefined;
  const about = aboutRequest(deps.config, site, deps.base, row);
  const message = !needsVerification(body.type) ? optOutApplied(about)
    : code ? acknowledgement(about, { code, ttlMinutes: settings.ttlMinutes, agentName: body.agent?.name })
      : underReview(about);
  return {
    row,
    code: code ? firstCodeRow(site, id, code, settings, deps.now) : undefined,
    mail: mailRow(deps.config, deps.mailing, { site: site.id, requestId: id, to: body.email, message, now: deps.now }),
    events: [
      { actor: body.agent ? 'agent' : 'consumer', action: 'request.received', subject: id, at: deps.now,
        detail: { site: site.id, type: body.type, claimedJurisdiction: body.jurisdiction ?? null, law: routing.law, review: routing.review } },
      ...path.slice(1).map((to, index) => transitionEvent(id, path[index]!, to, { actor: 'system', now: deps.now, reason: reasonFor(to, routing) })),
    ],
  };
}

function reasonFor(to: RequestStatus, routing: Routing): string {
  if (to === 'verifying') return 'verification code mailed';
  if (to === 'in_progress') return 'opt-out and limit requests need no verification (§7026, §7027)';
  if (to === 'completed') return 'applied to the preference store at once';
  return routing.review ?? 'received';
}

const preferencesApplied = { resultSummary: describeResult({ kind: 'preferences' }, 'en'), resultFacts: { kind: 'preferences' } } as const;

function requestRow(
  site: Site, body: Intake,
  plan: { id: string; routing: Routing; deadlines: Deadlines; status: RequestStatus; now: Date },
): RequestInsert {
  const closed = plan.status === 'completed';
  return {
    id: plan.id, site: site.id, type: body.type, claimedJurisdiction: body.jurisdiction ?? null,
    jurisdiction: plan.routing.law, review: plan.routing.review, channel: body.agent ? 'agent' : 'web', status: plan.status,
    priority: priorityOf(body.type), emailHash: emailHash(body.email), lang: body.lang,
    contact: closed ? null : sealContact(site, plan.id, { email: body.email, name: body.name, details: body.details, agent: body.agent, window: 'window' in body ? body.window : undefined }),
    evidence: { points: [] }, receivedAt: plan.now, acknowledgeBy: plan.deadlines.acknowledgeBy ?? null,
    acknowledgedAt: plan.now, dueAt: plan.deadlines.dueAt, currentDueAt: plan.deadlines.dueAt,
    ...(closed ? { closedAt: plan.now, outcome: 'complied', ...preferencesApplied, fulfilment: 'automatic' } : {}),
  };
}

/**
 * Requests that wait for verification or review are written in batches, one statement each (data-modifying CTEs,
 * atomic like a transaction), a few batches at a time. Answers, for each plan, whether its request was created.
 */
export function createIntakeWriter(db: Db): IntakeWriter {
  return createBatcher((plans: Plan[]) => writeBatch(db, plans), { maxBatch: 500, maxInFlight: 4 });
}
export type IntakeWriter = (plan: Plan) => Promise<boolean>;

async function writeBatch(db: Db, plans: Plan[]): Promise<boolean[]> {
  // Two plans for one open identity in one batch: the later is a duplicate of the earlier, as if it came second.
  const seen = new Set<string>();
  const unique = plans.filter((plan) => {
    const key = `${plan.row.site}\u0000${plan.row.emailHash}\u0000${plan.row.type}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  const codes = unique.flatMap((plan) => (plan.code ? [plan.code] : []));
  const requests = rowsAsJson(rightsRequests, unique.map((plan) => plan.row));
  const parts = [
    sql`req as (insert into ${rightsRequests} (${requests.names}) select ${requests.names}
      from jsonb_populate_recordset(null::${rightsRequests}, ${requests.json}::jsonb) on conflict do nothing returning id)`,
    ...(codes.length > 0 ? [sql`code as (${insertForCreated(requestCodes, codes, 'requestId')})`] : []),
    sql`mail as (${insertForCreated(requestMail, unique.map((plan) => plan.mail), 'requestId')})`,
    sql`events as (${insertForCreated(auditEvents, unique.flatMap((plan) => plan.events), 'subject')})`,
  ];
  const rows = await selectRows<{ id: string }>(db, sql`with ${sql.join(parts, sql`, `)} select id from req`);
  const created = new Set(rows.map((row) => row.id));
  return plans.map((plan) => created.has(plan.row.id));
}

/**
 * Rows as one JSON parameter for jsonb_populate_recordset: the statement's text is the same whatever the batch
 * size, and Postgres parses one JSON value instead of binding hundreds of parameters.
 */
function rowsAsJson(table: PgTable, rows: object[]): { names: SQL; json: string } {
  const given = new Set(rows.flatMap((row) => Object.entries(row).filter(([, value]) => value !== undefined).map(([key]) => key)));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => given.has(key));
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(columns.map(([key, column]) => {
    const value = (row as Record<string, unknown>)[key];
    // JSON columns go in as JSON, not as the string the driver would send.
    const driverValue = value === null || value === undefined ? null : column.getSQLType() === 'jsonb' ? value : column.mapToDriverValue(value);
    return [column.name, driverValue];
  }))));
  return { names: sql.join(columns.map(([, column]) => sql.identifier(column.name)), sql`, `), json };
}

/** Inserts the rows whose request the same statement created. */
function insertForCreated(table: PgTable, rows: object[], requestKey: string): SQL {
  const { names, json } = rowsAsJson(table, rows);
  const requestColumn = sql.identifier(getTableColumns(table)[requestKey]!.name);
  // In the given order, so audit events keep theirs.
  return sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${json}::jsonb) with ordinality as v
    where v.${requestColumn}::text in (select id::text from req) order by v.ordinality`;
}

/** An opt-out or limit changes preference state too, which needs row locks: a transaction of its own. */
async function writePreferenceRequest(deps: IntakeDeps, site: Site, type: 'opt-out' | 'limit', email: string, plan: Plan): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(rightsRequests).values(plan.row).onConflictDoNothing().returning({ id: rightsRequests.id });
    if (!row) return false;
    await applyPreferenceRequest(tx, deps.config, site, {
      id: plan.row.id, type, emailHash: plan.row.emailHash, url: statusUrl(deps.base, site, plan.row.id, false), now: deps.now,
    });
    // Someone who opted out of sale and sharing is not sent to marketing platforms either.
    if (type === 'opt-out') await suppress(tx, site, email, 'opt-out', deps.now);
    await tx.insert(requestMail).values(plan.mail);
    await audit(tx, ...plan.events);
    return true;
  });
}

async function findOpen(db: Db, site: string, hash: string, type: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(rightsRequests).where(and(
    eq(rightsRequests.site, site), eq(rightsRequests.emailHash, hash), eq(rightsRequests.type, type),
    inArray(rightsRequests.status, [...openStatuses]),
  ));
  return row;
}

export function answerOf(
  site: Site, base: string, row: Pick<RequestRow, 'id' | 'status' | 'receivedAt' | 'currentDueAt' | 'acknowledgeBy' | 'review'>, withSecret: boolean,
): IntakeAnswer {
  return {
    id: row.id,
    status: row.status as RequestStatus,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.currentDueAt.toISOString(),
    ...(row.acknowledgeBy ? { acknowledgeBy: row.acknowledgeBy.toISOString() } : {}),
    statusUrl: statusUrl(base, site, row.id, withSecret),
    ...(row.review ? { review: row.review as ReviewReason } : {}),
  };
}
