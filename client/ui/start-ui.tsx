import { effect } from '@preact/signals-core';
import { Fragment, h, render } from 'preact';
import type { UiLanguage } from '../../shared/ui-languages.ts';
import type { Ui } from '../guard/api.ts';
import { ChoicesLink } from './choices-link.tsx';
import { ConsentBanner } from './consent-banner.tsx';
import { PreferencesDialog } from './preferences-dialog.tsx';
import { shadowHost } from './shadow-host.ts';
import { createUiStore } from './store.ts';
import type { Strings } from './strings/en.ts';

/** Renders the UI in the one language this build carries; each `ui.<lang>.js` entry calls it with its strings. */
export function startUi(lang: UiLanguage, t: Strings): void {
  const cordon = window.Cordon;
  const store = createUiStore(cordon);
  // The site decides where the link goes with `data-cordon-link`; without one it sits in the page's corner.
  const slots = document.querySelectorAll('[data-cordon-link]');
  const linkRoots = [...(slots.length > 0 ? slots : [document.body])].map((slot) => shadowHost(slot, slots.length > 0 ? 'inline' : 'corner', lang));
  const overlayRoot = shadowHost(document.body, 'overlay', lang);
  // One effect renders everything, so each signal read during a render is tracked and a change re-renders (Preact
  // diffs it); signals-core and an effect instead of @preact/signals, whose Preact integration alone is ~2 KB gzip.
  effect(() => {
    for (const root of linkRoots) render(<ChoicesLink store={store} t={t} />, root);
    render(<Fragment><ConsentBanner store={store} t={t} /><PreferencesDialog store={store} t={t} /></Fragment>, overlayRoot);
  });
  // Registration must happen while this script runs (the guard checks document.currentScript is the UI script it
  // loaded), and after rendering, so that a request to open the preferences made before the UI loaded finds the dialog.
  cordon.register({ open: () => store.open() } satisfies Ui);
}
