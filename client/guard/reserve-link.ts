/**
 * The "Your Privacy Choices" link comes with the lazy UI, often after the page is painted: the site's
 * `[data-cordon-link]` slot holds the link's room from the start, so nothing around it moves when it arrives (no
 * layout shift). The room is the English link's (a longer translation still pushes what follows it), wider when
 * GPC's "Opt-Out Request Honored" stands beside it. A constructed stylesheet, like the UI's own, needs no
 * 'unsafe-inline' in the site's CSP.
 */
export function reserveLinkSlot(withHonoredStatus: boolean): void {
  const sheet = new CSSStyleSheet();
  // The link's size in a wide system font; `middle` keeps the line the same height whether the slot is empty or not.
  sheet.replaceSync(`[data-cordon-link]{display:inline-block;vertical-align:middle;min-height:28px;min-width:${withHonoredStatus ? 'calc(44px + 25.2em)' : 'calc(36px + 10.5em)'}}`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
