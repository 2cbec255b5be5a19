import { eq, sql } from 'drizzle-orm';
import type { CordonConfig } from '../../shared/config.ts';
import type { Db } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
import { outbox } from '../db/schema.ts';
import { audit } from '../services/audit.ts';
import type { Clock } from '../services/clock.ts';
import { retryDelayMs } from './backoff.ts';
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
}

export const defaultOutboxOptions: OutboxOptions = {
  pollMs: 1_000, batchSize: 50, leaseMs: 60_000, retryBaseMs: 5_000, retryCapMs: 3_600_000, requestTimeoutMs: 10_000,
};

interface Claimed {
  id: number;
  topic: string;
  destination: string;
  idempotency_key: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
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
  return selectRows<Claimed>(db, sql`
    update outbox set status = 'sending', attempts = attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}
    where id in (
      select id from outbox
      where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}
      order by next_attempt_at
      limit ${options.batchSize}
      for update skip locked
    )
    returning id, topic, destination, idempotency_key, payload, attempts, max_attempts`);
}

export async function deliver(
  deps: { db: Db; config: CordonConfig; clock: Clock }, message: Claimed, options: OutboxOptions,
  resolve: DestinationResolver = partnerDestination,
): Promise<void> {
  const destination = resolve(deps.config, message.destination);
  const outcome = destination ? await post(destination, message, deps.clock(), options) : { ok: false as const, error: `no destination "${message.destination}" is configured` };
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    if (outcome.ok) {
      await tx.update(outbox).set({ status: 'delivered', deliveredAt: now, acknowledgement: outcome.acknowledgement, lastError: null })
        .where(eq(outbox.id, message.id));
      await audit(tx, { actor: 'outbox', action: 'outbox.delivered', subject: message.idempotency_key, detail: { destination: message.destination, attempts: message.attempts } });
      return;
    }
    const dead = message.attempts >= message.max_attempts;
    const next = new Date(now.getTime() + retryDelayMs(message.attempts, options.retryBaseMs, options.retryCapMs));
    await tx.update(outbox).set({ status: dead ? 'dead' : 'pending', nextAttemptAt: next, lastError: outcome.error })
      .where(eq(outbox.id, message.id));
    await audit(tx, {
      actor: 'outbox', action: dead ? 'outbox.dead-lettered' : 'outbox.attempt-failed', subject: message.idempotency_key,
      detail: { destination: message.destination, attempts: message.attempts, error: outcome.error },
    });
  });
}

type Outcome = { ok: true; acknowledgement: Record<string, unknown> } | { ok: false; error: string };

async function post(destination: Destination, message: Claimed, now: Date, options: OutboxOptions): Promise<Outcome> {
  const body = JSON.stringify({ id: message.idempotency_key, topic: message.topic, ...message.payload });
  try {
    const response = await fetch(destination.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': message.idempotency_key,
        'cordon-signature': signatureHeader(destination.secret, body, now),
      },
      body,
      signal: AbortSignal.timeout(options.requestTimeoutMs),
    });
    const text = await response.text();
    if (!response.ok) return { ok: false, error: `HTTP ${response.status}` };
    return { ok: true, acknowledgement: { status: response.status, receivedAt: now.toISOString(), body: parseAcknowledgement(text) } };
  } catch (error) {
    return { ok: false, error: (error as Error).name === 'TimeoutError' ? 'timed out' : `network: ${(error as Error).message}` };
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

/** Runs until stopped: claims and sends due messages, sleeping only when there is nothing to do. */
export function startOutboxWorker(
  deps: { db: Db; config: CordonConfig; clock: Clock }, options: OutboxOptions = defaultOutboxOptions,
  resolve: DestinationResolver = partnerDestination,
) {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let claimed: Claimed[] = [];
      try {
        claimed = await claimDue(deps.db, deps.clock(), options);
        await Promise.all(claimed.map((message) => deliver(deps, message, options, resolve)));
      } catch (error) {
        // The database may be restarting; the lease brings any claimed message back.
        console.error(`cordon: outbox worker: ${(error as Error).message}`);
      }
      if (claimed.length === 0 && !stopped) {
        await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, options.pollMs); });
      }
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
