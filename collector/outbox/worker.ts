import { sql } from 'drizzle-orm';
import type { CordonConfig } from '../../shared/config.ts';
import type { Db } from '../db/connect.ts';
import { describeDatabaseError } from '../db/errors.ts';
import { executePrepared, selectRows } from '../db/rows.ts';
import { appendAuditEvents } from '../services/audit.ts';
import type { Clock } from '../services/clock.ts';
import type { IngestPressure } from '../services/ingest-pressure.ts';
import { retryDelayMs } from './backoff.ts';
import { postText, PostTimeout } from './http-post.ts';
import { signatureHeader } from './signing.ts';

export interface OutboxOptions {
  /** How often an idle worker looks for due messages. */
  pollMs: number;
  batchSize: number;
  /** A claimed message is another worker's to retry if its sender has not finished by then (it died). */
  leaseMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  requestTimeoutMs: number;
  /**
   * While record ingest is saturated the worker stops claiming, leaving the event loop and the database to the
   * browsers waiting for their acknowledgement; but no due message waits longer than this because of it.
   */
  maxDeferralMs: number;
}

export const defaultOutboxOptions: OutboxOptions = {
  pollMs: 1_000, batchSize: 50, leaseMs: 60_000, retryBaseMs: 5_000, retryCapMs: 3_600_000, requestTimeoutMs: 10_000,
  // Notices have 15 business days; half a minute is nothing against that, and bounds the backlog a burst of
  // ingest leaves behind (30 s at 5,000 opt-outs/s: 150,000 rows, drained in under a minute).
  maxDeferralMs: 30_000,
};

interface Claimed {
  id: number;
  topic: string;
  destination: string;
  idempotency_key: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  /** Since when it has been due, in epoch milliseconds. */
  due_since: number;
}

export interface Destination { url: string; secret: string }
export type DestinationResolver = (config: CordonConfig, id: string) => Destination | undefined;

export const partnerDestination: DestinationResolver = (config, id) => config.partners.find((partner) => partner.id === id);

/**
 * Claims due messages with FOR UPDATE SKIP LOCKED, so any number of collectors on one database share the work and
 * each message has one sender at a time. The claim pushes the message's next attempt a lease into the future: if
 * the sender dies, another worker retries after the lease with the same idempotency key.
 */
export async function claimDue(db: Db, now: Date, options: OutboxOptions): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + options.leaseMs);
  // Not prepared: a generic plan made while the outbox was empty (an idle worker polls it every second) joined by
  // scanning the whole table, about 0.3 s a claim once a backlog formed; planned for each call it reads 50 rows.
  return selectRows<Claimed>(db, sql`
    update outbox as o set status = 'sending', attempts = o.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}
    from (
      select id, next_attempt_at from outbox
      where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}
      order by next_attempt_at
      limit ${options.batchSize}
      for update skip locked
    ) as due
    where o.id = due.id
    returning o.id, o.topic, o.destination, o.idempotency_key, o.payload, o.attempts, o.max_attempts,
      (extract(epoch from due.next_attempt_at) * 1000)::float8 as due_since`);
}

/**
 * Sends each claimed message in its own signed POST, all at once, then records every outcome (and its audit
 * event) in one statement: bookkeeping costs one round trip per batch, not a transaction per message.
 */
export async function deliverClaimed(
  deps: { db: Db; config: CordonConfig; clock: Clock }, messages: Claimed[], options: OutboxOptions,
  resolve: DestinationResolver = partnerDestination,
): Promise<void> {
  if (messages.length === 0) return;
  const outcomes = await Promise.all(messages.map((message) => {
    const destination = resolve(deps.config, message.destination);
    return destination ? post(destination, message, deps.clock(), options) : { ok: false as const, error: `no destination "${message.destination}" is configured` };
  }));
  const now = deps.clock();
  const settled = messages.map((message, i) => settle(message, outcomes[i]!, now, options));
  const rows = JSON.stringify(settled.map((entry) => entry.row));
  await executePrepared(deps.db, sql`
    with settled as (
      update outbox as o set status = v.status, next_attempt_at = coalesce(v.next_attempt_at, o.next_attempt_at),
        delivered_at = v.delivered_at, acknowledgement = v.acknowledgement, last_error = v.last_error
      from jsonb_populate_recordset(null::outbox, ${rows}::jsonb) as v
      where o.id = v.id
    )
    ${appendAuditEvents(settled.map((entry) => entry.event))}`);
}

/** What an attempt's outcome makes of the message, and the audit event that records it. */
function settle(message: Claimed, outcome: Outcome, now: Date, options: OutboxOptions) {
  const audited = { actor: 'outbox', subject: message.idempotency_key };
  if (outcome.ok) {
    return {
      row: { id: message.id, status: 'delivered', delivered_at: now, acknowledgement: outcome.acknowledgement, last_error: null },
      event: { ...audited, action: 'outbox.delivered', detail: { destination: message.destination, attempts: message.attempts } },
    };
  }
  const dead = message.attempts >= message.max_attempts;
  const next = new Date(now.getTime() + retryDelayMs(message.attempts, options.retryBaseMs, options.retryCapMs));
  return {
    row: { id: message.id, status: dead ? 'dead' : 'pending', next_attempt_at: next, last_error: outcome.error },
    event: {
      ...audited, action: dead ? 'outbox.dead-lettered' : 'outbox.attempt-failed',
      detail: { destination: message.destination, attempts: message.attempts, error: outcome.error },
    },
  };
}

type Outcome = { ok: true; acknowledgement: Record<string, unknown> } | { ok: false; error: string };

async function post(destination: Destination, message: Claimed, now: Date, options: OutboxOptions): Promise<Outcome> {
  const body = JSON.stringify({ id: message.idempotency_key, topic: message.topic, ...message.payload });
  try {
    const response = await postText(destination.url, {
      'content-type': 'application/json',
      'idempotency-key': message.idempotency_key,
      'cordon-signature': signatureHeader(destination.secret, body, now),
    }, body, options.requestTimeoutMs);
    if (response.status < 200 || response.status > 299) return { ok: false, error: `HTTP ${response.status}` };
    return { ok: true, acknowledgement: { status: response.status, receivedAt: now.toISOString(), body: parseAcknowledgement(response.text) } };
  } catch (error) {
    return { ok: false, error: error instanceof PostTimeout ? 'timed out' : `network: ${(error as Error).message}` };
  }
}

/** A partner's answer is kept as proof of receipt; only a small JSON object is kept, never arbitrary text. */
function parseAcknowledgement(text: string): unknown {
  if (text.length === 0 || text.length > 4_096) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The time before which every message still to claim became due, as far as a claim can tell: claims take messages
 * in the order they became due, so those left behind a full batch became due no earlier than its last one, and
 * after a partial batch only messages that became due since the claim are left (other workers only take some away).
 */
function dueNoEarlierThan(claimed: Claimed[], claimedAt: Date, options: OutboxOptions): number {
  if (claimed.length < options.batchSize) return claimedAt.getTime();
  return Math.max(...claimed.map((message) => message.due_since));
}

/** How often a worker yielding to ingest looks whether the pressure has ended. */
const pressureCheckMs = 20;

/**
 * Runs until stopped: claims and sends due messages, sleeping only when there is nothing to do, and yielding to
 * saturated ingest until the oldest message still to claim has waited `maxDeferralMs`.
 */
export function startOutboxWorker(
  deps: { db: Db; config: CordonConfig; clock: Clock; pressure: IngestPressure }, options: OutboxOptions = defaultOutboxOptions,
  resolve: DestinationResolver = partnerDestination,
) {
  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, ms); });
  // Until a first claim tells otherwise, the oldest message may be long overdue: no yielding before it.
  let oldestDueAt = -Infinity;
  const loop = (async () => {
    while (!stopped) {
      const yieldUntil = oldestDueAt + options.maxDeferralMs;
      const now = deps.clock();
      if (deps.pressure.saturated() && now.getTime() < yieldUntil) {
        await pause(Math.min(pressureCheckMs, yieldUntil - now.getTime()));
        continue;
      }
      let claimed: Claimed[] = [];
      try {
        claimed = await claimDue(deps.db, now, options);
        oldestDueAt = dueNoEarlierThan(claimed, now, options);
        await deliverClaimed(deps, claimed, options, resolve);
      } catch (error) {
        // The database may be restarting; the lease brings any claimed message back.
        console.error(`cordon: outbox worker: ${describeDatabaseError(error)}`);
      }
      if (claimed.length === 0 && !stopped) await pause(options.pollMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
