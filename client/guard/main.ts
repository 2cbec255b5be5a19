import type { ClientConfig, State } from '../../shared/client.ts';
import type { PreferenceRecord } from '../../shared/record.ts';
import { bootState, choicesOf } from '../core/boot-state.ts';
import { newDeviceId, newUuid } from '../core/ids.ts';
import { createManager, type Manager } from '../core/manager.ts';
import { allowed } from '../core/policy.ts';
import { createRepository, parseStored, stateKey } from '../core/repository.ts';
import { signalConsentMode } from '../signals/consent-mode.ts';
import { installGppStub } from '../signals/gpp-stub.ts';
import { createApi } from './api.ts';
import { createClassifier } from './classify.ts';
import type { Guard } from './guard.ts';
import { createHeldRegistry } from './held.ts';
import { interceptAttributes } from './intercept-attributes.ts';
import { interceptCookies } from './intercept-cookies.ts';
import { interceptInsertion } from './intercept-insertion.ts';
import { interceptMarkup } from './intercept-markup.ts';
import { interceptNetwork } from './intercept-network.ts';
import { revokeFrames } from './revoke.ts';

// The collector replaces this string with the site's configuration when it serves the script.
const config = JSON.parse('__CORDON_CONFIG__') as ClientConfig;

const script = document.currentScript as HTMLScriptElement | null;
const scriptUrl = new URL(script?.src || location.href);
const base = scriptUrl.href.slice(0, scriptUrl.href.lastIndexOf('/') + 1);
const nativeFetch = window.fetch;

const repository = createRepository(config.id);
const stored = repository.load();
const manager = createManager(bootState(config, stored, navigator.globalPrivacyControl === true, stored?.deviceId ?? newDeviceId()));
const isAllowed = (purposes: string[]) => allowed(manager.state, purposes);
const guard: Guard = { classify: createClassifier(config, location.href, scriptUrl.host), isAllowed, held: createHeldRegistry(isAllowed) };

signalConsentMode('default', manager.state);
installGppStub(config.gppSections.map((section) => (section === 'usnat' ? 7 : 8)), once(() => loadScript(`${base}gpp.js`)));
const cookies = interceptCookies(guard, config.vendors);
interceptNetwork(guard, nativeFetch);
interceptAttributes(guard);
interceptMarkup(guard);
interceptInsertion(guard);
cookies.clearForbidden();

const loadSync = once(() => loadScript(`${base}sync.js`));
const record = (state: State) => {
  repository.queue(recordOf(state));
  if (document.readyState !== 'loading') loadSync();
};
const recordOf = (state: State): PreferenceRecord => ({
  id: newUuid(), site: config.id, deviceId: state.deviceId, choices: choicesOf(state), gpc: state.gpc,
  source: state.source === 'default' ? 'user' : state.source, regime: state.regime,
  occurredAt: state.updatedAt ?? new Date().toISOString(), url: `${location.origin}${location.pathname}`,
});

manager.subscribe((state, change) => {
  repository.save(state);
  cookies.clearForbidden();
  revokeFrames(guard);
  void guard.held.releaseAllowed();
  signalConsentMode('update', state);
  if (change.record) record(state);
  dispatchEvent(new CustomEvent('cordon:change', { detail: { ...state } }));
});

// What this page load decided (a new device, or GPC newly honoured) is kept, and recorded when it is a choice.
if (!stored || stored.source !== manager.state.source || stored.gpc !== manager.state.gpc) {
  repository.save(manager.state);
  if (manager.state.source === 'gpc') record(manager.state);
}
addEventListener('storage', (event) => {
  const other = event.key === stateKey(config.id) ? parseStored(event.newValue) : undefined;
  if (other) manager.adopt(other);
});

const uiUrl = `${base}ui.js`;
const loadUi = once(() => loadScript(uiUrl));
window.Cordon = createApi({ config, manager, getHeld: guard.held.list, identify: (token) => identify(manager, token), uiUrl, loadUi });
dispatchEvent(new CustomEvent('cordon:ready', { detail: { ...manager.state } }));
afterParsing(() => {
  loadSync();
  loadUi();
});

async function identify(manager: Manager, token: string): Promise<State> {
  const response = await nativeFetch.call(window, `${scriptUrl.origin}/v1/identify`, {
    method: 'POST', credentials: 'omit', headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ site: config.id, deviceId: manager.state.deviceId, token }),
  });
  const body = await response.json() as { choices?: State; error?: string };
  if (!response.ok || !body.choices) throw new Error(`Cordon.identify: ${body.error ?? response.status}`);
  return { ...manager.applyAccount(body.choices) };
}

function loadScript(src: string): void {
  const element = document.createElement('script');
  element.src = src;
  element.async = true;
  if (script?.nonce) element.nonce = script.nonce;
  document.head.appendChild(element);
}

function afterParsing(run: () => void): void {
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

function once(run: () => void): () => void {
  let done = false;
  return () => {
    if (!done) run();
    done = true;
  };
}
