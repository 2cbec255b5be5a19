import { z } from 'zod';
import { WaitingFor } from './admin.ts';
import { DenialBasis, Jurisdiction, RequestLanguage, RequestStatus, RequestType } from './requests.ts';

const Instant = z.iso.datetime();

/**
 * What the consumer's status link answers (GET /v1/requests/:id as JSON; the status page shows the same): where the
 * request stands and, once complete, its result. The result's summary is in the language asked for (the link's
 * `lang`, else the browser's, else the request's) when Cordon carried the request out itself; what staff wrote is
 * given as they wrote it.
 */
export const RequestView = z.object({
  id: z.uuid(),
  type: RequestType,
  jurisdiction: Jurisdiction.nullable(),
  /** The language the request was made in: its mails are written in it. */
  lang: RequestLanguage,
  status: RequestStatus,
  receivedAt: Instant,
  acknowledgeBy: Instant.nullable(),
  dueAt: Instant,
  /** Set once the deadline was extended, with the reason staff gave, as they wrote it. */
  extension: z.object({ reason: z.string().nullable() }).nullable(),
  waitingFor: WaitingFor.nullable(),
  respondedAt: Instant.nullable(),
  outcome: z.enum(['complied', 'complied-in-part', 'denied']).nullable(),
  denial: z.object({ basis: DenialBasis, explanation: z.string().nullable() }).nullable(),
  /** `data` is what was handed over: for a know request Cordon answered, a Disclosure. */
  result: z.object({ summary: z.string(), data: z.json().nullable() }).nullable(),
});
export type RequestView = z.infer<typeof RequestView>;

/** What verifying answers: the request's status now, the evidence it holds, and, while a person must still act, why. */
export const VerifyAnswer = z.object({
  id: z.uuid(),
  status: RequestStatus,
  /** The evidence kinds held: `email` (the code), `account`, `matched:<field>`. */
  verified: z.array(z.string()),
  /** Why a person must still act, in English, or null when nobody need. */
  waitingFor: z.string().nullable(),
});
export type VerifyAnswer = z.infer<typeof VerifyAnswer>;
