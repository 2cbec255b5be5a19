import { z } from 'zod';
import { uiLanguages } from './ui-languages.ts';
import { Category } from './datamap.ts';
import { text } from './text.ts';
import { SiteId } from './record.ts';
import { Email } from './status.ts';

export const ccpaTypes = ['know-categories', 'know-specific', 'delete', 'correct', 'opt-out', 'limit'] as const;
export const gdprTypes = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const;
export const RequestType = z.enum([...ccpaTypes, ...gdprTypes]);
export type RequestType = z.infer<typeof RequestType>;

export const Jurisdiction = z.enum(['ccpa', 'gdpr']);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export const RequestStatus = z.enum(['received', 'verifying', 'in_progress', 'completed', 'denied']);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const openStatuses = ['received', 'verifying', 'in_progress'] as const satisfies readonly RequestStatus[];

/** Why a request waits for a person before anything else happens to it. */
export const ReviewReason = z.enum(['jurisdiction-unclear', 'jurisdiction-conflict']);
export type ReviewReason = z.infer<typeof ReviewReason>;

/** Why a request the consumer has confirmed still waits for a person: its law, an agent's permission, or details that did not match. */
export const StaffWait = z.enum(['review', 'agent-permission', 'details-unmatched']);
export type StaffWait = z.infer<typeof StaffWait>;

export function lawOfType(type: RequestType): Jurisdiction {
  return (ccpaTypes as readonly string[]).includes(type) ? 'ccpa' : 'gdpr';
}

/** The types that are undone by no verification at all: §7026 and §7027 forbid asking for it. */
export const unverifiedTypes = ['opt-out', 'limit'] as const satisfies readonly RequestType[];
export function needsVerification(type: RequestType): boolean {
  return !(unverifiedTypes as readonly string[]).includes(type);
}

const Note = text().trim().max(2_000, 'at most 2,000 characters');
const Name = text().trim().min(1, 'a name cannot be empty').max(200);

/**
 * §7063: an authorized agent shows the consumer's signed permission; the consumer confirms directly by the code
 * mailed to their own address, never the agent's.
 */
export const Agent = z.strictObject({
  name: Name,
  email: Email,
  permission: z.strictObject({
    signedBy: Name,
    signedOn: z.iso.date('a date such as 2026-11-24'),
    /** The signed text itself, or where the business can fetch it. */
    document: text().trim().min(1).max(20_000),
  }),
});
export type Agent = z.infer<typeof Agent>;

/** The data points a correction can name field by field, so it is written in every store that holds them. */
export const CorrectableField = z.enum(['name', 'phone', 'address', 'postalCode', 'birthDate', 'email']);

/** What is wrong and what it should say: §1798.106 and Art 16 need both to act on. */
export const Correction = z.strictObject({
  inaccurate: text().trim().min(1, 'say which information is inaccurate').max(2_000),
  correction: text().trim().min(1, 'give the correct information').max(2_000),
  /** The corrected values, field by field; without them a person reads the text and acts. */
  fields: z.partialRecord(CorrectableField, text().trim().min(1).max(200)).optional(),
});

/** §7024: a know request covers 12 months unless the consumer asks for everything since 2022-01-01. */
export const KnowWindow = z.enum(['12-months', 'since-2022']);

/** The language the business uses with the consumer about a request (§7003): its mails and its result. */
export const RequestLanguage = z.enum(uiLanguages, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a language requests are answered in; give one of ${uiLanguages.join(', ')}`,
});

function member<T extends RequestType, D extends z.ZodType>(type: T, details: D) {
  return z.strictObject({
    type: z.literal(type),
    site: SiteId,
    /** Left out, or naming the other law than the type's, sends the request to manual review. */
    jurisdiction: Jurisdiction.optional(),
    email: Email,
    name: Name.optional(),
    details,
    agent: Agent.optional(),
    /** Left out: the language the browser asks for, else English. */
    lang: RequestLanguage.optional(),
  });
}

/** Know, access and portability requests may ask for everything since 2022-01-01. */
const knowMember = <T extends RequestType>(type: T) => member(type, Note.optional()).extend({ window: KnowWindow.optional() });

const typeHint = (value: unknown): string => {
  if (value === 'know') return 'type: "know" is ambiguous; say "know-categories" or "know-specific"';
  if (value === undefined) return `type: give one of ${RequestType.options.join(', ')}`;
  return `type: ${JSON.stringify(value)} is not a request type; one of ${RequestType.options.join(', ')}`;
};

/** One schema per type: each says what that request needs; an unknown or ambiguous type is refused by name. */
export const IntakeBody = z.discriminatedUnion('type', [
  knowMember('know-categories'),
  knowMember('know-specific'),
  member('delete', Note.optional()),
  member('correct', Correction),
  member('opt-out', Note.optional()),
  member('limit', Note.optional()),
  knowMember('access'),
  member('rectification', Correction),
  member('erasure', Note.optional()),
  member('restriction', Note.optional()),
  knowMember('portability'),
  member('objection', Note.optional()),
], {
  error: (issue) => (issue.code === 'invalid_union'
    ? typeHint((issue.input as { type?: unknown } | undefined)?.type).replace(/^type: /, '')
    : undefined),
});
export type IntakeBody = z.infer<typeof IntakeBody>;

/** What the consumer may keep while a request is open: everything but the mail address is optional. */
export type Contact = Pick<IntakeBody, 'email' | 'name' | 'agent'> & {
  details?: IntakeBody['details'];
  window?: z.infer<typeof KnowWindow>;
  dataPoints?: Record<string, string>;
};

/**
 * What Cordon did for a request it carried out itself, as facts rather than a sentence: each reader (the status
 * page in the language it is shown in, the mail in the request's) gets the sentence written in their language.
 */
export const ResultFacts = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('know'), rows: z.number().int(), tables: z.number().int(), categories: z.array(Category), download: z.boolean() }),
  z.object({
    kind: z.literal('delete'),
    /** The tables rows were deleted or de-identified in. */
    removed: z.array(z.string()),
    /** Rows kept by law: the basis is the operator's text from the data map, shown as written. */
    kept: z.array(z.object({ table: z.string(), rows: z.number().int(), basis: z.string(), until: z.string(), deidentified: z.boolean() })),
    /** How many service providers were told to delete too. */
    told: z.number().int(),
  }),
  z.object({ kind: z.literal('correct'), fields: z.array(CorrectableField), tables: z.number().int(), told: z.number().int() }),
  /** An opt-out or limit, applied to the preference store at intake. */
  z.object({ kind: z.literal('preferences') }),
]);
export type ResultFacts = z.infer<typeof ResultFacts>;

export const IntakeAnswer = z.object({
  id: z.uuid(),
  status: RequestStatus,
  receivedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  acknowledgeBy: z.iso.datetime().optional(),
  statusUrl: z.url(),
  review: ReviewReason.optional(),
  /** Set when an open request of the same identity and type already existed: this is that request. */
  duplicateOf: z.uuid().optional(),
});
export type IntakeAnswer = z.infer<typeof IntakeAnswer>;

const Code = z.string().regex(/^\d{6}$/, 'the code is the six digits from the mail');
/** §7062(c): a request for specific pieces needs a declaration under penalty of perjury. */
export const Declaration = z.strictObject({
  signedName: Name,
  underPenaltyOfPerjury: z.literal(true, 'the declaration must be made under penalty of perjury'),
});

/** The ways to verify: a mailed code (plus further data points), a site account token, or asking for a new code. */
export const VerifyBody = z.union([
  z.strictObject({
    code: Code,
    dataPoints: z.record(z.string().regex(/^[a-z][a-zA-Z]{0,31}$/), text().trim().min(1).max(200))
      .refine((points) => Object.keys(points).length <= 10, 'at most 10 data points').optional(),
    declaration: Declaration.optional(),
  }),
  z.strictObject({ accountToken: z.string().min(1).max(4_096) }),
  z.strictObject({ resend: z.literal(true) }),
], { error: () => 'send { code }, { accountToken } or { resend: true }' });
export type VerifyBody = z.infer<typeof VerifyBody>;

const StatusSecret = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'the secret from the status link');
export const StatusSecretQuery = z.strictObject({ secret: StatusSecret, lang: RequestLanguage.optional() });

/** The status page's forms, posted without script: the mailed code with optional details, or asking for a new code. */
export const VerifyForm = z.union([
  z.strictObject({
    secret: StatusSecret,
    lang: RequestLanguage,
    code: z.string().trim(),
    name: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(200).optional(),
    postalCode: z.string().trim().max(200).optional(),
    address: z.string().trim().max(200).optional(),
    birthDate: z.string().trim().max(200).optional(),
    declare: z.literal('yes').optional(),
    signedName: z.string().trim().max(200).optional(),
  }),
  z.strictObject({ secret: StatusSecret, lang: RequestLanguage, resend: z.literal('yes') }),
], { error: () => 'the form from the status page: the code, or asking for a new one' });
export type VerifyForm = z.infer<typeof VerifyForm>;

/** [S]/[U] values live here so an operator can set them to what counsel says. */
export const RequestsConfig = z.strictObject({
  /** Where status links point; unset = the address the intake came in on. */
  publicUrl: z.url().optional(),
  mailFrom: z.string().min(3).default('Privacy requests <privacy@localhost>'),
  /** smtp:// or smtps:// URL; CORDON_SMTP_URL is used when this is unset. Neither = mail is kept in the database. */
  smtpUrl: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  /** Privacy ops' webhook for escalations, delivered through the outbox like partner messages. */
  privacyOps: z.strictObject({ url: z.url(), secret: z.string().min(32, 'a secret needs at least 32 characters') }).optional(),
  escalateDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([7, 2]),
  code: z.strictObject({
    ttlMinutes: z.number().int().min(1).max(24 * 60).default(30),
    maxAttempts: z.number().int().min(1).max(10).default(5),
    resendCooldownSeconds: z.number().int().min(0).max(3_600).default(60),
    maxCodes: z.number().int().min(1).max(20).default(5),
  }).prefault({}),
  /** §7062 levels in data points [S]: deletion and correction "by sensitivity", so the operator picks 2 or 3. */
  dataPoints: z.strictObject({
    delete: z.number().int().min(1).max(3).default(2),
    correct: z.number().int().min(1).max(3).default(2),
    gdpr: z.number().int().min(1).max(3).default(1),
  }).prefault({}),
  /** Art 12(3) months are counted where the controller is [U]. */
  gdprTimeZone: z.string().default('Europe/Brussels').refine(isTimeZone, 'an IANA time zone such as "Europe/Brussels"'),
});
export type RequestsConfig = z.infer<typeof RequestsConfig>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const DenialBasis = z.enum([
  'unverifiable', 'exempt', 'no-personal-information', 'manifestly-unfounded', 'agent-not-authorized', 'other',
]);
export type DenialBasis = z.infer<typeof DenialBasis>;

export const AdminApproveBody = z.strictObject({
  reason: text().trim().min(1, 'say why').max(2_000),
  /** Only for a request under review: the law and type it is handled under. */
  jurisdiction: Jurisdiction.optional(),
  type: RequestType.optional(),
});
export const AdminDenyBody = z.strictObject({
  basis: DenialBasis,
  explanation: text().trim().min(1, 'explain the denial to the consumer').max(4_000),
});
export const AdminExtendBody = z.strictObject({
  reason: text().trim().min(1, 'the consumer must be told why').max(2_000),
});
export const AdminCompleteBody = z.strictObject({
  outcome: z.enum(['complied', 'complied-in-part']),
  /** What was done, for the consumer and the §7101 record. */
  summary: text().trim().min(1).max(4_000),
  /** The result handed over (for know and access requests), kept encrypted. */
  data: z.json().optional(),
});
export type AdminCompleteBody = z.infer<typeof AdminCompleteBody>;

export const QueueQuery = z.strictObject({
  cursor: text().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['open', ...RequestStatus.options]).default('open'),
  type: RequestType.optional(),
  jurisdiction: Jurisdiction.optional(),
  site: SiteId.optional(),
  /** The start of a request id, as staff read it off a mail or a ticket. */
  id: z.string().trim().toLowerCase().regex(/^[0-9a-f-]{1,36}$/, 'the start of a request id: hex digits and dashes').optional(),
  /** Only requests due within this many days from now (overdue ones included): what falls due soon. */
  dueWithinDays: z.coerce.number().int().min(0).max(366).optional(),
});
export type QueueQuery = z.infer<typeof QueueQuery>;
export const MetricsQuery = z.strictObject({
  year: z.coerce.number().int().min(2020).max(2100),
  format: z.enum(['json', 'csv']).default('json'),
});
