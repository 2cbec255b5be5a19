import type { State } from '../../shared/client.ts';
import { purposeAllowed } from '../core/policy.ts';

type Consent = 'granted' | 'denied';
const consent = (granted: boolean): Consent => (granted ? 'granted' : 'denied');

/** Google Consent Mode v2, the way gtag.js reads it: an Arguments object pushed onto dataLayer. */
function gtag(..._: unknown[]): void {
  const w = window as unknown as { dataLayer?: unknown[] };
  (w.dataLayer ??= []).push(arguments);
}

export function consentModeFields(state: State) {
  const ads = !state.saleOptOut && !state.sharingOptOut;
  return {
    ad_storage: consent(ads),
    ad_user_data: consent(ads),
    ad_personalization: consent(!state.sharingOptOut),
    analytics_storage: consent(purposeAllowed(state, 'analytics')),
  };
}

/** `default` goes out before any tag runs; each change is an `update`. */
export function signalConsentMode(kind: 'default' | 'update', state: State): void {
  gtag('consent', kind, consentModeFields(state));
}
