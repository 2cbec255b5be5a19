import type { Choices } from '../../shared/choices.ts';
import { defaultChoices } from '../../shared/purposes.ts';
import type { ClientConfig, State } from '../../shared/client.ts';
import { newDeviceId } from './ids.ts';
import { isGpcHonored } from './policy.ts';

/**
 * The state before any tag runs: what the visitor chose before, else the regime's default for a new device, with
 * GPC on top. GPC opts out of sale and sharing whatever was stored (§7025(c)); a later choice made with a gesture
 * while the signal is on is the visitor's consent and stands.
 */
export function bootState(config: ClientConfig, stored: State | undefined, gpcSignal: boolean): State {
  const { regime } = config;
  const base: State = stored ?? { ...defaultChoices(regime), gpc: false, source: 'default', regime, deviceId: newDeviceId(), updatedAt: null };
  const gpc = config.honorGpc && gpcSignal;
  if (!gpc || (base.gpc && (base.source === 'user' || isGpcHonored(base)))) return { ...base, gpc: gpc && base.gpc, regime };
  return { ...base, saleOptOut: true, sharingOptOut: true, gpc, source: 'gpc', regime, updatedAt: new Date().toISOString() };
}

export function choicesOf(state: State): Choices {
  return { saleOptOut: state.saleOptOut, sharingOptOut: state.sharingOptOut, limitSensitive: state.limitSensitive };
}
