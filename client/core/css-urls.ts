/**
 * Every URL a piece of CSS may fetch: `url(…)` and any quoted string (`@import "…"`, `image-set("…")`, `src("…")`),
 * read after comments go and escapes are decoded, as the CSS parser reads them (`u\72l(` is `url(`; a hex escape
 * ends with one whitespace, and CSS reads CR LF as one). A quoted string that is no URL
 * (a font name) resolves to the page's own origin, which is never held.
 */
export function cssUrls(css: string | null): string[] {
  const text = (css ?? '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\\([\da-f]{1,6}(\r\n|\s)?|[\s\S])/gi, (_, escaped: string) =>
    /^[\da-f]/i.test(escaped) ? String.fromCodePoint(Math.min(parseInt(escaped, 16), 0x10ffff)) : escaped);
  return [...text.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)|(['"])(.*?)\3/gis)].map((match) => match[2] ?? match[4]!);
}
