import type { State } from '../../shared/client.ts';
import { purposeAllowed } from '../core/policy.ts';

const consent = (granted: boolean) => (granted ? 'granted' : 'denied');

/** Google Consent Mode v2, the way gtag.js reads it: an Arguments object pushed onto dataLayer. */
function gtag(..._: unknown[]): void {
  const page = window as unknown as { dataLayer?: unknown[] };
  (page.dataLayer ??= []).push(arguments);
}

/** `default` goes out before any tag runs; each change is an `update`. */
export function signalConsentMode(kind: 'default' | 'update', state: State): void {
  const ads = consent(!state.saleOptOut && !state.sharingOptOut);
  gtag('consent', kind, {
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: consent(!state.sharingOptOut),
    analytics_storage: consent(purposeAllowed(state, 'analytics')),
  });
}
