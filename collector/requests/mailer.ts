import { and, desc, eq, lt, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { ReadableMail } from '../../shared/admin.ts';
import type { CordonConfig } from '../../shared/config.ts';
import type { Db, Tx } from '../db/connect.ts';
import { describeDatabaseError } from '../db/errors.ts';
import { selectRows } from '../db/rows.ts';
import { requestMail } from '../db/schema.ts';
import { findSite } from '../deps.ts';
import { retryDelayMs } from '../outbox/backoff.ts';
import type { Clock } from '../services/clock.ts';
import type { Message } from './messages.ts';
import { seal, unseal } from './secrets.ts';

/** The SMTP server to send through: the configuration's, else CORDON_SMTP_URL; none means mail is kept. */
export function smtpUrlOf(config: CordonConfig, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return config.requests.smtpUrl ?? (env.CORDON_SMTP_URL || undefined);
}

export interface Mailing { smtp: boolean }

type MailInput = { site: string; requestId: string; to: string; message: Message; now: Date };

/** A mail row, its address and text sealed with the site's key. */
export function mailRow(config: CordonConfig, mailing: Mailing, mail: MailInput): typeof requestMail.$inferInsert {
  const site = findSite(config, mail.site)!;
  return {
    site: mail.site,
    requestId: mail.requestId,
    template: mail.message.template,
    recipient: seal(site, mail.requestId, mail.to),
    subject: mail.message.subject,
    body: seal(site, mail.requestId, mail.message.text),
    status: mailing.smtp ? 'pending' : 'kept',
    nextAttemptAt: mail.now,
    createdAt: mail.now,
  };
}

/**
 * Writes a mail in the caller's transaction: it exists exactly when the change that causes it does, and no request
 * waits on an SMTP server.
 */
export async function queueMail(tx: Tx, config: CordonConfig, mailing: Mailing, mail: MailInput): Promise<void> {
  await tx.insert(requestMail).values(mailRow(config, mailing, mail));
}

export interface MailOptions { pollMs: number; batchSize: number; leaseMs: number; maxAttempts: number; retryBaseMs: number; retryCapMs: number }
export const defaultMailOptions: MailOptions = {
  pollMs: 500, batchSize: 20, leaseMs: 60_000, maxAttempts: 10, retryBaseMs: 5_000, retryCapMs: 3_600_000,
};

interface Claimed { id: number; site: string; request_id: string; recipient: string; subject: string; body: string; attempts: number }

/** The same claim as the outbox: SKIP LOCKED, with a lease after which a dead sender's mail is tried again. */
async function claimMail(db: Db, now: Date, options: MailOptions): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + options.leaseMs);
  return selectRows<Claimed>(db, sql`
    update request_mail set status = 'sending', attempts = attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}
    where id in (
      select id from request_mail
      where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}
      order by next_attempt_at
      limit ${options.batchSize}
      for update skip locked
    )
    returning id, site, request_id, recipient, subject, body, attempts`);
}

export interface MailDeps { db: Db; config: CordonConfig; clock: Clock }

/** Sends what is due; once SMTP has accepted a mail, its address and text are wiped and only the fact is kept. */
export async function sendDueMail(deps: MailDeps, transport: Transporter, options: MailOptions): Promise<number> {
  const claimed = await claimMail(deps.db, deps.clock(), options);
  await Promise.all(claimed.map((mail) => sendOne(deps, transport, mail, options)));
  return claimed.length;
}

async function sendOne(deps: MailDeps, transport: Transporter, mail: Claimed, options: MailOptions) {
  const site = findSite(deps.config, mail.site);
  let error: string | undefined;
  try {
    if (!site) throw new Error(`no site "${mail.site}" is configured`);
    await transport.sendMail({
      from: deps.config.requests.mailFrom,
      to: unseal(site, mail.request_id, mail.recipient),
      subject: mail.subject,
      text: unseal(site, mail.request_id, mail.body),
    });
  } catch (failure) {
    // The SMTP error text can quote the address back; keep only its kind.
    error = (failure as { code?: string }).code ?? (failure as Error).name;
  }
  const now = deps.clock();
  if (error === undefined) {
    await deps.db.update(requestMail).set({ status: 'sent', sentAt: now, recipient: null, body: null, lastError: null })
      .where(eq(requestMail.id, mail.id));
    return;
  }
  const dead = mail.attempts >= options.maxAttempts;
  await deps.db.update(requestMail).set({
    status: dead ? 'dead' : 'pending', lastError: error,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(mail.attempts, options.retryBaseMs, options.retryCapMs)),
  }).where(eq(requestMail.id, mail.id));
}

/** Runs until stopped; everything it needs to resume is in the database. */
export function startMailWorker(deps: MailDeps, smtpUrl: string, options: MailOptions = defaultMailOptions) {
  const transport = nodemailer.createTransport(smtpUrl);
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let sent = 0;
      try {
        sent = await sendDueMail(deps, transport, options);
      } catch (error) {
        console.error(`cordon: mail worker: ${describeDatabaseError(error)}`);
      }
      if (sent === 0 && !stopped) await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, options.pollMs); });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      transport.close();
    },
  };
}

/** For the operator: mail newest first, opened where it is still held (kept, or not yet sent). */
export async function readMail(
  db: Db, config: CordonConfig, query: { requestId?: string; before?: number; limit: number },
): Promise<ReadableMail[]> {
  const rows = await db.select().from(requestMail)
    .where(and(
      query.requestId ? eq(requestMail.requestId, query.requestId) : undefined,
      query.before ? lt(requestMail.id, query.before) : undefined,
    ))
    .orderBy(desc(requestMail.id)).limit(query.limit);
  return rows.map((row) => {
    const site = findSite(config, row.site);
    const open = (value: string | null) => (value && site ? unseal(site, row.requestId, value) : null);
    return {
      id: row.id, requestId: row.requestId, template: row.template, status: row.status, to: open(row.recipient),
      subject: row.subject, text: open(row.body), createdAt: row.createdAt.toISOString(), sentAt: row.sentAt?.toISOString() ?? null,
    };
  });
}
