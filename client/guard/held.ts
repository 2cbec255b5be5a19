import type { HeldItem } from '../../shared/client.ts';

/**
 * A held element carries what releasing it needs; a held call (a stylesheet's rule, a frame's navigation) the call
 * to make again; a refused request only its item.
 */
export interface Held {
  item: HeldItem;
  element?: Element;
  /** A script the parser (or markup) already met cannot be started again: it is released as a copy in its place. */
  copy?: boolean;
  release?: () => unknown;
}

/**
 * Refused network calls are remembered for the panel, but a chatty vendor must not grow the list forever; what can
 * be released is always kept, as releasing it needs the entry, and does not count against the refused.
 */
const maxRefused = 200;

/**
 * Everything held, in the order the page met it (the apply script puts a marked tag it takes where the page has it);
 * the apply script releases from it in that order, in place, as both share this list.
 */
export const held: Held[] = [];

export function hold(item: HeldItem, element?: Element, copy?: boolean, release?: () => unknown): void {
  const refused = !element && !release;
  if (refused && held.filter((entry) => !entry.element && !entry.release).length >= maxRefused) return;
  held.push({ item, element, copy, release });
}

/** Pages see copies: a tag that emptied an item's purposes would otherwise have it released. */
export const heldItems = (): HeldItem[] => held.map(({ item }) => ({ ...item, purposes: [...item.purposes] }));
