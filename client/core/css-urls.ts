/** A CSS escape: hex digits and one whitespace after them (CR LF being one), or any other character. */
const escape = String.raw`\\(?:[\da-f]{1,6}(?:\r\n|\s)?|[\s\S])`;
/**
 * A string, a comment, an escape, or a function's name and what follows its `(` up to a quote, unless that is the
 * name of a function in it (`image-set(url(…))`).
 */
const tokens = new RegExp(String.raw`(["'])((?:${escape}|(?!\1)[^\\])*)\1?|\/\*[\s\S]*?\*\/|(?<![\w-])((?:${escape}|[\w-])+)\(\s*(?:(?=((?:${escape}|[^'"()\s\\])*))\4(?!\())?|${escape}`, 'gi');

/** CSS with its escapes decoded: `\72`, `\72 ` and `\r` are `r`. */
const unescaped = (css: string) => css.replace(new RegExp(escape, 'gi'), (escaped) =>
  (/^\\[\da-f]/i.test(escaped) ? String.fromCodePoint(Math.min(parseInt(escaped.slice(1), 16), 0x10ffff)) : escaped[1]!));

/**
 * Every URL a piece of CSS may fetch: `url(…)` and any quoted string (`@import "…"`, `image-set("…")`, `src("…")`),
 * read token by token as the CSS parser reads them: no comment starts in a string, an escape or a url(), and a
 * function's name and a URL are read with their escapes decoded (`u\72l(` is `url(`). A quoted string that is no URL
 * (a font name) resolves to the page's own origin, which is never held.
 */
export function cssUrls(css: string | null): string[] {
  const urls: string[] = [];
  for (const [, quote, string, name, url] of (css ?? '').matchAll(tokens)) {
    if (quote) urls.push(unescaped(string!));
    else if (url && /^url$/i.test(unescaped(name!))) urls.push(unescaped(url));
  }
  return urls;
}
