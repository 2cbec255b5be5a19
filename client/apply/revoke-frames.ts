import type { GuardInternals } from '../guard/apply-state.ts';

/**
 * A frame keeps talking to its vendor for as long as it is loaded, so after an opt-out a frame whose purposes are
 * now forbidden is emptied, and held to come back if they are allowed again; not one the visitor loaded for this
 * page view, which stays until they leave it.
 */
export function revokeFrames({ pending, blockedAttributes, holdElement, restore }: GuardInternals, keep: WeakSet<Element>): void {
  for (const frame of document.querySelectorAll('iframe[src]')) {
    if (pending.has(frame) || keep.has(frame)) continue;
    const blocked = blockedAttributes(frame);
    if (!blocked.src) continue;
    holdElement(frame, blocked);
    restore(frame, 'src', 'about:blank');
  }
}
