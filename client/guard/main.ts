import { isGpcHonored } from '../core/policy.ts';
import { signalConsentMode } from '../signals/consent-mode.ts';
import { installGppStub } from '../signals/gpp-stub.ts';
import { createApi } from './api.ts';
import { applyState } from './apply-state.ts';
import { config } from './config.ts';
import { manager, newlyDecided } from './consent.ts';
import { lang, load } from './lazy-scripts.ts';
import { guardWindow } from './realm.ts';
import { reserveLinkSlot } from './reserve-link.ts';

signalConsentMode('default', manager.state);
installGppStub(config.gppSections, () => void load('gpp.js'));
guardWindow(window);
// Asked for at once, as it takes the tags marked for Cordon, releases those allowed and deletes the cookies a
// forbidden vendor set on an earlier page; it runs whenever it arrives, without holding up the parser.
applyState();
reserveLinkSlot(lang, isGpcHonored(manager.state));

// GPC newly honoured is a choice, recorded as one; the apply script keeps whatever this page load decided.
if (newlyDecided && manager.state.source === 'gpc') manager.change(manager.state, true);

window.Cordon = createApi();
dispatchEvent(new CustomEvent('cordon:ready', { detail: { ...manager.state } }));
