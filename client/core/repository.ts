import type { State } from '../../shared/client.ts';
import { choiceNames, stateSources } from '../../shared/purposes.ts';

export const stateKey = (site: string) => `cordon:${site}`;
/** States the visitor chose, not yet handed to the sync script, which makes records of them and sends them. */
export const outboxKey = (site: string) => `cordon:${site}:outbox`;
/** A chosen state and the page it was chosen on: everything a preference record needs but its id. */
export type PendingRecord = State & { url: string };

/**
 * The synchronous side of storage: the boot read must finish before the next tag in the document runs, so the
 * guard reads and writes localStorage; the sync script keeps the durable copy in IndexedDB.
 */
export function read(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key)!);
  } catch {
    // Storage can be disabled, and the page can write anything there.
    return undefined;
  }
}

export function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage can be full or disabled; the choice still applies to this page.
  }
}

/** The mirror and the outbox are page-writable, so anything malformed is ignored rather than trusted. */
export function validState<T extends State>(value: unknown): T | undefined {
  const state = value as Record<string, unknown> | null | undefined;
  const valid = state && [...choiceNames, 'gpc'].every((name) => typeof state[name] === 'boolean')
    && (stateSources as readonly unknown[]).includes(state.source) && /^[\w-]{16,64}$/.test(state.deviceId as string);
  return valid ? (value as T) : undefined;
}

export const readState = (site: string) => validState(read(stateKey(site)));

export function readOutbox(site: string): PendingRecord[] {
  const value = read(outboxKey(site));
  return Array.isArray(value) ? value : [];
}
