import type { HeldItem } from '../../shared/client.ts';

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
export function createHeldRegistry(isAllowed: (purposes: string[]) => boolean) {
  let entries: Entry[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  return {
    hold(item: HeldItem, release?: Entry['release']): void {
      if (!release && entries.filter((entry) => !entry.release).length >= maxRefusals) return;
      entries.push({ item, release });
      dispatchEvent(new CustomEvent('cordon:held', { detail: item }));
    },
    list(): HeldItem[] {
      return entries.map((entry) => ({ ...entry.item }));
    },
    releaseAllowed(): Promise<unknown> {
      const ready = entries.filter((entry) => isAllowed(entry.item.purposes));
      entries = entries.filter((entry) => !ready.includes(entry));
      for (const entry of ready) if (entry.release) chain = chain.then(entry.release).catch(() => {});
      return chain;
    },
  };
}
export type HeldRegistry = ReturnType<typeof createHeldRegistry>;
