import { isGpcHonored } from '../core/policy.ts';
import { stateKey, write } from '../core/repository.ts';
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
import { lang, load, uiFile } from './lazy-scripts.ts';
import { reserveLinkSlot } from './reserve-link.ts';

signalConsentMode('default', manager.state);
installGppStub(config.gppSections, () => void load('gpp.js'));
interceptCookies();
interceptNetwork();
interceptAttributes();
interceptMarkup();
interceptInsertion();
// Cookies a forbidden vendor set on an earlier page go at once; reading them is a synchronous round trip, so
// only when there can be some.
if (cookiesToClear()) applyState();
reserveLinkSlot(lang, isGpcHonored(manager.state));

// What this page load decided (a new device, or GPC newly honoured) is kept, and recorded when it is a choice.
if (stored?.source !== manager.state.source || stored.gpc !== manager.state.gpc) {
  write(stateKey(config.id), manager.state);
  if (manager.state.source === 'gpc') manager.change(manager.state, true);
}

window.Cordon = createApi();
dispatchEvent(new CustomEvent('cordon:ready', { detail: { ...manager.state } }));
if (document.readyState === 'loading') addEventListener('DOMContentLoaded', loadLater);
else loadLater();

/**
 * The apply script comes even when nothing asked for it (it records what this page load decided), before the
 * page's load event, so a choice made after it applies at once. The UI and sync are not needed by the page's own
 * DOMContentLoaded handlers, which run first when these wait for the next task.
 */
function loadLater(): void {
  applyState();
  setTimeout(() => {
    load('sync.js');
    load(uiFile);
  });
}
