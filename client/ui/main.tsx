import { render } from 'preact';
import { ChoicesLink } from './choices-link.tsx';
import { ConsentBanner } from './consent-banner.tsx';
import { PreferencesDialog } from './preferences-dialog.tsx';
import { shadowHost } from './shadow-host.ts';
import { createUiStore } from './store.ts';
import { stringsFor } from './strings.ts';

const cordon = window.Cordon;
const store = createUiStore(cordon);
// Registration must happen while this script runs: the guard checks document.currentScript is its own ui.js.
cordon.registerUi({ open: () => store.open() });

const { lang, t } = stringsFor(document.documentElement.lang, navigator.languages);
const rootOf = (parent: Element, placement: Parameters<typeof shadowHost>[1]) => {
  const root = shadowHost(parent, placement);
  (root.host as HTMLElement).lang = lang;
  return root;
};

// The site decides where the link goes with `data-cordon-link`; without one it sits in the page's corner.
const slots = document.querySelectorAll('[data-cordon-link]');
for (const slot of slots.length > 0 ? slots : [document.body]) {
  render(<ChoicesLink store={store} t={t} />, rootOf(slot, slots.length > 0 ? 'inline' : 'corner'));
}
render(<><ConsentBanner store={store} t={t} /><PreferencesDialog store={store} t={t} /></>, rootOf(document.body, 'overlay'));
