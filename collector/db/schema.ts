import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid,
} from 'drizzle-orm/pg-core';

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
}, (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)]);
