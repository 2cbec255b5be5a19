import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { CordonConfig, Site } from '../../shared/config.ts';
import type { AdminCompleteBody, Contact, RequestType, ResultFacts } from '../../shared/requests.ts';
import type { Db, Tx } from '../db/connect.ts';
import { describeDatabaseError, isDatabaseUnavailable } from '../db/errors.ts';
import { selectRows } from '../db/rows.ts';
import { rightsRequests } from '../db/schema.ts';
import { retryDelayMs } from '../outbox/backoff.ts';
import { findSite } from '../deps.ts';
import { audit } from '../services/audit.ts';
import { openContact } from './contact.ts';
import { aboutRequest } from './links.ts';
import { queueMail, type Mailing } from './mailer.ts';
import { completed } from './messages.ts';
import { resultText } from './result-text.ts';
import { seal } from './secrets.ts';
import { transition, type RequestRow } from './transitions.ts';

/** What a fulfilment sees of a request: the consumer's contact details are there only while it is open. */
export interface FulfilmentRequest {
  id: string; site: string; type: RequestType; jurisdiction: string | null; emailHash: string;
  contact: Contact | undefined; dueAt: Date; evidence: RequestRow['evidence'];
}
/** Staff write the summary; Cordon, carrying a request out itself, gives the facts too (and the summary in English). */
export type FulfilmentResult = AdminCompleteBody & { facts?: ResultFacts };

/**
 * What one run of a fulfilment came to: the request is complete, or a store failed and the run is tried again
 * later with the stores already done kept; `stores` are the per-store results, for the record and the attestation.
 */
export type FulfilmentOutcome =
  | { kind: 'complete'; result: FulfilmentResult; stores: unknown[] }
  | { kind: 'retry'; error: string; stores: unknown[] };

/** After this many failed runs a request is left to a person, with what failed. */
export const maxFulfilmentAttempts = 3;

/**
 * The one seam where the data map plugs in: it matches the details a consumer gives for verification against the
 * stores, and carries out verified know, delete and correct requests across them.
 */
export interface Fulfilment {
  /** The names of the data points that match what the business holds about this person. */
  matchDataPoints(request: FulfilmentRequest, points: Record<string, string>): Promise<string[]>;
  /**
   * Carries a verified request out inside the collector's transaction (notices it sends are written there), or
   * answers undefined to leave it to a person.
   */
  fulfil(request: FulfilmentRequest, context: { tx: Tx; now: Date }): Promise<FulfilmentOutcome | undefined>;
}

export function fulfilmentView(site: Site, row: RequestRow): FulfilmentRequest {
  return {
    id: row.id, site: row.site, type: row.type as RequestType, jurisdiction: row.jurisdiction, emailHash: row.emailHash,
    contact: openContact(site, row), dueAt: row.currentDueAt, evidence: row.evidence,
  };
}

/** Until stores are connected: nothing is matched or done automatically; staff complete requests by hand. */
export const manualFulfilment: Fulfilment = {
  matchDataPoints: async () => [],
  fulfil: async () => undefined,
};

export interface CompleteDeps { config: CordonConfig; mailing: Mailing; now: Date; base: string; actor: string }

/** Closes a request with its result: the result is sealed, the consumer told, and the §7101 record completed. */
export async function completeRequest(tx: Tx, deps: CompleteDeps, site: Site, row: RequestRow, result: FulfilmentResult): Promise<RequestRow> {
  const contact = openContact(site, row);
  if (contact) {
    await queueMail(tx, deps.config, deps.mailing, {
      site: site.id, requestId: row.id, to: contact.email, now: deps.now,
      message: completed(aboutRequest(deps.config, site, deps.base, row), result.outcome, resultText(result.summary, result.facts, row.lang)),
    });
  }
  return transition(tx, row, 'completed', { actor: deps.actor, reason: result.summary, now: deps.now }, {
    outcome: result.outcome,
    resultSummary: result.summary,
    resultFacts: result.facts ?? null,
    resultData: result.data === undefined ? null : seal(site, row.id, JSON.stringify(result.data)),
  });
}

/**
 * Hands each newly verified request to the fulfilment once. The row stays locked while it runs, so two collectors
 * never run one request twice, and a crash leaves it to be handed over again.
 */
export async function dispatchFulfilment(
  db: Db, deps: Omit<CompleteDeps, 'actor'>, fulfilment: Fulfilment, batch = 20,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(rightsRequests)
      .where(and(
        eq(rightsRequests.status, 'in_progress'), isNull(rightsRequests.fulfilment),
        or(isNull(rightsRequests.fulfilmentRetryAt), lte(rightsRequests.fulfilmentRetryAt, deps.now)),
      ))
      .limit(batch).for('update', { skipLocked: true });
    let settled = 0;
    for (const row of rows) {
      const site = findSite(deps.config, row.site);
      const outcome = site ? await fulfilSafely(tx, fulfilment, fulfilmentView(site, row), deps.now) : undefined;
      if (outcome?.kind === 'retry') {
        if (await recordFailedRun(tx, deps.now, row, outcome)) settled += 1;
        continue;
      }
      settled += 1;
      if (site && outcome) {
        await tx.update(rightsRequests).set({ fulfilment: 'automatic' }).where(eq(rightsRequests.id, row.id));
        await audit(tx, { actor: 'fulfilment', action: 'request.fulfilled', subject: row.id, at: deps.now, detail: { stores: outcome.stores } });
        await completeRequest(tx, { ...deps, actor: 'fulfilment' }, site, { ...row, fulfilment: 'automatic' }, outcome.result);
      } else {
        await leaveToStaff(tx, deps.now, row.id, 'no connected store carries this request out');
      }
    }
    return settled;
  });
}

/**
 * One run inside a savepoint: whatever fails in it (a store, a query of the disclosure) is undone there and becomes
 * a failed run of this request, counted and retried, while the other requests of the batch go on.
 */
async function fulfilSafely(tx: Tx, fulfilment: Fulfilment, request: FulfilmentRequest, now: Date): Promise<FulfilmentOutcome | undefined> {
  try {
    return await tx.transaction((savepoint) => fulfilment.fulfil(request, { tx: savepoint, now }));
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    return { kind: 'retry', error: describeDatabaseError(error), stores: [] };
  }
}

/**
 * A run that a store failed: the stores already done are recorded, and the request waits for the next run, or
 * after the last attempt for a person, with the failure named on it. Answers whether the request is settled.
 */
async function recordFailedRun(tx: Tx, now: Date, row: RequestRow, outcome: Extract<FulfilmentOutcome, { kind: 'retry' }>): Promise<boolean> {
  const attempts = row.fulfilmentAttempts + 1;
  const retryAt = new Date(now.getTime() + retryDelayMs(attempts, 60_000, 3_600_000));
  await tx.update(rightsRequests).set({ fulfilmentAttempts: attempts, fulfilmentRetryAt: retryAt }).where(eq(rightsRequests.id, row.id));
  await audit(tx, { actor: 'fulfilment', action: 'request.fulfilment-failed', subject: row.id, at: now, detail: { attempt: attempts, error: outcome.error, stores: outcome.stores } });
  if (attempts < maxFulfilmentAttempts) return false;
  await leaveToStaff(tx, now, row.id, `the data map failed ${attempts} times: ${outcome.error}`);
  return true;
}

async function leaveToStaff(tx: Tx, now: Date, id: string, reason: string): Promise<void> {
  await tx.update(rightsRequests).set({ fulfilment: 'manual' }).where(eq(rightsRequests.id, id));
  await audit(tx, { actor: 'fulfilment', action: 'request.manual', subject: id, at: now, detail: { reason } });
}

/** The per-store results that earlier runs of a request recorded before a store failed. */
export async function earlierStoreResults(tx: Tx, requestId: string): Promise<unknown[]> {
  const [last] = await selectRows<{ stores: unknown }>(tx, sql`select detail->'stores' as stores from audit_events
    where subject = ${requestId} and action = 'request.fulfilment-failed' order by id desc limit 1`);
  const stores = last?.stores;
  return Array.isArray(stores) ? stores : typeof stores === 'string' ? JSON.parse(stores) as unknown[] : [];
}
