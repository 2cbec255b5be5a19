import { uiLanguage, uiScript } from '../../shared/ui-languages.ts';
import { script, scriptUrl } from './config.ts';
import { trusted } from './trusted-types.ts';

// Decided once, as the page starts: the UI built in the page's (else the browser's) language, and only that one.
export const lang = uiLanguage(document.documentElement.lang, navigator.languages);
export const uiFile = uiScript(lang);

/** What each script the guard loaded registers, by its URL. */
const parts = new Map<string, { part: Promise<unknown>; register(part: unknown): void }>();

/** Loads one of the scripts beside the guard, once, with the guard's nonce; resolves to what it registers. */
export function load<Part>(file: string): Promise<Part> {
  const src = new URL(file, scriptUrl).href;
  if (!parts.has(src)) {
    let register!: (part: unknown) => void;
    parts.set(src, { part: new Promise((resolve) => (register = resolve)), register });
    const element = document.createElement('script');
    // A script inserted this way is async already.
    element.src = trusted('createScriptURL', src);
    element.nonce = script?.nonce ?? '';
    document.head.appendChild(element);
  }
  return parts.get(src)!.part as Promise<Part>;
}

/**
 * `Cordon.register`: a lazy script hands its part over while it runs. Only the scripts this guard loaded are
 * heard, not any script that asks first (third-party scripts share the page), and each only once.
 */
export function register(part: unknown): void {
  parts.get((document.currentScript as HTMLScriptElement | null)?.src ?? '')?.register(part);
}
