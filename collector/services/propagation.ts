import type { Choices } from '../../shared/choices.ts';
import type { CordonConfig } from '../../shared/config.ts';
import { addBusinessDays, endOfLocalDay } from '../calendar/business-days.ts';
import type { Tx } from '../db/connect.ts';
import { outbox } from '../db/schema.ts';
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
  const dueAt = endOfLocalDay(addBusinessDays(now, noticeBusinessDays));
  const rows = changes.flatMap((change) => noticesFor(config, change, now, dueAt));
  if (rows.length > 0) await tx.insert(outbox).values(rows).onConflictDoNothing();
}

function noticesFor(config: CordonConfig, change: OptOutChange, now: Date, dueAt: Date): (typeof outbox.$inferInsert)[] {
  const signals = change.choices.map((choice) => signalOf[choice]);
  return config.partners
    .map((partner) => ({ partner, wanted: signals.filter((signal) => partner.signals.includes(signal)) }))
    .filter(({ wanted }) => wanted.length > 0)
    .map(({ partner, wanted }) => ({
      topic: 'opt-out',
      destination: partner.id,
      idempotencyKey: `opt-out:${change.cause}:${partner.id}:${change.subject.kind}`,
      payload: {
        type: 'opt-out', site: change.subject.site, subject: { [change.subject.kind]: change.subject.key },
        signals: wanted, occurredAt: now.toISOString(),
      },
      maxAttempts: partner.maxAttempts,
      nextAttemptAt: now,
      dueAt,
    }));
}
