import type { HeldKind } from '../../shared/client.ts';
import { unknownThirdParty } from '../core/policy.ts';
import { classify, type Target } from './classify.ts';
import { config } from './config.ts';
import { isAllowed } from './consent.ts';
import { hold } from './held.ts';

/**
 * The vendor and purposes a URL (and the element's own `data-cordon` purposes) reach, when they are not allowed now.
 * A relative URL resolves against `base`, the document's base URL (a `<base href>` may point at a vendor).
 */
export function blockedTarget(url: string | URL | null | undefined, declared: string[] = [], base?: string): Target | undefined {
  const target = classify(url, base);
  const purposes = [...new Set([...declared, ...(target?.purposes ?? [])])];
  // A first-party URL on an unmarked element has no purposes, which are all allowed.
  if (isAllowed(purposes)) return undefined;
  return { vendor: target?.vendor, purposes };
}

/** Every purpose a link may reach: each vendor's, and, where hosts no vendor names are blocked, theirs. */
export const everyPurpose = [...config.vendors.flatMap((vendor) => vendor.purposes), ...(config.unknownThirdParty === 'block' ? [unknownThirdParty] : [])];

/**
 * Refuses a request that cannot wait (fetch, XHR, beacon, cookie) and remembers it for the panel; a call that can be
 * made again later (`release`) is held instead, and made once allowed.
 */
export function refuse(kind: HeldKind, url: string, target: Target, release?: () => unknown): void {
  hold({ kind, url, ...target }, undefined, false, release);
  console.info(`Cordon held ${url}`);
}
