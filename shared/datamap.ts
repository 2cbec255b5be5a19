import { z } from 'zod';

/** The CCPA categories of §1798.140(v)(1), as slugs. */
export const Category = z.enum([
  'identifiers', 'customer-records', 'protected-classifications', 'commercial', 'biometric', 'internet-activity',
  'geolocation', 'sensory', 'professional', 'education', 'inferences',
]);
export type Category = z.infer<typeof Category>;

/** The sensitive kinds of §1798.140(ae), neural data among them since SB 1223 (2025). */
export const SensitiveKind = z.enum([
  'government-id', 'account-login', 'financial-account', 'precise-geolocation', 'racial-ethnic-origin',
  'religious-beliefs', 'union-membership', 'communications-contents', 'genetic', 'neural', 'biometric', 'health', 'sex-life',
]);
export type SensitiveKind = z.infer<typeof SensitiveKind>;

/**
 * §7024(d): kinds never disclosed in a specific-pieces answer (SSNs and other government numbers, financial
 * account numbers, passwords and security answers, biometric data); the answer says only that one is held.
 */
export const undisclosedKinds: readonly SensitiveKind[] = ['government-id', 'financial-account', 'account-login', 'biometric', 'genetic'];

/** A Postgres identifier as the map names it: letters, digits and underscores, as unquoted SQL would take it. */
const Identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL name such as "customer_id"');
const TableRef = z.string().regex(/^[a-z_][a-z0-9_]{0,62}\.[a-z_][a-z0-9_]{0,62}$/, 'a "table.column" such as "customers.id"');

export const ColumnSpec = z.strictObject({
  category: Category,
  sensitive: SensitiveKind.optional(),
  /** Where this information came from, for the disclosure and the notice; the consumer unless said otherwise. */
  source: z.string().min(1).max(200).optional(),
  /** Why it is collected, for the disclosure and the notice. */
  purpose: z.string().min(1).max(200).optional(),
});
export type ColumnSpec = z.infer<typeof ColumnSpec>;

/** How a de-identified column is rewritten: emptied, a keyed HMAC, a fixed text, or coarsened (dates to the year, numbers to tens, text to its first character). */
export const DeidentifyRule = z.union([
  z.enum(['null', 'hash', 'generalize']),
  z.string().regex(/^fixed:.{0,200}$/, 'one of "null", "hash", "generalize" or "fixed:TEXT"'),
], { error: () => 'one of "null", "hash", "generalize" or "fixed:TEXT"' });
export type DeidentifyRule = z.infer<typeof DeidentifyRule>;

const Deidentify = z.record(Identifier, DeidentifyRule);

export const Retention = z.strictObject({
  basis: z.string().min(1, 'say why the rows are kept (e.g. "tax records")').max(200),
  years: z.number().int().min(1).max(100),
});

export const OnDelete = z.union([
  z.literal('delete'),
  z.strictObject({ deidentify: Deidentify }),
  z.strictObject({ retain: Retention, deidentify: Deidentify.optional() }),
], { error: () => '"delete", { "deidentify": { COLUMN: RULE } } or { "retain": { "basis", "years" }, "deidentify"? }' });
export type OnDelete = z.infer<typeof OnDelete>;

/** The data-point names a consumer may give, mapped to the column holding each. */
export const Identities = z.partialRecord(z.enum(['email', 'account', 'phone', 'name', 'postalCode', 'address', 'birthDate']), Identifier);

export const TableMap = z.strictObject({
  identities: Identities.optional(),
  /** This table's column → the parent's "table.column" it points at: a consumer's rows are found by following these. */
  references: z.record(Identifier, TableRef).optional(),
  columns: z.record(Identifier, ColumnSpec).default({}),
  /** The column a row's time is read from, for the 12-month window of a know request. */
  timestamp: Identifier.optional(),
  onDelete: OnDelete.default('delete'),
});
export type TableMap = z.infer<typeof TableMap>;

export const PostgresStore = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  kind: z.literal('postgres'),
  /** A connection URL, or env:NAME to read it from the environment; left out, the collector's own database. */
  url: z.string().regex(/^(postgres(ql)?:\/\/|env:[A-Z_][A-Z0-9_]*$)/, 'a postgres:// URL or env:NAME').optional(),
  schema: Identifier.default('public'),
  tables: z.record(Identifier, TableMap),
});
export const Store = z.discriminatedUnion('kind', [PostgresStore], { error: () => 'kind: "postgres" is the store kind supported' });
export type Store = z.infer<typeof Store>;
export type StoreInput = z.input<typeof Store>;

/** Why an address must not be mailed: the consumer opted out, or asked for deletion. */
export const SuppressionReason = z.enum(['opt-out', 'deletion']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/** `GET /v1/admin/suppression` as JSON: the list by keyed hashes, so the export names no one in the clear. */
export const SuppressionList = z.object({
  site: z.string(),
  /** How each address was hashed, for a mailing tool matching its own list. */
  hash: z.string(),
  entries: z.array(z.object({ emailHash: z.string().regex(/^[0-9a-f]{64}$/), reason: SuppressionReason, addedAt: z.iso.datetime() })),
});
export type SuppressionList = z.infer<typeof SuppressionList>;

/** `POST /v1/admin/suppression/check`: the addresses asked about that must not be mailed, trimmed and lower-cased. */
export const SuppressionCheck = z.object({ suppressed: z.array(z.email()) });
export type SuppressionCheck = z.infer<typeof SuppressionCheck>;
