import { and, eq } from 'drizzle-orm';
import { defaultChoices, type Choices } from '../../shared/choices.ts';
import type { CordonConfig, Site } from '../../shared/config.ts';
import type { Tx } from '../db/connect.ts';
import { emailLinks, preferenceRecords } from '../db/schema.ts';
import { audit } from '../services/audit.ts';
import { mergeStates, newOptOuts, type SubjectState } from '../services/preference-state.ts';
import { lockStates, refId, saveStates, type SubjectRef } from '../services/preferences.ts';
import { enqueueOptOutNotices } from '../services/propagation.ts';

/** What each no-verification request switches on; it never switches anything off. */
const requested: Record<'opt-out' | 'limit', Choices> = {
  'opt-out': { saleOptOut: true, sharingOptOut: true, limitSensitive: false },
  limit: { saleOptOut: false, sharingOptOut: false, limitSensitive: true },
};

/**
 * An opt-out or limit request takes effect at once, inside the intake transaction: a preference record with
 * source "request" is the evidence (its device id names the request, as no browser is involved), the email
 * subject's state and that of the account the address is linked to take the opt-out, and partners hear of it as
 * of any opt-out — for the account when there is one, else for the email hash.
 *
 * storeRecords is not used because it folds into a device and would tell partners about that made-up device, and
 * because folding a record clears the choices it leaves false, where a request only ever adds an opt-out.
 */
export async function applyPreferenceRequest(
  tx: Tx, config: CordonConfig, site: Site,
  request: { id: string; type: 'opt-out' | 'limit'; emailHash: string; url: string; now: Date },
): Promise<(keyof Choices)[]> {
  const choices = requested[request.type];
  await tx.insert(preferenceRecords).values({
    id: request.id, site: site.id, deviceId: `request-${request.id.replaceAll('-', '')}`, ...choices, gpc: false,
    source: 'request', regime: site.regime, occurredAt: request.now, url: request.url,
  });
  const emailRef: SubjectRef = { site: site.id, kind: 'email', key: request.emailHash };
  const [link] = await tx.select({ accountId: emailLinks.accountId }).from(emailLinks)
    .where(and(eq(emailLinks.site, site.id), eq(emailLinks.emailHash, request.emailHash)));
  const accountRef: SubjectRef | undefined = link && { site: site.id, kind: 'account', key: link.accountId };
  const refs = accountRef ? [emailRef, accountRef] : [emailRef];

  const before = await lockStates(tx, refs);
  const asked: SubjectState = { ...choices, gpc: false, source: 'request', updatedAt: request.now };
  const after = refs.map((ref) => {
    const previous = before.get(refId(ref)) ?? { ...defaultChoices(site.regime), gpc: false, source: 'default' as const, updatedAt: new Date(0) };
    return { ref, state: mergeStates(previous, asked) };
  });
  await saveStates(tx, after);

  const speaker = after[after.length - 1]!;
  const optedOut = newOptOuts(before.get(refId(speaker.ref)) ?? defaultChoices(site.regime), speaker.state);
  if (optedOut.length > 0) {
    await enqueueOptOutNotices(tx, config, request.now, [{ subject: speaker.ref, choices: optedOut, cause: request.id }]);
  }
  await audit(tx, {
    actor: 'consumer', action: 'request.preference-applied', subject: request.id, at: request.now,
    detail: { type: request.type, choices, subjects: refs.map((ref) => ref.kind), newOptOuts: optedOut },
  });
  return optedOut;
}
