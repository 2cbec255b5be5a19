import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { NoticesPage, OutboxNotice } from '../../shared/admin.ts';
import type { Db } from '../db/connect.ts';
import { outbox } from '../db/schema.ts';
import { audit } from '../services/audit.ts';

/** 'pending' as staff mean it: not delivered yet and not given up on, whether or not a worker holds it now. */
const statusesOf = { pending: ['pending', 'sending'], dead: ['dead'] } as const;

/** The messages to partners still waiting or dead-lettered, newest first, with how many of each there are. */
export async function listDeliveries(db: Db, query: { status: keyof typeof statusesOf; limit: number; before?: number }): Promise<NoticesPage> {
  const rows = await db.select().from(outbox)
    .where(and(inArray(outbox.status, [...statusesOf[query.status]]), query.before ? lt(outbox.id, query.before) : undefined))
    .orderBy(desc(outbox.id)).limit(query.limit + 1);
  const [counts] = await db.select({
    pending: sql<number>`count(*) filter (where ${outbox.status} in ('pending', 'sending'))::int`,
    dead: sql<number>`count(*) filter (where ${outbox.status} = 'dead')::int`,
  }).from(outbox).where(inArray(outbox.status, ['pending', 'sending', 'dead']));
  const page = rows.slice(0, query.limit);
  return {
    counts: counts ?? { pending: 0, dead: 0 },
    items: page.map(deliveryOf),
    nextBefore: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

function deliveryOf(row: typeof outbox.$inferSelect): OutboxNotice {
  const requestId = row.payload.requestId;
  return {
    id: row.id, topic: row.topic, partner: row.destination, status: row.status as OutboxNotice['status'],
    attempts: row.attempts, maxAttempts: row.maxAttempts, lastError: row.lastError, createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt.toISOString(), dueAt: row.dueAt?.toISOString() ?? null,
    requestId: typeof requestId === 'string' ? requestId : null,
  };
}

/**
 * A person asks for one more attempt now: a dead-lettered message gets exactly one (failing again, it is dead again
 * and staff see it at once); a waiting one is sent now instead of after its backoff. A delivered one is left alone.
 */
export async function retryDelivery(db: Db, id: number, actor: string, now: Date): Promise<OutboxNotice | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(outbox).set({
      status: 'pending', nextAttemptAt: now, maxAttempts: sql`greatest(${outbox.maxAttempts}, ${outbox.attempts} + 1)`,
    }).where(and(eq(outbox.id, id), inArray(outbox.status, ['pending', 'dead']))).returning();
    if (!row) return undefined;
    await audit(tx, { actor, action: 'outbox.retried', subject: row.idempotencyKey, at: now, detail: { destination: row.destination, attempts: row.attempts } });
    return deliveryOf(row);
  });
}
