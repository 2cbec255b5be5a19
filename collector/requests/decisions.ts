import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CordonConfig, Site } from '../../shared/config.ts';
import {
  lawOfType, openStatuses, type AdminApproveBody, type AdminDenyBody, type AdminExtendBody, type Jurisdiction,
  type RequestType,
} from '../../shared/requests.ts';
import type { Db, Tx } from '../db/connect.ts';
import { rightsRequests } from '../db/schema.ts';
import { audit } from '../services/audit.ts';
import { openContact } from './contact.ts';
import { deadlinesFor, extensionAllowed, strictestDeadlines, type Deadlines } from './deadlines.ts';
import { aboutRequest } from './links.ts';
import { queueMail, type Mailing } from './mailer.ts';
import { acknowledgement, denied, extension, type Message } from './messages.ts';
import { transition, type Refusal, type RequestRow } from './transitions.ts';
import { issueFirstCode } from './verification.ts';

/** Staff decisions on a request: who decides, when, and where links in mail point. */
export interface DecisionDeps { db: Db; config: CordonConfig; mailing: Mailing; now: Date; base: string; actor: string }
export type Decision = { ok: true; row: RequestRow } | Refusal;

const isOpen = (row: RequestRow) => (openStatuses as readonly string[]).includes(row.status);

/**
 * Approving means the next step a person owns: for a request under review, settling the law and type it is handled
 * under (then the consumer gets a code); for one being verified, confirming the consumer's identity (data points
 * matched, an agent's permission checked).
 */
export async function approve(deps: DecisionDeps, site: Site, row: RequestRow, body: z.infer<typeof AdminApproveBody>): Promise<Decision> {
  const refused = approvalRefusal(row);
  if (refused) return refused;
  if (row.status === 'received') return settleReview(deps, site, row, body);
  return deps.db.transaction(async (tx) => {
    const moved = await transition(tx, row, 'in_progress', { actor: deps.actor, reason: body.reason, now: deps.now }, {
      verifiedAt: deps.now, review: null, evidence: { ...row.evidence, staff: deps.actor },
    });
    return { ok: true, row: moved } as const;
  });
}

export function approvalRefusal(row: RequestRow): Refusal | undefined {
  if (row.status === 'received' || row.status === 'verifying') return undefined;
  return { ok: false, status: 409, error: `a request that is ${row.status} has nothing to approve` };
}

/** The law and type a reviewer settles a request under, and the deadlines that follow from them. */
export function settledLaw(config: CordonConfig, row: RequestRow, body: z.infer<typeof AdminApproveBody>):
  Refusal | { ok: true; jurisdiction: Jurisdiction; type: RequestType; deadlines: Deadlines } {
  if (!body.jurisdiction) return { ok: false, status: 400, error: 'a request under review needs the law it falls under', field: 'jurisdiction' };
  const type: RequestType = body.type ?? (row.type as RequestType);
  if (lawOfType(type) !== body.jurisdiction) {
    return { ok: false, status: 400, error: `"${type}" is not a ${body.jurisdiction} request type; give the type under that law`, field: 'type' };
  }
  return { ok: true, jurisdiction: body.jurisdiction, type, deadlines: deadlinesFor(body.jurisdiction, type, row.receivedAt, config.requests.gdprTimeZone) };
}

async function settleReview(deps: DecisionDeps, site: Site, row: RequestRow, body: z.infer<typeof AdminApproveBody>): Promise<Decision> {
  const law = settledLaw(deps.config, row, body);
  if (!law.ok) return law;
  const { jurisdiction, type, deadlines } = law;
  const settings = deps.config.requests.code;
  return deps.db.transaction(async (tx) => {
    const moved = await transition(tx, row, 'verifying', { actor: deps.actor, reason: body.reason, now: deps.now }, {
      jurisdiction, type, review: null, dueAt: deadlines.dueAt,
      acknowledgeBy: deadlines.acknowledgeBy ?? null, currentDueAt: row.extendedDueAt ?? deadlines.dueAt, escalatedDays: null,
    });
    const code = await issueFirstCode(tx, site, row.id, settings, deps.now);
    const contact = openContact(site, row)!;
    await queueMail(tx, deps.config, deps.mailing, {
      site: site.id, requestId: row.id, to: contact.email, now: deps.now,
      message: acknowledgement(aboutRequest(deps.config, site, deps.base, moved), { code, ttlMinutes: settings.ttlMinutes, agentName: contact.agent?.name }),
    });
    return { ok: true, row: moved } as const;
  });
}

/** A denial records its basis (§7101) and tells the consumer why; under GDPR, also where to complain. */
export async function deny(deps: DecisionDeps, site: Site, row: RequestRow, body: z.infer<typeof AdminDenyBody>): Promise<Decision> {
  const refused = denialRefusal(row);
  if (refused) return refused;
  return deps.db.transaction(async (tx) => {
    await tellConsumer(deps, site, row, denied(aboutRequest(deps.config, site, deps.base, row), body.explanation, row.jurisdiction === 'gdpr'), tx);
    const moved = await transition(tx, row, 'denied', { actor: deps.actor, reason: `${body.basis}: ${body.explanation}`, now: deps.now }, {
      outcome: 'denied', denialBasis: body.basis, denialExplanation: body.explanation,
    });
    return { ok: true, row: moved } as const;
  });
}

export function denialRefusal(row: RequestRow): Refusal | undefined {
  return isOpen(row) ? undefined : { ok: false, status: 409, error: `a request that is ${row.status} cannot be denied` };
}

export function completionRefusal(row: RequestRow): Refusal | undefined {
  return row.status === 'in_progress' ? undefined : { ok: false, status: 409, error: `a request that is ${row.status} cannot be completed; verify it first` };
}

/** The longest a request's law lets it run; a request still under review is held to the stricter law. */
function deadlinesOf(config: CordonConfig, row: RequestRow): Deadlines {
  const zone = config.requests.gdprTimeZone;
  return row.jurisdiction
    ? deadlinesFor(row.jurisdiction as Jurisdiction, row.type as RequestType, row.receivedAt, zone)
    : strictestDeadlines(row.type as RequestType, row.receivedAt, zone);
}

/** The new deadline an extension would set now, or why the law allows none. */
export function extensionTarget(config: CordonConfig, row: RequestRow, now: Date): Refusal | { ok: true; until: Date } {
  if (!isOpen(row)) return { ok: false, status: 409, error: `a request that is ${row.status} cannot be extended` };
  if (row.extendedDueAt) return { ok: false, status: 409, error: 'this request was already extended once; the law allows one extension' };
  const { extensionLimit } = deadlinesOf(config, row);
  if (!extensionAllowed({ dueAt: row.dueAt, extensionLimit }, now)) {
    return { ok: false, status: 409, error: extensionLimit
      ? 'the notice of an extension must go out before the original deadline, which has passed'
      : 'the law allows no extension for this type of request' };
  }
  return { ok: true, until: extensionLimit! };
}

/**
 * One extension, to the law's limit, announced with its reason before the original deadline passes: CCPA §7021(b)
 * (45 more days), GDPR Art 12(3) (two more months). Escalations start again for the new deadline.
 */
export async function extend(deps: DecisionDeps, site: Site, row: RequestRow, body: z.infer<typeof AdminExtendBody>): Promise<Decision> {
  const target = extensionTarget(deps.config, row, deps.now);
  if (!target.ok) return target;
  return deps.db.transaction(async (tx) => {
    const [saved] = await tx.update(rightsRequests).set({
      extendedDueAt: target.until, currentDueAt: target.until, extensionReason: body.reason, escalatedDays: null, overdueAt: null,
    }).where(and(eq(rightsRequests.id, row.id), isNull(rightsRequests.extendedDueAt))).returning();
    if (!saved) return { ok: false, status: 409, error: 'this request was extended meanwhile' } as const;
    await tellConsumer(deps, site, row, extension(aboutRequest(deps.config, site, deps.base, saved), body.reason), tx);
    await audit(tx, {
      actor: deps.actor, action: 'request.extended', subject: row.id, at: deps.now,
      detail: { reason: body.reason, from: row.dueAt.toISOString(), to: target.until.toISOString() },
    });
    return { ok: true, row: saved } as const;
  });
}

async function tellConsumer(deps: DecisionDeps, site: Site, row: RequestRow, message: Message, tx: Tx) {
  const contact = openContact(site, row);
  if (!contact) return;
  await queueMail(tx, deps.config, deps.mailing, { site: site.id, requestId: row.id, to: contact.email, message, now: deps.now });
}
