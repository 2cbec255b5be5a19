import { sql, type SQL } from 'drizzle-orm';
import type { Choices } from '../../shared/choices.ts';
import type { CordonConfig } from '../../shared/config.ts';
import { addBusinessDays, endOfLocalDay } from '../calendar/business-days.ts';
import type { Tx } from '../db/connect.ts';
import { executePrepared } from '../db/rows.ts';
import type { SubjectRef } from './preferences.ts';

const signalOf = { saleOptOut: 'sale', sharingOptOut: 'sharing', limitSensitive: 'sensitive' } as const;
/** §7026(f) and §7027: third parties must be told within 15 business days. */
const noticeBusinessDays = 15;

export interface OptOutChange { subject: SubjectRef; choices: (keyof Choices)[]; cause: string }

/**
 * Writes, inside the transaction that made the changes, one outbox message per partner that receives one of the
 * signals just opted out of. The key derives from the cause, so a replay never makes a second message.
 */
export async function enqueueOptOutNotices(tx: Tx, config: CordonConfig, now: Date, changes: OptOutChange[]): Promise<void> {
  if (changes.length === 0) return;
  await executePrepared(tx, insertOptOutNotices(config, now, changes));
}

/** The same insert as one statement of constant text (one JSON parameter), to be a step of a larger statement. */
export function insertOptOutNotices(config: CordonConfig, now: Date, changes: OptOutChange[]): SQL {
  const dueAt = endOfLocalDay(addBusinessDays(now, noticeBusinessDays));
  const rows = JSON.stringify(changes.flatMap((change) => noticesFor(config, change, now, dueAt)));
  return sql`insert into outbox (topic, destination, idempotency_key, payload, max_attempts, next_attempt_at, due_at)
    select v.topic, v.destination, v.idempotency_key, v.payload, v.max_attempts, v.next_attempt_at, v.due_at
    from jsonb_populate_recordset(null::outbox, ${rows}::jsonb) with ordinality as v
    order by v.ordinality
    on conflict do nothing`;
}

function noticesFor(config: CordonConfig, change: OptOutChange, now: Date, dueAt: Date) {
  const signals = change.choices.map((choice) => signalOf[choice]);
  return config.partners
    .map((partner) => ({ partner, wanted: signals.filter((signal) => partner.signals.includes(signal)) }))
    .filter(({ wanted }) => wanted.length > 0)
    .map(({ partner, wanted }) => ({
      topic: 'opt-out',
      destination: partner.id,
      idempotency_key: `opt-out:${change.cause}:${partner.id}:${change.subject.kind}`,
      payload: {
        type: 'opt-out', site: change.subject.site, subject: { [change.subject.kind]: change.subject.key },
        signals: wanted, occurredAt: now.toISOString(),
      },
      max_attempts: partner.maxAttempts,
      next_attempt_at: now,
      due_at: dueAt,
    }));
}
