import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { CordonConfig, Site } from '../../shared/config.ts';
import {
  lawOfType, needsVerification, openStatuses, type IntakeAnswer, type IntakeBody, type Jurisdiction,
  type RequestStatus, type ReviewReason,
} from '../../shared/requests.ts';
import type { Db, Tx } from '../db/connect.ts';
import { rightsRequests } from '../db/schema.ts';
import { audit } from '../services/audit.ts';
import { emailHash } from '../services/hashing.ts';
import { sealContact } from './contact.ts';
import { deadlinesFor, strictestDeadlines, type Deadlines } from './deadlines.ts';
import { aboutRequest, statusUrl } from './links.ts';
import { queueMail, type Mailing } from './mailer.ts';
import { acknowledgement, optOutApplied, underReview } from './messages.ts';
import { applyPreferenceRequest } from './opt-out.ts';
import { assertTransition, transitionEvent, type RequestRow } from './transitions.ts';
import { issueFirstCode } from './verification.ts';

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

export interface IntakeDeps { db: Db; config: CordonConfig; mailing: Mailing; now: Date; base: string }
export type IntakeOutcome = { created: true; answer: IntakeAnswer } | { created: false; answer: IntakeAnswer };

/**
 * Takes a request in: one transaction writes the request, its code, its acknowledgement mail, its audit trail and,
 * for an opt-out, the preference change and partner notices. The same person asking the same thing while a request
 * is open gets that request back; the unique index decides, so two at once cannot both create one.
 */
export async function submitRequest(deps: IntakeDeps, site: Site, body: IntakeBody, retries = 2): Promise<IntakeOutcome> {
  const id = randomUUID();
  const hash = emailHash(body.email);
  const routing = routeRequest(body);
  const deadlines = routing.law
    ? deadlinesFor(routing.law, body.type, deps.now, deps.config.requests.gdprTimeZone)
    : strictestDeadlines(body.type, deps.now, deps.config.requests.gdprTimeZone);
  const path = pathOf(body, routing);
  path.slice(1).forEach((to, index) => assertTransition(path[index]!, to));

  const created = await deps.db.transaction(async (tx) => {
    const row = await insertRequest(tx, site, body, { id, hash, routing, deadlines, path, now: deps.now });
    if (!row) return undefined;
    await sideEffects(tx, deps, site, body, row);
    await audit(tx,
      { actor: body.agent ? 'agent' : 'consumer', action: 'request.received', subject: id, at: deps.now,
        detail: { site: site.id, type: body.type, claimedJurisdiction: body.jurisdiction ?? null, law: routing.law, review: routing.review } },
      ...path.slice(1).map((to, index) => transitionEvent(id, path[index]!, to, {
        actor: 'system', now: deps.now, reason: reasonFor(to, routing),
      })));
    return row;
  });
  if (created) return { created: true, answer: answerOf(site, deps.base, created, true) };
  const open = await findOpen(deps.db, site.id, hash, body.type);
  // The open request closed between the two statements: take this one in afresh.
  if (!open && retries > 0) return submitRequest(deps, site, body, retries - 1);
  if (!open) throw new Error('intake kept racing with requests closing');
  // The caller has not proven they own the address, so the existing request's status secret is not handed out.
  return { created: false, answer: { ...answerOf(site, deps.base, open, false), duplicateOf: open.id } };
}

function reasonFor(to: RequestStatus, routing: Routing): string {
  if (to === 'verifying') return 'verification code mailed';
  if (to === 'in_progress') return 'opt-out and limit requests need no verification (§7026, §7027)';
  if (to === 'completed') return 'applied to the preference store at once';
  return routing.review ?? 'received';
}

async function insertRequest(
  tx: Tx, site: Site, body: IntakeBody,
  plan: { id: string; hash: string; routing: Routing; deadlines: Deadlines; path: RequestStatus[]; now: Date },
): Promise<RequestRow | undefined> {
  const status = plan.path[plan.path.length - 1]!;
  const closed = status === 'completed';
  const [row] = await tx.insert(rightsRequests).values({
    id: plan.id, site: site.id, type: body.type, claimedJurisdiction: body.jurisdiction ?? null,
    jurisdiction: plan.routing.law, review: plan.routing.review, channel: body.agent ? 'agent' : 'web', status,
    priority: priorityOf(body.type), emailHash: plan.hash,
    contact: closed ? null : sealContact(site, plan.id, { email: body.email, name: body.name, details: body.details, agent: body.agent }),
    evidence: { points: [] }, receivedAt: plan.now, acknowledgeBy: plan.deadlines.acknowledgeBy ?? null,
    acknowledgedAt: plan.now, dueAt: plan.deadlines.dueAt, currentDueAt: plan.deadlines.dueAt,
    ...(closed ? { closedAt: plan.now, outcome: 'complied', resultSummary: 'applied to the preference store', fulfilment: 'automatic' } : {}),
  }).onConflictDoNothing().returning();
  return row;
}

/** The acknowledgement (with the code, when one is needed) and, for an opt-out, the change itself. */
async function sideEffects(tx: Tx, deps: IntakeDeps, site: Site, body: IntakeBody, row: RequestRow): Promise<void> {
  const about = aboutRequest(deps.config, site, deps.base, row);
  const mail = (message: Parameters<typeof queueMail>[3]['message']) =>
    queueMail(tx, deps.config, deps.mailing, { site: site.id, requestId: row.id, to: body.email, message, now: deps.now });
  if (body.type === 'opt-out' || body.type === 'limit') {
    await applyPreferenceRequest(tx, deps.config, site, {
      id: row.id, type: body.type, emailHash: row.emailHash, url: statusUrl(deps.base, site, row.id, false), now: deps.now,
    });
    return mail(optOutApplied(about));
  }
  if (row.status === 'received') return mail(underReview(about));
  const settings = deps.config.requests.code;
  const code = await issueFirstCode(tx, site, row.id, settings, deps.now);
  return mail(acknowledgement(about, { code, ttlMinutes: settings.ttlMinutes, agentName: body.agent?.name }));
}

async function findOpen(db: Db, site: string, hash: string, type: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(rightsRequests).where(and(
    eq(rightsRequests.site, site), eq(rightsRequests.emailHash, hash), eq(rightsRequests.type, type),
    inArray(rightsRequests.status, [...openStatuses]),
  ));
  return row;
}

export function answerOf(site: Site, base: string, row: RequestRow, withSecret: boolean): IntakeAnswer {
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
