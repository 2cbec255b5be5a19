import { and, asc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DeadlineClock, QueueItem, QueuePage, WaitingFor } from '../../shared/admin.ts';
import type { CordonConfig } from '../../shared/config.ts';
import type { Jurisdiction, QueueQuery, RequestStatus, RequestType, ReviewReason } from '../../shared/requests.ts';
import { businessDaysUntil } from '../calendar/business-days.ts';
import type { Db } from '../db/connect.ts';
import { outbox, rightsRequests } from '../db/schema.ts';
import { partnerDestination, type DestinationResolver } from '../outbox/worker.ts';
import { audit } from '../services/audit.ts';
import { daysBetween } from './deadlines.ts';
import { timeZoneOf } from './links.ts';
import type { RequestRow } from './transitions.ts';
import { waitsForStaff } from './verification.ts';

/** Not a valid partner id (those have no colon), so it can never be mistaken for one. */
export const privacyOpsDestination = 'cordon:privacy-ops';

/** The outbox worker's resolver with privacy ops added, for the collector to start the worker with. */
export const requestDestinations: DestinationResolver = (config, id) =>
  (id === privacyOpsDestination ? config.requests.privacyOps : partnerDestination(config, id));

const isOpenSql = sql`${rightsRequests.status} in ('received', 'verifying', 'in_progress')`;

/** What narrows the queue; the cursor is the sort key of the last row of the page before. */
export type QueueFilter = Omit<QueueQuery, 'cursor'> & { after?: [string, number, string] };

/** A page position: the sort key of the last row shown. Opaque to clients. */
function encodeCursor(row: RequestRow): string {
  return Buffer.from(JSON.stringify([row.currentDueAt.toISOString(), row.priority, row.id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, number, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [due, priority, id] = value as unknown[];
    const ok = typeof due === 'string' && !Number.isNaN(Date.parse(due)) && Number.isInteger(priority)
      && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id);
    return ok ? [due, priority as number, id] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The work queue: nearest deadline first, then deletions and opt-outs, then age. Keyset paging over an index in
 * that order, so page 2,000 costs what page 1 does; the filters narrow the rows the index walk keeps.
 */
export async function listQueue(db: Db, config: CordonConfig, query: QueueFilter, now: Date): Promise<QueuePage> {
  const after = query.after
    ? sql`(${rightsRequests.currentDueAt}, ${rightsRequests.priority}, ${rightsRequests.id}) > (${query.after[0]}::timestamptz, ${query.after[1]}::int, ${query.after[2]}::uuid)`
    : undefined;
  const rows = await db.select().from(rightsRequests).where(and(...queueConditions(query, now), after))
    .orderBy(asc(rightsRequests.currentDueAt), asc(rightsRequests.priority), asc(rightsRequests.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => queueItem(row, config, now)),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

function queueConditions(query: QueueFilter, now: Date): (SQL | undefined)[] {
  return [
    query.status === 'open' ? isOpenSql : eq(rightsRequests.status, query.status),
    query.type ? eq(rightsRequests.type, query.type) : undefined,
    query.jurisdiction ? eq(rightsRequests.jurisdiction, query.jurisdiction) : undefined,
    query.site ? eq(rightsRequests.site, query.site) : undefined,
    query.id ? sql`${rightsRequests.id}::text like ${`${query.id}%`}` : undefined,
    query.dueWithinDays === undefined ? undefined : lt(rightsRequests.currentDueAt, new Date(now.getTime() + query.dueWithinDays * 86_400_000)),
  ];
}

export function queueItem(row: RequestRow, config: CordonConfig, now: Date): QueueItem {
  const open = !['completed', 'denied'].includes(row.status);
  return {
    id: row.id, site: row.site, type: row.type as RequestType, jurisdiction: row.jurisdiction as Jurisdiction | null,
    status: row.status as RequestStatus, review: row.review as ReviewReason | null, channel: row.channel as 'web' | 'agent',
    receivedAt: row.receivedAt.toISOString(), dueAt: row.currentDueAt.toISOString(),
    extended: row.extendedDueAt !== null, overdue: open && row.currentDueAt.getTime() < now.getTime(),
    daysLeft: Math.floor((row.currentDueAt.getTime() - now.getTime()) / 86_400_000),
    waitingFor: open ? waitingFor(row, config) : null,
    clock: deadlineClock(row, config, now),
  };
}

/** The clock the console shows: acknowledgement in California business days, the answer in calendar days where the law counts. */
function deadlineClock(row: RequestRow, config: CordonConfig, now: Date): DeadlineClock {
  const acknowledged = row.acknowledgedAt !== null;
  const timeZone = timeZoneOf(config, row.jurisdiction as Jurisdiction | null);
  return {
    acknowledgeBy: row.acknowledgeBy?.toISOString() ?? null,
    acknowledged,
    businessDaysToAcknowledge: row.acknowledgeBy && !acknowledged ? businessDaysUntil(now, row.acknowledgeBy) : null,
    calendarDaysToDue: daysBetween(now, row.currentDueAt, timeZone),
    timeZone,
  };
}

function waitingFor(row: RequestRow, config: CordonConfig): WaitingFor {
  if (row.status === 'received') return 'review';
  if (row.status === 'verifying') return row.evidence.points.length === 0 ? 'consumer' : (waitsForStaff(row, config) ? 'staff-verification' : 'consumer');
  return row.fulfilment === 'manual' ? 'staff-fulfilment' : 'fulfilment';
}

/**
 * Requests whose deadline is within a threshold they were not yet escalated for, or past it and not yet flagged.
 * One OR arm per threshold keeps it to one indexed query.
 */
function escalationDue(thresholds: number[], now: Date): SQL {
  const arms = thresholds.map((days) => sql`(${rightsRequests.currentDueAt} <= ${new Date(now.getTime() + days * 86_400_000).toISOString()}::timestamptz
    and coalesce(${rightsRequests.escalatedDays}, 2147483647) > ${days})`);
  const overdue = sql`(${rightsRequests.currentDueAt} < ${now.toISOString()}::timestamptz and ${rightsRequests.overdueAt} is null)`;
  return and(isOpenSql, or(overdue, ...arms))!;
}

/**
 * Escalates to privacy ops through the outbox, so the message survives restarts and is retried like any other;
 * the key includes the deadline, so an extended request escalates again for its new one and never twice for one.
 * Rows are locked with SKIP LOCKED: collectors sharing a database split the work.
 */
export async function escalate(db: Db, config: CordonConfig, now: Date, batch = 200): Promise<number> {
  const thresholds = [...config.requests.escalateDaysBefore].sort((a, b) => b - a);
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(rightsRequests).where(escalationDue(thresholds, now))
      .orderBy(asc(rightsRequests.currentDueAt)).limit(batch).for('update', { skipLocked: true });
    for (const row of rows) {
      const overdue = row.currentDueAt.getTime() < now.getTime();
      const left = (row.currentDueAt.getTime() - now.getTime()) / 86_400_000;
      const level = overdue ? 0 : Math.min(...thresholds.filter((days) => left <= days));
      const kind = overdue ? 'overdue' : `${level}d`;
      if (config.requests.privacyOps) {
        await tx.insert(outbox).values({
          topic: 'request.escalation', destination: privacyOpsDestination,
          idempotencyKey: `request-escalation:${row.id}:${kind}:${row.currentDueAt.toISOString()}`,
          payload: {
            type: overdue ? 'request.overdue' : 'request.deadline-near', requestId: row.id, site: row.site,
            requestType: row.type, status: row.status, dueAt: row.currentDueAt.toISOString(), thresholdDays: level,
          },
          maxAttempts: 12, nextAttemptAt: now, dueAt: row.currentDueAt,
        }).onConflictDoNothing();
      }
      await tx.update(rightsRequests).set(overdue ? { overdueAt: now, escalatedDays: 0 } : { escalatedDays: level })
        .where(eq(rightsRequests.id, row.id));
      await audit(tx, { actor: 'system', action: overdue ? 'request.overdue' : 'request.escalated', subject: row.id, at: now,
        detail: { dueAt: row.currentDueAt.toISOString(), thresholdDays: level, webhook: Boolean(config.requests.privacyOps) } });
    }
    return rows.length;
  });
}
