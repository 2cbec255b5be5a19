import { uiLanguage, uiScript } from '../../shared/ui-languages.ts';
import { script, scriptUrl } from './config.ts';

const base = scriptUrl.href.slice(0, scriptUrl.href.lastIndexOf('/') + 1);
// Decided once, as the page starts: the UI built in the page's (else the browser's) language, and only that one.
export const lang = uiLanguage(document.documentElement.lang, navigator.languages);
export const uiUrl = base + uiScript(lang);
export const syncUrl = `${base}sync.js`;
export const applyUrl = `${base}apply.js`;
export const gppUrl = `${base}gpp.js`;

const loaded = new Set<string>();

/** Loads one of the scripts beside the guard, once, with the guard's nonce (a strict CSP allows nothing else). */
export function load(src: string): void {
  if (loaded.has(src)) return;
  loaded.add(src);
  const element = document.createElement('script');
  element.src = src;
  element.async = true;
  if (script?.nonce) element.nonce = script.nonce;
  document.head.appendChild(element);
}

/** Only the scripts this guard loaded may take a part over, not any script that asks first. */
export const loadedFrom = (url: string) => (document.currentScript as HTMLScriptElement | null)?.src === url;
