import { z } from 'zod';
import { Regime } from './choices.ts';
import { SiteId } from './record.ts';
import {
  AdminApproveBody, AdminCompleteBody, AdminDenyBody, AdminExtendBody, DenialBasis, Jurisdiction, RequestStatus, RequestType,
  RequestLanguage, ReviewReason,
} from './requests.ts';

/** What the staff routes answer and accept, beside the decision bodies in requests.ts; the console is typed from these. */

const Instant = z.iso.datetime();

export const RequestId = z.uuid('a request id is a UUID');
export const NoticeId = z.coerce.number().int().positive('a notice id is a positive integer');

/** Who a request waits for: a person reviewing its law, the consumer, staff checking identity or carrying it out, or the data map. */
export const WaitingFor = z.enum(['review', 'consumer', 'staff-verification', 'staff-fulfilment', 'fulfilment']);
export type WaitingFor = z.infer<typeof WaitingFor>;

/**
 * The deadline clock as the law counts it: business days to acknowledge (§7021(a)), calendar days to the due date
 * in the law's time zone (negative once overdue).
 */
export const DeadlineClock = z.object({
  acknowledgeBy: Instant.nullable(),
  acknowledged: z.boolean(),
  businessDaysToAcknowledge: z.number().int().nullable(),
  calendarDaysToDue: z.number().int(),
  /** Where the law counts its days (California, or the controller's zone for GDPR): the zone the dates are shown in. */
  timeZone: z.string(),
});
export type DeadlineClock = z.infer<typeof DeadlineClock>;

export const QueueItem = z.object({
  id: z.uuid(),
  site: SiteId,
  type: RequestType,
  /** Null while a person settles which law applies. */
  jurisdiction: Jurisdiction.nullable(),
  status: RequestStatus,
  review: ReviewReason.nullable(),
  channel: z.enum(['web', 'agent']),
  receivedAt: Instant,
  dueAt: Instant,
  extended: z.boolean(),
  overdue: z.boolean(),
  daysLeft: z.number().int(),
  waitingFor: WaitingFor.nullable(),
  clock: DeadlineClock,
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueuePage = z.object({ items: z.array(QueueItem), nextCursor: z.string().nullable() });
export type QueuePage = z.infer<typeof QueuePage>;

export const HistoryEvent = z.object({ at: Instant, actor: z.string(), action: z.string(), detail: z.record(z.string(), z.unknown()) });
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** A message to a partner about a request (a deletion or correction notice) and where its delivery stands. */
export const RequestNotice = z.object({
  partner: z.string(),
  topic: z.string(),
  status: z.enum(['pending', 'sending', 'delivered', 'dead']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  dueAt: Instant.nullable(),
  deliveredAt: Instant.nullable(),
  /** Acknowledged by the request's deadline; null while it has not been. */
  onTime: z.boolean().nullable(),
  acknowledgement: z.record(z.string(), z.unknown()).nullable(),
});

/** Who the request is from and what they gave, decrypted for staff while the request is open. */
export const RequestContact = z.object({
  email: z.string(),
  name: z.string().optional(),
  details: z.unknown().optional(),
  window: z.string().optional(),
  dataPoints: z.record(z.string(), z.string()).optional(),
  agent: z.object({ name: z.string(), email: z.string(), permission: z.object({ signedBy: z.string(), signedOn: z.string(), document: z.string() }) }).optional(),
});

export const AdminRequestDetail = QueueItem.extend({
  claimedJurisdiction: Jurisdiction.nullable(),
  /** The consumer's language: what Cordon's mails to them are in, and what staff should write to them in. */
  lang: RequestLanguage,
  priority: z.number().int(),
  /** The data points that matched, when the consumer declared under penalty of perjury, and the staff member who confirmed. */
  evidence: z.object({ points: z.array(z.string()), declaredAt: z.string().optional(), staff: z.string().optional() }),
  acknowledgeBy: Instant.nullable(),
  originalDueAt: Instant,
  extensionReason: z.string().nullable(),
  verifiedAt: Instant.nullable(),
  respondedAt: Instant.nullable(),
  outcome: z.string().nullable(),
  denialBasis: DenialBasis.nullable(),
  denialExplanation: z.string().nullable(),
  resultSummary: z.string().nullable(),
  fulfilment: z.string().nullable(),
  contact: RequestContact.nullable(),
  history: z.array(HistoryEvent),
  /** The data map's per-store results of the last run, or null when none ran. */
  stores: z.object({ state: z.enum(['done', 'failed']), at: Instant, results: z.unknown() }).nullable(),
  notices: z.array(RequestNotice),
});
export type AdminRequestDetail = z.infer<typeof AdminRequestDetail>;

/** A staff action, as the console confirms it before it is taken: the same bodies as the action routes, with the action named. */
export const AdminPreviewBody = z.discriminatedUnion('action', [
  AdminApproveBody.extend({ action: z.literal('approve') }),
  AdminDenyBody.extend({ action: z.literal('deny') }),
  AdminExtendBody.extend({ action: z.literal('extend') }),
  AdminCompleteBody.extend({ action: z.literal('complete') }),
], { error: () => 'action: one of approve, deny, extend, complete, with that action\'s fields' });
export type AdminPreviewBody = z.infer<typeof AdminPreviewBody>;

/** What the consumer will be told if the action is taken, and where the request then stands; nothing is changed. */
export const AdminPreview = z.object({
  status: RequestStatus,
  dueAt: Instant,
  /** The mail the consumer would get; null when the action mails nothing (or the request has no contact left). */
  mail: z.object({ subject: z.string(), text: z.string() }).nullable(),
  /** Why the action would be refused, so the console says so before anyone confirms. */
  refused: z.string().nullable(),
});
export type AdminPreview = z.infer<typeof AdminPreview>;

export const NoticeState = z.enum(['pending', 'dead']);

export const NoticesQuery = z.strictObject({
  status: NoticeState.default('dead'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only messages older than this id: the next page. */
  before: z.coerce.number().int().positive().optional(),
});

/** One outbox message to a partner (opt-out propagation, deletion and correction notices). */
export const OutboxNotice = z.object({
  id: z.number().int(),
  topic: z.string(),
  partner: z.string(),
  status: z.enum(['pending', 'sending', 'delivered', 'dead']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Instant,
  nextAttemptAt: Instant,
  dueAt: Instant.nullable(),
  /** The rights request it is about, for deletion and correction notices. */
  requestId: z.string().nullable(),
});
export type OutboxNotice = z.infer<typeof OutboxNotice>;

export const NoticesPage = z.object({
  counts: z.object({ pending: z.number().int(), dead: z.number().int() }),
  items: z.array(OutboxNotice),
  nextBefore: z.number().int().nullable(),
});
export type NoticesPage = z.infer<typeof NoticesPage>;

export const OptOutRateQuery = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(104).default(12),
});

/**
 * Per site and week (weeks start on Monday, UTC): the browsers that recorded a choice that week and how many of
 * them ended the week opted out of sale or sharing.
 */
export const OptOutRate = z.object({
  from: z.iso.date(),
  sites: z.array(z.object({
    site: SiteId,
    weeks: z.array(z.object({ week: z.iso.date(), devices: z.number().int(), optedOut: z.number().int() })),
  })),
});
export type OptOutRate = z.infer<typeof OptOutRate>;

/** One §7102 line; medianDays and meanDays are over the requests of the year answered so far, null when none was. */
export const MetricRow = z.object({
  type: z.enum(['know', 'delete', 'correct', 'opt-out', 'limit']),
  received: z.number().int(),
  compliedInWholeOrPart: z.number().int(),
  denied: z.number().int(),
  medianDays: z.number().nullable(),
  meanDays: z.number().nullable(),
});
export const Metrics = z.object({ year: z.number().int(), scope: z.string(), types: z.array(MetricRow) });
export type Metrics = z.infer<typeof Metrics>;

/** Where a request's mail stands: kept (no SMTP), waiting or being sent, sent, or given up. */
export const MailStatus = z.enum(['kept', 'pending', 'sending', 'sent', 'dead']);
export type MailStatus = z.infer<typeof MailStatus>;

/** A request's mail as the operator reads it: the address and text are null once it is sent, when they are erased. */
export const ReadableMail = z.object({
  id: z.number().int(),
  requestId: z.uuid(),
  template: z.string(),
  status: MailStatus,
  to: z.string().nullable(),
  subject: z.string(),
  text: z.string().nullable(),
  createdAt: Instant,
  sentAt: Instant.nullable(),
});
export type ReadableMail = z.infer<typeof ReadableMail>;

export const MailPage = z.object({ smtp: z.boolean(), mail: z.array(ReadableMail) });
export type MailPage = z.infer<typeof MailPage>;

/** The configured sites, for the console's filters. */
export const AdminSites = z.object({ sites: z.array(z.object({ id: SiteId, regime: Regime })) });
export type AdminSites = z.infer<typeof AdminSites>;
