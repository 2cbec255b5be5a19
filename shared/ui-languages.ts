/**
 * The languages the UI speaks. It is built once per language (`ui.<lang>.js`, only that language's strings), and
 * the guard loads the one the page needs, so a visitor downloads exactly one. The first is the fallback.
 */
export const uiLanguages = ['en', 'es'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

export const uiScript = (lang: UiLanguage) => `ui.${lang}.js`;
/** The note in a held frame's place, built once per language too, and loaded only on a page that holds a frame. */
export const heldFrameScript = (lang: UiLanguage) => `held-frame.${lang}.js`;

/** The page's declared language wins over the browser's, as the UI sits inside the page's text. */
export function uiLanguage(pageLang: string, browserLanguages: readonly string[]): UiLanguage {
  const wanted = [pageLang, ...browserLanguages].map((tag) => tag.toLowerCase().split('-')[0]);
  return wanted.find((lang): lang is UiLanguage => (uiLanguages as readonly string[]).includes(lang!)) ?? uiLanguages[0];
}
