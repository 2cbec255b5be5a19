import type { Choices } from '../../shared/choices.ts';
import { choiceForPurpose, choiceNames } from '../../shared/purposes.ts';
import type { State } from '../../shared/client.ts';

/** Held for hosts no vendor names when a site blocks unknown third parties; no choice ever allows it. */
export const unknownThirdParty = 'third-party';

/**
 * Whether a purpose may run now. The three CCPA purposes follow their choice. A site's own purposes (analytics…)
 * run under an opt-out regime; under opt-in they wait for the visitor to accept, and Reject keeps them held.
 */
export function purposeAllowed(state: State, purpose: string): boolean {
  const choice = (choiceForPurpose as Record<string, keyof Choices | undefined>)[purpose];
  if (choice) return !state[choice];
  if (purpose === unknownThirdParty) return false;
  return sitePurposesAllowed(state);
}

/** Every purpose a site names of its own follows one rule: run under opt-out, wait for acceptance under opt-in. */
const sitePurposesAllowed = (state: State) => state.regime === 'opt-out' || (state.source !== 'default' && !state.saleOptOut);

/** Every purpose there is may run: no opt-out, and the site's own purposes run (hosts no vendor names aside). */
export const allowsEveryPurpose = (state: State) => !choiceNames.some((name) => state[name]) && sitePurposesAllowed(state);

/** GPC opted this browser out of sale and sharing: the UI says "Opt-Out Request Honored" (§7025(c)(6)). */
export const isGpcHonored = (state: { gpc: boolean; saleOptOut: boolean; sharingOptOut: boolean }) =>
  state.gpc && state.saleOptOut && state.sharingOptOut;

export function allowed(state: State, purposes: readonly string[]): boolean {
  return purposes.every((purpose) => purposeAllowed(state, purpose));
}
