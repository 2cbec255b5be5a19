import { sql } from 'drizzle-orm';
import type { MailStatus } from '../../shared/admin.ts';
import type { SuppressionReason } from '../../shared/datamap.ts';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { ResultFacts } from '../../shared/requests.ts';
import type { UiLanguage } from '../../shared/ui-languages.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every preference change ever received. Append-only: current state is derived from these. */
export const preferenceRecords = pgTable('preference_records', {
  id: uuid('id').primaryKey(),
  site: text('site').notNull(),
  deviceId: text('device_id').notNull(),
  saleOptOut: boolean('sale_opt_out').notNull(),
  sharingOptOut: boolean('sharing_opt_out').notNull(),
  limitSensitive: boolean('limit_sensitive').notNull(),
  gpc: boolean('gpc').notNull(),
  source: text('source').notNull(),
  regime: text('regime').notNull(),
  occurredAt: instant('occurred_at').notNull(),
  receivedAt: instant('received_at').notNull().defaultNow(),
  url: text('url').notNull(),
  noticeVersion: text('notice_version'),
}, (t) => [index('preference_records_device_idx').on(t.site, t.deviceId, t.occurredAt)]);

/**
 * The current state of each subject (a device, an account, an email hash), derived from the records in the
 * same transaction that stores them, so a status lookup is one primary-key read.
 */
export const subjectStates = pgTable('subject_states', {
  site: text('site').notNull(),
  kind: text('kind').notNull(),
  key: text('key').notNull(),
  saleOptOut: boolean('sale_opt_out').notNull(),
  sharingOptOut: boolean('sharing_opt_out').notNull(),
  limitSensitive: boolean('limit_sensitive').notNull(),
  gpc: boolean('gpc').notNull(),
  source: text('source').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.site, t.kind, t.key] })]);

/** Which device belongs to which account; a device has at most one account per site. */
export const deviceLinks = pgTable('device_links', {
  site: text('site').notNull(),
  deviceId: text('device_id').notNull(),
  accountId: text('account_id').notNull(),
  linkedAt: instant('linked_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.site, t.deviceId] }),
  index('device_links_account_idx').on(t.site, t.accountId),
]);

/** Emails are known only by the SHA-256 of their normalised form. */
export const emailLinks = pgTable('email_links', {
  site: text('site').notNull(),
  emailHash: text('email_hash').notNull(),
  accountId: text('account_id').notNull(),
  linkedAt: instant('linked_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.site, t.emailHash] })]);

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  admin: boolean('admin').notNull().default(false),
  createdAt: instant('created_at').notNull().defaultNow(),
  revokedAt: instant('revoked_at'),
});

/** Append-only trail of everything done; a database trigger refuses updates and deletes. */
export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: instant('at').notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  subject: text('subject'),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
}, (t) => [index('audit_events_subject_idx').on(t.subject, t.at)]);

/** Messages to send, written in the same transaction as the change that causes them. */
export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  topic: text('topic').notNull(),
  destination: text('destination').notNull(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull(),
  nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
  dueAt: instant('due_at'),
  lastError: text('last_error'),
  createdAt: instant('created_at').notNull().defaultNow(),
  deliveredAt: instant('delivered_at'),
  acknowledgement: jsonb('acknowledgement').$type<Record<string, unknown>>(),
}, (t) => [
  // Only the messages still to send, in the order they are due: a claim reads its batch off the front and stops,
  // instead of fetching and sorting the whole backlog, which under load cost more than the deliveries themselves.
  index('outbox_due_idx').on(t.nextAttemptAt).where(sql`status in ('pending', 'sending')`),
]);

// ---- Rights requests (issue 5) ----

const openRequest = sql`status in ('received', 'verifying', 'in_progress')`;

/**
 * One consumer rights request: the §7101 record (date, nature, manner, response date, nature of the response,
 * basis of denial), kept at least 24 months; a trigger refuses deleting it earlier. The person is known by the
 * hash of their address; what is needed to write to them is kept encrypted in `contact` only while it is open.
 */
export const rightsRequests = pgTable('rights_requests', {
  id: uuid('id').primaryKey(),
  site: text('site').notNull(),
  type: text('type').notNull(),
  /** As the consumer sent it (may be absent); `jurisdiction` is the law it is handled under, null under review. */
  claimedJurisdiction: text('claimed_jurisdiction'),
  jurisdiction: text('jurisdiction'),
  review: text('review'),
  /** §7101 "manner": 'web' (the consumer) or 'agent'. */
  channel: text('channel').notNull(),
  status: text('status').notNull(),
  /** 0 = deletions and opt-outs, which the queue puts first among equal deadlines. */
  priority: integer('priority').notNull(),
  emailHash: text('email_hash').notNull(),
  /** The consumer's language, which their mails and result are written in; requests made before it was kept are 'en'. */
  lang: text('lang').$type<UiLanguage>().notNull().default('en'),
  contact: text('contact'),
  evidence: jsonb('evidence').$type<{ points: string[]; declaredAt?: string; staff?: string }>().notNull(),
  receivedAt: instant('received_at').notNull(),
  acknowledgeBy: instant('acknowledge_by'),
  acknowledgedAt: instant('acknowledged_at'),
  dueAt: instant('due_at').notNull(),
  extendedDueAt: instant('extended_due_at'),
  extensionReason: text('extension_reason'),
  /** The deadline in force (extended or not): what the queue sorts and escalates by. */
  currentDueAt: instant('current_due_at').notNull(),
  verifiedAt: instant('verified_at'),
  closedAt: instant('closed_at'),
  outcome: text('outcome'),
  denialBasis: text('denial_basis'),
  denialExplanation: text('denial_explanation'),
  /** What was done, in English, for staff, the §7101 record and the attestation. */
  resultSummary: text('result_summary'),
  /** What Cordon did when it carried the request out itself, so the consumer reads it in their language; null otherwise. */
  resultFacts: jsonb('result_facts').$type<ResultFacts>(),
  /** The data handed over, encrypted: it is the consumer's personal information. */
  resultData: text('result_data'),
  fulfilment: text('fulfilment'),
  /** Runs of the data-map fulfilment that a store failed; after a few the request is left to a person. */
  fulfilmentAttempts: integer('fulfilment_attempts').notNull().default(0),
  /** When a run that a store failed is tried again. */
  fulfilmentRetryAt: instant('fulfilment_retry_at'),
  /** The smallest escalation threshold (days) already sent for the deadline in force. */
  escalatedDays: integer('escalated_days'),
  overdueAt: instant('overdue_at'),
}, (t) => [
  uniqueIndex('rights_requests_open_identity_idx').on(t.site, t.emailHash, t.type).where(openRequest),
  index('rights_requests_queue_idx').on(t.currentDueAt, t.priority, t.id).where(openRequest),
  index('rights_requests_all_idx').on(t.currentDueAt, t.priority, t.id),
  index('rights_requests_received_idx').on(t.receivedAt),
]);

/** The one live email code of a request: only its keyed hash is stored. */
export const requestCodes = pgTable('request_codes', {
  requestId: uuid('request_id').primaryKey().references(() => rightsRequests.id),
  codeHash: text('code_hash'),
  expiresAt: instant('expires_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  issued: integer('issued').notNull(),
  issuedAt: instant('issued_at').notNull(),
});

/**
 * Mail to consumers, written in the transaction that causes it. Recipient and body are encrypted and wiped once
 * SMTP has taken them; with no SMTP configured they stay ('kept') for the operator to read.
 */
export const requestMail = pgTable('request_mail', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  site: text('site').notNull(),
  requestId: uuid('request_id').notNull().references(() => rightsRequests.id),
  template: text('template').notNull(),
  recipient: text('recipient'),
  subject: text('subject').notNull(),
  body: text('body'),
  status: text('status').$type<MailStatus>().notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: instant('next_attempt_at').notNull(),
  createdAt: instant('created_at').notNull(),
  sentAt: instant('sent_at'),
  lastError: text('last_error'),
}, (t) => [
  // Only the mail still to send, in the order it is due, as for the outbox: a claim reads its batch off the front.
  index('request_mail_due_idx').on(t.nextAttemptAt).where(sql`status in ('pending', 'sending')`),
  index('request_mail_request_idx').on(t.requestId, t.id),
]);

// ---- The data map (issue 13) ----

/**
 * Every deletion carried out, by keyed hashes of the consumer's identities (never the clear values), so that
 * `cordon replay-deletions` can find them again in a restored backup (§7022(d)). Append-only.
 */
export const deletionJournal = pgTable('deletion_journal', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  site: text('site').notNull(),
  requestId: uuid('request_id').notNull(),
  emailHash: text('email_hash').notNull(),
  accountHashes: jsonb('account_hashes').$type<string[]>().notNull(),
  stores: jsonb('stores').$type<string[]>().notNull(),
  deletedAt: instant('deleted_at').notNull(),
}, (t) => [index('deletion_journal_deleted_idx').on(t.deletedAt)]);

/** Keyed hashes of the normalised addresses of consumers who opted out or were deleted: never mail them again. Append-only. */
export const suppressionList = pgTable('suppression_list', {
  site: text('site').notNull(),
  emailHash: text('email_hash').notNull(),
  reason: text('reason').$type<SuppressionReason>().notNull(),
  addedAt: instant('added_at').notNull(),
}, (t) => [primaryKey({ columns: [t.site, t.emailHash, t.reason] })]);

/**
 * The audit trail's hash chain: one link per event, in the order the events' transactions committed. Each link's
 * hash covers the event and the link before it, so an edited, removed or reordered event breaks the chain.
 * Written by a deferred trigger on audit_events; append-only.
 */
export const auditChain = pgTable('audit_chain', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  eventId: bigint('event_id', { mode: 'number' }).notNull().unique(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/** The collector's Ed25519 keys for attestations; the newest signs, every one stays to verify what it signed. */
export const signingKeys = pgTable('signing_keys', {
  id: text('id').primaryKey(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});
