import { sql } from 'drizzle-orm';
import type { CordonConfig } from '../../shared/config.ts';
import type { Tx } from '../db/connect.ts';
import { executePrepared } from '../db/rows.ts';
import { emailHash } from '../services/hashing.ts';
import type { Identity } from './traversal.ts';

/** The consumer as a partner knows them: by the SHA-256 of their address (as the opt-out notices say it) and account ids. */
export function partnerSubject(who: Identity) {
  return { emailHash: emailHash(who.email), accounts: who.accounts };
}

/**
 * Tells every service provider and contractor whose signals include `delete` or `correct` (§7022(b)(1), §7023),
 * through the outbox in the collector's transaction: signed, retried, dead-lettered, and tracked against the
 * request's deadline. The key is the request's, so a retried run never sends a second notice.
 */
export async function enqueueRequestNotices(
  tx: Tx, config: CordonConfig, signal: 'delete' | 'correct', request: { id: string; site: string; dueAt: Date }, now: Date,
  payload: Record<string, unknown>,
): Promise<string[]> {
  const partners = config.partners.filter((partner) => partner.signals.includes(signal));
  if (partners.length === 0) return [];
  const rows = JSON.stringify(partners.map((partner) => ({
    topic: signal,
    destination: partner.id,
    idempotency_key: `${signal}:${request.id}:${partner.id}`,
    payload: { type: signal, requestId: request.id, site: request.site, occurredAt: now.toISOString(), ...payload },
    max_attempts: partner.maxAttempts,
    next_attempt_at: now,
    due_at: request.dueAt,
  })));
  await executePrepared(tx, sql`insert into outbox (topic, destination, idempotency_key, payload, max_attempts, next_attempt_at, due_at)
    select v.topic, v.destination, v.idempotency_key, v.payload, v.max_attempts, v.next_attempt_at, v.due_at
    from jsonb_populate_recordset(null::outbox, ${rows}::jsonb) v
    on conflict do nothing`);
  return partners.map((partner) => partner.id);
}

/**
 * Messages still waiting to go out about a deleted consumer (opt-out notices naming their account, devices or
 * address) are cancelled: the deletion notice supersedes them, and a partner must not receive the data again.
 */
export async function cancelPendingAbout(tx: Tx, site: string, subjects: { accounts: string[]; devices: string[]; emailHash: string }): Promise<number> {
  const keys = JSON.stringify([...subjects.accounts.map((key) => ['account', key]), ...subjects.devices.map((key) => ['device', key]), ['email', subjects.emailHash]]);
  const rows = await executePrepared<{ id: number }>(tx, sql`update outbox set status = 'cancelled', last_error = 'the consumer was deleted'
    where status = 'pending' and topic = 'opt-out' and payload->>'site' = ${site}
      and exists (select 1 from jsonb_array_elements(${keys}::jsonb) k where payload->'subject'->>(k->>0) = k->>1)
    returning id`);
  return rows.length;
}
