import type { HeldKind } from '../../shared/client.ts';
import type { Classifier, Target } from './classify.ts';
import type { HeldRegistry } from './held.ts';

/** What every interceptor is built from. */
export interface Guard {
  classify: Classifier;
  isAllowed(purposes: string[]): boolean;
  held: HeldRegistry;
}

/** The vendor and purposes a URL (and the element's own `data-cordon` purposes) reach, when they are not allowed now. */
export function blockedTarget(guard: Guard, url: string | URL | null | undefined, declared: string[] = []): Target | undefined {
  const target = guard.classify(url);
  const purposes = [...new Set([...declared, ...(target?.purposes ?? [])])];
  if (purposes.length === 0 || guard.isAllowed(purposes)) return undefined;
  return { vendor: target?.vendor, purposes };
}

/** Refuses a request that cannot wait (fetch, XHR, beacon, cookie) and remembers it for the panel. */
export function refuse(guard: Guard, kind: HeldKind, url: string, target: Target): void {
  guard.held.hold({ kind, url, vendor: target.vendor, purposes: target.purposes });
  console.info(`Cordon held a ${kind} to ${url} (${target.purposes.join(', ')} not allowed)`);
}
