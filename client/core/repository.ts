import type { State } from '../../shared/client.ts';
import { choiceNames, stateSources } from '../../shared/purposes.ts';
import type { PreferenceRecord } from '../../shared/record.ts';

export const stateKey = (site: string) => `cordon:${site}`;
/** Records not yet handed to the sync script, which moves them into IndexedDB and sends them. */
export const outboxKey = (site: string) => `cordon:${site}:outbox`;

/**
 * The synchronous side of storage: the boot read must finish before the next tag in the document runs, so the
 * guard reads and writes localStorage; the sync script keeps the durable copy in IndexedDB.
 */
export function createRepository(site: string) {
  return {
    load: (): State | undefined => parseStored(read(stateKey(site))),
    save: (state: State): void => write(stateKey(site), state),
    queue(record: PreferenceRecord): void {
      write(outboxKey(site), [...parseOutbox(read(outboxKey(site))), record]);
    },
  };
}

export function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage can be full or disabled; the choice still applies to this page.
  }
}

/** The mirror is page-writable, so anything malformed is ignored rather than trusted. */
export function parseStored(text: string | null): State | undefined {
  const value = parse(text) as Record<string, unknown> | undefined;
  const valid = value && [...choiceNames, 'gpc'].every((name) => typeof value[name] === 'boolean')
    && (stateSources as readonly unknown[]).includes(value.source) && /^[\w-]{16,64}$/.test(value.deviceId as string);
  return valid ? (value as unknown as State) : undefined;
}

export function parseOutbox(text: string | null): PreferenceRecord[] {
  const value = parse(text);
  return Array.isArray(value) ? value : [];
}

function parse(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
