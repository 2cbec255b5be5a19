import { createStore, del, entries, get, set } from 'idb-keyval';
import type { Choices } from '../../shared/choices.ts';
import type { State } from '../../shared/client.ts';
import type { Identify } from '../guard/api.ts';
import { choiceNames } from '../../shared/purposes.ts';
import type { PreferenceRecord } from '../../shared/record.ts';
import { choicesOf } from '../core/boot-state.ts';
import { newUuid } from '../core/ids.ts';
import { outboxKey, readOutbox, stateKey, validState, write, type PendingRecord } from '../core/repository.ts';

// Loaded by the guard after the page has parsed, and at once when a choice (or Cordon.identify) needs it before that.
const cordon = window.Cordon;
const site = cordon.config.id;
const collector = new URL((document.currentScript as HTMLScriptElement).src).origin;
const records = createStore('cordon-records', site);
const states = createStore('cordon-state', site);

/**
 * Hands a state to the guard the way another tab's reaches it, which the apply script checks like any stored
 * state; kept in the mirror too, where the apply script finds it if it was not listening yet.
 */
function adopt(state: State): void {
  write(stateKey(site), state);
  dispatchEvent(new StorageEvent('storage', { key: stateKey(site), newValue: JSON.stringify(state) }));
}

function recordOf(pending: PendingRecord): PreferenceRecord {
  return {
    id: newUuid(), site, deviceId: pending.deviceId, choices: choicesOf(pending), gpc: pending.gpc,
    source: pending.source === 'default' ? 'user' : pending.source, regime: pending.regime,
    occurredAt: pending.updatedAt ?? new Date().toISOString(), url: pending.url,
  };
}

/**
 * A record waits in IndexedDB from the moment it leaves the page's outbox until the collector has answered, so one
 * made while the collector (or the network) is down goes out on the next page load or when the browser is back
 * online. Record ids make sending twice harmless.
 */
async function post(record: PreferenceRecord): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${collector}/v1/records`, {
      method: 'POST', body: JSON.stringify(record), keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' },
    });
  } catch {
    return;
  }
  if (!response.ok && retriable(response.status)) return;
  if (!response.ok) console.warn(`Cordon: the collector refused record ${record.id} (${response.status}): ${await response.text()}`);
  await del(record.id, records);
}

/** A 4xx other than these will never succeed; keeping it would only resend it forever. */
function retriable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Moves the guard's localStorage outbox into IndexedDB as records, then sends; the collector validates every record. */
async function drain(): Promise<void> {
  const waiting = readOutbox(site);
  localStorage.removeItem(outboxKey(site));
  for (const pending of waiting) {
    if (!validState(pending)) continue;
    const record = recordOf(pending);
    await set(record.id, record, records);
  }
  const queued = await entries<string, PreferenceRecord>(records);
  await Promise.all(queued.map(([, record]) => post(record)));
}

/**
 * The durable copy of the choices. When the mirror was lost (localStorage cleared, IndexedDB kept), the guard
 * started this page as a new device; it takes the kept choices back the way it takes another tab's.
 */
async function keepState(state: State): Promise<void> {
  const kept = await get<State>('state', states);
  if (kept && state.source === 'default' && kept.deviceId !== state.deviceId) return adopt(kept);
  await set('state', state, states);
}

/** `Cordon.identify`: links this device to the visitor's account; the account's opt-outs add to this browser's, never clear one. */
const identify: Identify = async (token) => {
  const response = await fetch(`${collector}/v1/identify`, {
    method: 'POST', credentials: 'omit', headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ site, deviceId: cordon.getState().deviceId, token }),
  });
  const body = await response.json() as { choices?: Choices; error?: string };
  if (!response.ok || !body.choices) throw new Error(`Cordon.identify: ${body.error ?? response.status}`);
  const state = cordon.getState();
  const account = body.choices;
  if (choiceNames.some((name) => account[name] && !state[name])) {
    const optOuts = Object.fromEntries(choiceNames.map((name) => [name, state[name] || account[name]]));
    adopt({ ...state, ...optOuts, source: 'account', updatedAt: new Date().toISOString() });
  }
  return cordon.getState();
};

const run = (task: Promise<void>) => task.catch((error: unknown) => console.warn('Cordon: records will be sent later:', error));
cordon.register(identify);
addEventListener('cordon:change', (event) => {
  run(keepState((event as CustomEvent<State>).detail));
  run(drain());
});
addEventListener('online', () => run(drain()));
run(keepState(cordon.getState()));
run(drain());
