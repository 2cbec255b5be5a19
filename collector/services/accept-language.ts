/** A language range (RFC 9110 §12.5.4, RFC 4647): a BCP 47 tag's shape, or `*`. */
const languageRange = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;
/** A weight: 0 to 1 with at most three decimals. */
const weight = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

interface Ranked { tag: string; q: number; order: number }

/**
 * The languages an Accept-Language header names, most wanted first: by weight, equal weights in the order given.
 * A range weighted 0 is one the browser refuses, so it is left out, as are `*` (which names no language) and any
 * part that is not a language range with a valid weight: a browser's header never breaks the page, it is only
 * a hint.
 */
export function acceptedLanguages(header: string | undefined): string[] {
  const ranked = (header ?? '').split(',').flatMap((part, order): Ranked[] => {
    const [tag = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (!languageRange.test(tag) || tag === '*') return [];
    const q = weightOf(params);
    return q === undefined || q === 0 ? [] : [{ tag, q, order }];
  });
  return ranked.sort((a, b) => b.q - a.q || a.order - b.order).map((entry) => entry.tag);
}

/** The q parameter's value, 1 when there is none; undefined when it is malformed. */
function weightOf(params: string[]): number | undefined {
  const q = params.find((param) => /^q\s*=/i.test(param));
  if (q === undefined) return 1;
  const match = weight.exec(q.replace(/\s+/g, ''));
  return match ? Number(match[1]) : undefined;
}
