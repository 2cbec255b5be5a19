import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { auditEvents, outbox } from '../db/schema.ts';

/**
 * What the data map did for a request, for staff and the attestation: the per-store results of the completed
 * run (or of the last failed one), and every notice sent to partners about it with its delivery state.
 */
export async function requestResults(db: Db, requestId: string) {
  const [run] = await db.select({ action: auditEvents.action, at: auditEvents.at, detail: auditEvents.detail }).from(auditEvents)
    .where(sql`${auditEvents.subject} = ${requestId} and ${inArray(auditEvents.action, ['request.fulfilled', 'request.fulfilment-failed'])}`)
    .orderBy(desc(auditEvents.id)).limit(1);
  const notices = await db.select({
    partner: outbox.destination, topic: outbox.topic, status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError,
    dueAt: outbox.dueAt, deliveredAt: outbox.deliveredAt, acknowledgement: outbox.acknowledgement,
  }).from(outbox).where(eq(sql`${outbox.payload}->>'requestId'`, requestId)).orderBy(asc(outbox.id));
  return {
    stores: run ? { state: run.action === 'request.fulfilled' ? 'done' : 'failed', at: run.at.toISOString(), results: run.detail.stores ?? [] } : null,
    notices: notices.map((notice) => ({
      ...notice, dueAt: notice.dueAt?.toISOString() ?? null, deliveredAt: notice.deliveredAt?.toISOString() ?? null,
      // Acknowledged by the request's deadline; null while it has not been.
      onTime: notice.deliveredAt ? notice.dueAt === null || notice.deliveredAt.getTime() <= notice.dueAt.getTime() : null,
    })),
  };
}
