import type { UiLanguage } from '../../shared/ui-languages.ts';

/** The link's text (and with GPC the "Opt-Out Request Honored" status beside it) in each language, in em. */
const textWidthEm: Record<UiLanguage, [link: number, withStatus: number]> = { en: [10.5, 25.2], es: [13.9, 32.4] };

/**
 * The "Your Privacy Choices" link comes with the lazy UI, often after the page is painted: the site's
 * `[data-cordon-link]` slot holds the link's room from the start, so nothing around it moves when it arrives (no
 * layout shift). A constructed stylesheet, like the UI's own, needs no 'unsafe-inline' in the site's CSP.
 */
export function reserveLinkSlot(lang: UiLanguage, withHonoredStatus: boolean): void {
  const sheet = new CSSStyleSheet();
  // The icon and gaps in px, the text in em of a wide system font; `middle` keeps the line the same height whether
  // the slot is empty or not.
  const em = textWidthEm[lang][withHonoredStatus ? 1 : 0];
  sheet.replaceSync(`[data-cordon-link]{display:inline-block;vertical-align:middle;min-height:28px;min-width:min(100%,calc(${withHonoredStatus ? 44 : 36}px + ${em}em))}`);
  document.adoptedStyleSheets.push(sheet);
}
