import { and, eq } from 'drizzle-orm';
import type { RequestStatus } from '../../shared/requests.ts';
import type { Tx } from '../db/connect.ts';
import { rightsRequests } from '../db/schema.ts';
import { audit, type AuditEvent } from '../services/audit.ts';

export type RequestRow = typeof rightsRequests.$inferSelect;

/**
 * Every state a request can be in and where it may go from there. Five states, not sixteen: a request waiting on a
 * person or a deadline is still in one of these, and the queue shows why. Extension is a flag, not a state.
 */
export const transitionTable = {
  received: ['verifying', 'in_progress', 'denied'],
  verifying: ['in_progress', 'denied'],
  in_progress: ['completed', 'denied'],
  completed: [],
  denied: [],
} as const satisfies Record<RequestStatus, readonly RequestStatus[]>;

export const closedStatuses: readonly RequestStatus[] = ['completed', 'denied'];

export class RequestConflict extends Error {}

/** Why a call about a request was refused, for the route to answer with; `field` names the bad input. */
export type Refusal = { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429; error: string; field?: string };

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return (transitionTable[from] as readonly RequestStatus[]).includes(to);
}

export function assertTransition(from: RequestStatus, to: RequestStatus): void {
  if (!canTransition(from, to)) throw new RequestConflict(`a request that is ${from} cannot become ${to}`);
}

export interface Step { actor: string; reason: string; now: Date }

/** The audit event of one transition: who moved the request, why, and when. */
export function transitionEvent(id: string, from: RequestStatus, to: RequestStatus, step: Step): AuditEvent {
  return {
    actor: step.actor, action: 'request.transition', subject: id, at: step.now,
    detail: { from, to, reason: step.reason },
  };
}

/**
 * Moves a request to `to` inside the caller's transaction, only if it is still in the state it was read in: two
 * people acting at once cannot both win, and the loser is told. A closed request loses its contact data.
 */
export async function transition(
  tx: Tx, request: Pick<RequestRow, 'id' | 'status'>, to: RequestStatus, step: Step,
  patch: Partial<typeof rightsRequests.$inferInsert> = {},
): Promise<RequestRow> {
  const from = request.status as RequestStatus;
  assertTransition(from, to);
  const closing = closedStatuses.includes(to) ? { closedAt: step.now, contact: null } : {};
  const [row] = await tx.update(rightsRequests).set({ ...patch, ...closing, status: to })
    .where(and(eq(rightsRequests.id, request.id), eq(rightsRequests.status, from)))
    .returning();
  if (!row) throw new RequestConflict('the request changed meanwhile; read it again');
  await audit(tx, transitionEvent(request.id, from, to, step));
  return row;
}
