import { Attestation, SignedAttestation } from '../../shared/attestation.ts';
import type { Jurisdiction, RequestStatus, RequestType } from '../../shared/requests.ts';
import { requestResults } from '../datamap/request-results.ts';
import type { Db } from '../db/connect.ts';
import { chainedEventsOf, chainHead, linkAt, segmentHash } from '../services/audit-chain.ts';
import { currentSigningKey, publicKeyById, signatureHolds, signValue } from '../services/signing-keys.ts';
import type { RequestRow } from './transitions.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The signed proof of a closed request, built from its row, its data-map results and its stretch of the audit chain. */
export async function attestRequest(db: Db, row: RequestRow, now: Date): Promise<SignedAttestation> {
  const events = await chainedEventsOf(db, row.id);
  const head = await chainHead(db);
  const { stores, notices } = await requestResults(db, row.id);
  const attestation = Attestation.parse({
    format: 'cordon-attestation/1',
    issuedAt: now.toISOString(),
    request: { id: row.id, site: row.site, type: row.type as RequestType, channel: row.channel, status: row.status as RequestStatus },
    routing: { claimedJurisdiction: row.claimedJurisdiction, jurisdiction: row.jurisdiction as Jurisdiction | null, review: row.review },
    deadlines: {
      receivedAt: row.receivedAt.toISOString(), acknowledgeBy: iso(row.acknowledgeBy), acknowledgedAt: iso(row.acknowledgedAt),
      dueAt: row.dueAt.toISOString(), extendedDueAt: iso(row.extendedDueAt), extensionReason: row.extensionReason,
      respondedAt: iso(row.closedAt), onTime: row.closedAt !== null && row.closedAt.getTime() <= row.currentDueAt.getTime(),
    },
    verification: { points: row.evidence.points, verifiedAt: iso(row.verifiedAt), declaredAt: row.evidence.declaredAt ?? null, staff: row.evidence.staff ?? null },
    result: { outcome: row.outcome, fulfilment: row.fulfilment, summary: row.resultSummary, denialBasis: row.denialBasis },
    stores,
    notices: notices.map(({ lastError: _partnersOwnWords, ...notice }) => notice),
    audit: {
      events: events.map(({ seq, action, at, hash }) => ({ seq, action, at, hash })),
      segmentHash: segmentHash(events.map((event) => event.hash)),
      head,
    },
  });
  const key = await currentSigningKey(db);
  return { attestation, signature: { algorithm: 'Ed25519', keyId: key.id, value: signValue(attestation, key) } };
}

export type AttestationCheck = { intact: true; requestId: string } | { intact: false; problems: string[] };

/**
 * Is this file an attestation this collector signed, and does the audit trail still hold the events it names,
 * unchanged and where they were? Every problem is named, not only the first.
 */
export async function checkAttestation(db: Db, file: unknown): Promise<AttestationCheck> {
  const parsed = SignedAttestation.safeParse(file);
  if (!parsed.success) {
    return { intact: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`) };
  }
  const { attestation, signature } = parsed.data;
  const publicKey = await publicKeyById(db, signature.keyId);
  if (!publicKey) return { intact: false, problems: [`signature: key ${signature.keyId} is not one of this collector's signing keys`] };
  const problems: string[] = [];
  if (!signatureHolds(attestation, signature.value, publicKey)) problems.push('signature: does not match the attestation; it was changed after signing');
  problems.push(...await auditProblems(db, attestation));
  return problems.length === 0 ? { intact: true, requestId: attestation.request.id } : { intact: false, problems };
}

async function auditProblems(db: Db, attestation: Attestation): Promise<string[]> {
  const now = new Map((await chainedEventsOf(db, attestation.request.id)).map((event) => [event.seq, event]));
  const problems = attestation.audit.events.flatMap((signed) => {
    const held = now.get(signed.seq);
    if (!held || held.hash !== signed.hash) return [`audit: link ${signed.seq} (${signed.action}) is no longer in the trail as signed`];
    return held.intact ? [] : [`audit: event ${held.eventId} (${signed.action}) was edited after it was chained`];
  });
  if (segmentHash(attestation.audit.events.map((event) => event.hash)) !== attestation.audit.segmentHash) {
    problems.push('audit: the segment hash does not match its events');
  }
  const headNow = await linkAt(db, attestation.audit.head.seq);
  if (headNow?.hash !== attestation.audit.head.hash) problems.push(`audit: the chain's link ${attestation.audit.head.seq} differs from the one signed: the trail before it was rewritten`);
  return problems;
}
