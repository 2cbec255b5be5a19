import type { Choices } from '../../shared/choices.ts';
import { defaultChoices } from '../../shared/purposes.ts';
import type { ClientConfig, State } from '../../shared/client.ts';

/**
 * The state before any tag runs: what the visitor chose before, else the regime's default, with GPC on top.
 * GPC opts out of sale and sharing whatever was stored (§7025(c)); a later choice made with a gesture while the
 * signal is on is the visitor's consent and stands.
 */
export function bootState(config: ClientConfig, stored: State | undefined, gpcSignal: boolean, deviceId: string): State {
  const base: State = stored ?? { ...defaultChoices(config.regime), gpc: false, source: 'default', regime: config.regime, deviceId, updatedAt: null };
  const gpc = config.honorGpc && gpcSignal;
  const chosenUnderGpc = stored?.gpc === true && stored.source === 'user';
  if (!gpc || chosenUnderGpc || (base.saleOptOut && base.sharingOptOut && base.gpc)) {
    return { ...base, gpc: gpc && base.gpc, regime: config.regime };
  }
  return { ...base, saleOptOut: true, sharingOptOut: true, gpc: true, source: 'gpc', regime: config.regime, updatedAt: new Date().toISOString() };
}

export function choicesOf(state: State): Choices {
  return { saleOptOut: state.saleOptOut, sharingOptOut: state.sharingOptOut, limitSensitive: state.limitSensitive };
}
