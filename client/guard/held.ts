import type { HeldItem } from '../../shared/client.ts';
import { isAllowed } from './consent.ts';

interface Entry {
  item: HeldItem;
  /** Puts the thing back; a promise makes the next release wait (an ordered script loading). */
  release?: () => void | Promise<unknown>;
}

/** Refused network calls are remembered for the panel, but a chatty vendor must not grow the list forever. */
const maxRefusals = 200;

/**
 * Everything the guard holds, in the order it was met, which for tags is document order. Releasing runs one entry
 * after another so a held script that others depend on has loaded before they run, as the parser would have done.
 */
let entries: Entry[] = [];
let chain: Promise<unknown> = Promise.resolve();

export function hold(item: HeldItem, release?: Entry['release']): void {
  if (!release && entries.filter((entry) => !entry.release).length >= maxRefusals) return;
  entries.push({ item, release });
  dispatchEvent(new CustomEvent('cordon:held', { detail: copyOf(item) }));
}

export const heldItems = (): HeldItem[] => entries.map((entry) => copyOf(entry.item));

/** Pages see copies: a tag that emptied an item's purposes would otherwise have it released. */
const copyOf = (item: HeldItem): HeldItem => ({ ...item, purposes: [...item.purposes] });

export function releaseAllowed(): void {
  const ready = entries.filter((entry) => isAllowed(entry.item.purposes));
  entries = entries.filter((entry) => !ready.includes(entry));
  for (const { release } of ready) if (release) chain = chain.then(release).catch(() => {});
}
