import type { State } from '../../shared/client.ts';
import { uiLanguage, uiScript } from '../../shared/ui-languages.ts';
import { isGpcHonored } from '../core/policy.ts';
import { outboxKey, parseOutbox, parseStored, read, stateKey, write } from '../core/repository.ts';
import { signalConsentMode } from '../signals/consent-mode.ts';
import { installGppStub } from '../signals/gpp-stub.ts';
import { createApi } from './api.ts';
import { config, script, scriptUrl } from './config.ts';
import { manager, stored } from './consent.ts';
import { releaseAllowed } from './held.ts';
import { interceptAttributes } from './intercept-attributes.ts';
import { clearForbiddenCookies, interceptCookies } from './intercept-cookies.ts';
import { interceptInsertion } from './intercept-insertion.ts';
import { interceptMarkup } from './intercept-markup.ts';
import { interceptNetwork } from './intercept-network.ts';
import { reserveLinkSlot } from './reserve-link.ts';
import { revokeFrames } from './revoke.ts';

const base = scriptUrl.href.slice(0, scriptUrl.href.lastIndexOf('/') + 1);
// Decided once, as the page starts: the UI built in the page's (else the browser's) language, and only that one.
const lang = uiLanguage(document.documentElement.lang, navigator.languages);
const uiUrl = base + uiScript(lang);
const syncUrl = `${base}sync.js`;
const loaded = new Set<string>();

signalConsentMode('default', manager.state);
installGppStub(config.gppSections, () => load(`${base}gpp.js`));
interceptCookies();
interceptNetwork();
interceptAttributes();
interceptMarkup();
interceptInsertion();
clearForbiddenCookies();
reserveLinkSlot(lang, isGpcHonored(manager.state));

const save = (state: State) => write(stateKey(config.id), state);
/** The sync script makes a record of the state and sends it; until then it waits in localStorage. */
const record = (state: State) => {
  write(outboxKey(config.id), [...parseOutbox(read(outboxKey(config.id))), { ...state, url: location.origin + location.pathname }]);
  if (document.readyState !== 'loading') load(syncUrl);
};

manager.subscribe((state, recorded) => {
  save(state);
  clearForbiddenCookies();
  revokeFrames();
  releaseAllowed();
  signalConsentMode('update', state);
  if (recorded) record(state);
  dispatchEvent(new CustomEvent('cordon:change', { detail: { ...state } }));
});

// What this page load decided (a new device, or GPC newly honoured) is kept, and recorded when it is a choice.
if (!stored || stored.source !== manager.state.source || stored.gpc !== manager.state.gpc) {
  save(manager.state);
  if (manager.state.source === 'gpc') record(manager.state);
}
addEventListener('storage', (event) => {
  const other = event.key === stateKey(config.id) && parseStored(event.newValue);
  if (other) manager.adopt(other);
});

window.Cordon = createApi({ uiUrl, syncUrl, load });
dispatchEvent(new CustomEvent('cordon:ready', { detail: { ...manager.state } }));
// Neither is needed by the page's own DOMContentLoaded handlers, which run first when these wait for the next task.
if (document.readyState === 'loading') addEventListener('DOMContentLoaded', () => setTimeout(loadLater), { once: true });
else loadLater();

function loadLater(): void {
  load(syncUrl);
  load(uiUrl);
}

function load(src: string): void {
  if (loaded.has(src)) return;
  loaded.add(src);
  const element = document.createElement('script');
  element.src = src;
  element.async = true;
  if (script?.nonce) element.nonce = script.nonce;
  document.head.appendChild(element);
}
