import css from './styles.css?inline';

let sheet: CSSStyleSheet | undefined;

/**
 * A shadow root for one piece of the UI, in the language it speaks, so the site's CSS cannot break it nor ours leak
 * out. The styles are a constructed stylesheet: no `<style>` element or style attribute, which a strict CSP
 * (style-src without 'unsafe-inline') would refuse.
 */
export function shadowHost(parent: Element, placement: 'inline' | 'corner' | 'overlay', lang: string): ShadowRoot {
  const host = document.createElement('cordon-ui');
  host.dataset.placement = placement;
  host.lang = lang;
  parent.append(host);
  const root = host.attachShadow({ mode: 'open' });
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  root.adoptedStyleSheets = [sheet];
  return root;
}
