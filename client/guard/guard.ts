import type { HeldKind } from '../../shared/client.ts';
import { classify, type Target } from './classify.ts';
import { isAllowed } from './consent.ts';
import { hold } from './held.ts';

/** The vendor and purposes a URL (and the element's own `data-cordon` purposes) reach, when they are not allowed now. */
export function blockedTarget(url: string | URL | null | undefined, declared: string[] = []): Target | undefined {
  const target = classify(url);
  const purposes = [...new Set([...declared, ...(target?.purposes ?? [])])];
  // A first-party URL on an unmarked element has no purposes, which are all allowed.
  if (isAllowed(purposes)) return undefined;
  return { vendor: target?.vendor, purposes };
}

/** Refuses a request that cannot wait (fetch, XHR, beacon, cookie) and remembers it for the panel. */
export function refuse(kind: HeldKind, url: string, target: Target): void {
  hold({ kind, url, ...target });
  console.info(`Cordon held ${url}`);
}
