import { z } from 'zod';
import { RequestNotice } from './admin.ts';
import { Jurisdiction, RequestStatus, RequestType } from './requests.ts';

const Instant = z.iso.datetime({ offset: true });
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in hex');

/** A link of the audit chain: its position and the hash over its event and the link before. */
export const ChainHead = z.strictObject({ seq: z.number().int().positive(), hash: Hash });
export type ChainHead = z.infer<typeof ChainHead>;

/** How a chain can be broken: an event gone, a link gone, events reordered, an event edited, or one never chained. */
export const ChainFault = z.enum(['missing', 'gap', 'reordered', 'edited', 'unchained']);
export type ChainFault = z.infer<typeof ChainFault>;

/** Whether the whole audit chain holds, as `cordon verify-audit` and `GET /v1/admin/audit/verification` tell it. */
export const AuditVerification = z.discriminatedUnion('intact', [
  z.strictObject({ intact: z.literal(true), links: z.number().int(), head: ChainHead.nullable() }),
  z.strictObject({
    intact: z.literal(false), links: z.number().int(), fault: ChainFault,
    /** The first bad link, or null when the event has none. */
    seq: z.number().int().nullable(),
    eventId: z.number().int(), message: z.string(),
  }),
]);
export type AuditVerification = z.infer<typeof AuditVerification>;

/** One event of the request's trail as it sits in the audit chain: its position and the chain's hash there. */
export const AttestedEvent = z.strictObject({
  seq: z.number().int().positive(),
  action: z.string(),
  at: Instant,
  hash: Hash,
});

/**
 * What Cordon did for one completed request, signed by the collector: routing, deadlines, how the person was
 * verified, what each store did, what partners were told and answered, and where its events sit in the audit chain.
 * It names the request, never the person.
 */
export const Attestation = z.strictObject({
  format: z.literal('cordon-attestation/1'),
  issuedAt: Instant,
  request: z.strictObject({
    id: z.uuid(),
    site: z.string(),
    type: RequestType,
    channel: z.string(),
    status: RequestStatus,
  }),
  routing: z.strictObject({
    claimedJurisdiction: z.string().nullable(),
    jurisdiction: Jurisdiction.nullable(),
    review: z.string().nullable(),
  }),
  deadlines: z.strictObject({
    receivedAt: Instant,
    acknowledgeBy: Instant.nullable(),
    acknowledgedAt: Instant.nullable(),
    dueAt: Instant,
    extendedDueAt: Instant.nullable(),
    extensionReason: z.string().nullable(),
    respondedAt: Instant.nullable(),
    onTime: z.boolean(),
  }),
  verification: z.strictObject({
    points: z.array(z.string()),
    verifiedAt: Instant.nullable(),
    declaredAt: Instant.nullable(),
    staff: z.string().nullable(),
  }),
  result: z.strictObject({
    outcome: z.string().nullable(),
    fulfilment: z.string().nullable(),
    summary: z.string().nullable(),
    denialBasis: z.string().nullable(),
  }),
  stores: z.strictObject({
    state: z.enum(['done', 'failed']),
    at: Instant,
    /** As the fulfilment recorded them: one entry per store, then what partners were sent and what was cancelled. */
    results: z.array(z.record(z.string(), z.unknown())),
  }).nullable(),
  /** Every notice sent to partners about it, with its delivery and acknowledgement; the partner's error text is left out. */
  notices: z.array(RequestNotice.omit({ lastError: true })),
  audit: z.strictObject({
    events: z.array(AttestedEvent).min(1),
    /** SHA-256 over the events' chain hashes, in chain order, one per line. */
    segmentHash: Hash,
    /** The last link of the whole chain when this was issued: later tampering before it is caught against it. */
    head: ChainHead,
  }),
});
export type Attestation = z.infer<typeof Attestation>;

export const SignedAttestation = z.strictObject({
  attestation: Attestation,
  signature: z.strictObject({
    algorithm: z.literal('Ed25519'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/, 'the id of one of the collector\'s signing keys'),
    /** Over the attestation as canonical JSON (keys sorted, no spaces), base64. */
    value: z.base64(),
  }),
});
export type SignedAttestation = z.infer<typeof SignedAttestation>;
