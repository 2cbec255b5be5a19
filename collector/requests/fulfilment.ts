import { and, eq, isNull } from 'drizzle-orm';
import type { CordonConfig, Site } from '../../shared/config.ts';
import type { AdminCompleteBody, RequestType } from '../../shared/requests.ts';
import type { Db, Tx } from '../db/connect.ts';
import { rightsRequests } from '../db/schema.ts';
import { findSite } from '../deps.ts';
import { audit } from '../services/audit.ts';
import { openContact } from './contact.ts';
import { aboutRequest } from './links.ts';
import { queueMail, type Mailing } from './mailer.ts';
import { completed } from './messages.ts';
import { seal } from './secrets.ts';
import { transition, type RequestRow } from './transitions.ts';

/** What a fulfilment sees of a request: never the address itself, only its hash to look the person up by. */
export interface FulfilmentRequest { id: string; site: string; type: RequestType; jurisdiction: string | null; emailHash: string }
export type FulfilmentResult = AdminCompleteBody;

/**
 * The one seam where the data map plugs in: it matches the details a consumer gives for verification against the
 * stores, and carries out verified know, delete and correct requests across them.
 */
export interface Fulfilment {
  /** The names of the data points that match what the business holds about this person. */
  matchDataPoints(request: FulfilmentRequest, points: Record<string, string>): Promise<string[]>;
  /** Carries a verified request out, or answers undefined to leave it to a person. */
  fulfil(request: FulfilmentRequest): Promise<FulfilmentResult | undefined>;
}

export function fulfilmentView(row: RequestRow): FulfilmentRequest {
  return { id: row.id, site: row.site, type: row.type as RequestType, jurisdiction: row.jurisdiction, emailHash: row.emailHash };
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
      message: completed(aboutRequest(deps.config, site, deps.base, row), result.outcome, result.summary),
    });
  }
  return transition(tx, row, 'completed', { actor: deps.actor, reason: result.summary, now: deps.now }, {
    outcome: result.outcome,
    resultSummary: result.summary,
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
      .where(and(eq(rightsRequests.status, 'in_progress'), isNull(rightsRequests.fulfilment)))
      .limit(batch).for('update', { skipLocked: true });
    for (const row of rows) {
      const site = findSite(deps.config, row.site);
      const result = site ? await fulfilment.fulfil(fulfilmentView(row)) : undefined;
      if (site && result) {
        await tx.update(rightsRequests).set({ fulfilment: 'automatic' }).where(eq(rightsRequests.id, row.id));
        await completeRequest(tx, { ...deps, actor: 'fulfilment' }, site, { ...row, fulfilment: 'automatic' }, result);
      } else {
        await tx.update(rightsRequests).set({ fulfilment: 'manual' }).where(eq(rightsRequests.id, row.id));
        await audit(tx, { actor: 'fulfilment', action: 'request.manual', subject: row.id, at: deps.now, detail: { reason: 'no connected store carries this request out' } });
      }
    }
    return rows.length;
  });
}
