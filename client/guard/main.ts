import type { State } from '../../shared/client.ts';
import { isGpcHonored } from '../core/policy.ts';
import { outboxKey, parseOutbox, read, stateKey, write } from '../core/repository.ts';
import { signalConsentMode } from '../signals/consent-mode.ts';
import { installGppStub } from '../signals/gpp-stub.ts';
import { createApi } from './api.ts';
import { applyState } from './apply-state.ts';
import { config } from './config.ts';
import { manager, stored } from './consent.ts';
import { interceptAttributes } from './intercept-attributes.ts';
import { cookiesToClear, interceptCookies } from './intercept-cookies.ts';
import { interceptInsertion } from './intercept-insertion.ts';
import { interceptMarkup } from './intercept-markup.ts';
import { interceptNetwork } from './intercept-network.ts';
import { applyUrl, gppUrl, lang, load, syncUrl, uiUrl } from './lazy-scripts.ts';
import { reserveLinkSlot } from './reserve-link.ts';

signalConsentMode('default', manager.state);
installGppStub(config.gppSections, () => load(gppUrl));
interceptCookies();
interceptNetwork();
interceptAttributes();
interceptMarkup();
interceptInsertion();
// Cookies a forbidden vendor set on an earlier page go at once; reading them is a synchronous round trip, so
// only when there can be some.
if (cookiesToClear()) applyState();
reserveLinkSlot(lang, isGpcHonored(manager.state));

const save = (state: State) => write(stateKey(config.id), state);
/** The sync script makes a record of the state and sends it; until then it waits in localStorage. */
const record = (state: State) => {
  write(outboxKey(config.id), [...parseOutbox(read(outboxKey(config.id))), { ...state, url: location.origin + location.pathname }]);
  if (document.readyState !== 'loading') load(syncUrl);
};

manager.subscribe((state, recorded) => {
  save(state);
  applyState();
  signalConsentMode('update', state);
  if (recorded) record(state);
  dispatchEvent(new CustomEvent('cordon:change', { detail: { ...state } }));
});

// What this page load decided (a new device, or GPC newly honoured) is kept, and recorded when it is a choice.
if (!stored || stored.source !== manager.state.source || stored.gpc !== manager.state.gpc) {
  save(manager.state);
  if (manager.state.source === 'gpc') record(manager.state);
}

window.Cordon = createApi();
dispatchEvent(new CustomEvent('cordon:ready', { detail: { ...manager.state } }));
// None is needed by the page's own DOMContentLoaded handlers, which run first when these wait for the next task.
if (document.readyState === 'loading') addEventListener('DOMContentLoaded', () => setTimeout(loadLater), { once: true });
else loadLater();

/** The apply script also comes when nothing asked for it, to adopt other tabs' changes and release what they allow. */
function loadLater(): void {
  load(applyUrl);
  load(syncUrl);
  load(uiUrl);
}
