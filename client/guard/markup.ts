import { heldPrefix, urlElementSelector } from '../core/url-attributes.ts';
import { attributeUrl, blockedAttributes, disarm, elementTarget, isBlockedScript, isRules, nativeRemoveAttribute, nativeSetAttribute } from './hold-element.ts';
import { readOnce, trusted } from './trusted-types.ts';

const mayReachAnything = /\b(src|srcset|href|data|poster|ping|background|style|srcdoc|imagesrcset|from|to|values|fill|stroke|mask|clip-path|marker-\w+|cursor)\s*=|<style|data-cordon/i;
/** A template's inert document, where nothing fetches: markup is parsed apart in elements of its own. */
const inert = document.createElement('template').content.ownerDocument;
/** The elements markup is parsed in: their own `innerHTML` is not rewritten again. */
const parsers = new WeakSet<object>();
export const isParser = (element: unknown) => parsers.has(element as object);
/** Marks a closed declarative shadow root's template that the guard attaches itself, once the markup is parsed. */
export const closedRootMark = 'data-cordon-shadowrootmode';

/**
 * HTML becomes elements without any setter running, so the markup itself is rewritten first, parsed as it will be
 * in `context`: a blocked URL moves into a `data-cordon-held-*` attribute, which fetches nothing, and the apply
 * script takes the element when it appears. Declarative shadow roots stay templates here, and are rewritten inside
 * as well; where the markup makes them (`declarative`), a closed one that holds something is marked instead. A
 * `TrustedHTML` stays trusted; markup with nothing to hold is given back as it came.
 */
export function rewriteMarkup(markup: unknown, context?: Node | null, declarative?: boolean): unknown {
  const html = readOnce(markup);
  const text = String(html);
  const parser = mayReachAnything.test(text) && parse(text, context);
  if (!parser || !holdWithin(parser, declarative)) return html;
  const rewritten = parser.innerHTML;
  return window.trustedTypes?.isHTML(html) ? trusted('createHTML', rewritten) : rewritten;
}

/** The first URL markup would fetch that is held now (that of an `<iframe srcdoc>`), if any. */
export function markupUrl(html: string): string | undefined {
  const parser = mayReachAnything.test(html) && parse(html);
  return parser ? holdWithin(parser) : undefined;
}

/**
 * The markup parsed apart, in a template of its own (markup within, an `<iframe srcdoc>`'s, is parsed while it is
 * looked over). Markup for an SVG or MathML element is foreign content, as it will be there (a `<style>` in it is no
 * raw text: its entities are read), so it is parsed in such an element. Without a Cordon policy, a site enforcing
 * Trusted Types lets no one parse markup: it is passed on untouched.
 */
function parse(html: string, context?: Node | null): Element | undefined {
  const { namespaceURI, localName } = (context ?? {}) as Element;
  const parser = context?.nodeType === 1 && namespaceURI !== 'http://www.w3.org/1999/xhtml' ? inert.createElementNS(namespaceURI, localName) : inert.createElement('template');
  parsers.add(parser);
  try {
    parser.innerHTML = trusted('createHTML', html);
    return parser;
  } catch {
    return undefined;
  }
}

/** Holds what the markup in `parsed` (an element, or a template's content) would fetch; the first URL held, if any. */
function holdWithin(parsed: Element, declarative?: boolean): string | undefined {
  let first: string | undefined;
  for (const element of ((parsed as HTMLTemplateElement).content ?? parsed).querySelectorAll(`${urlElementSelector},template`)) {
    const url = element.localName === 'template' ? holdInTemplate(element as HTMLTemplateElement, declarative) : holdInMarkup(element);
    first ??= url;
  }
  return first;
}

/**
 * A closed shadow root cannot be reached once attached, so what it held would never be released: one that holds
 * something loses its mode, so the parser leaves it a template, which the guard attaches, closed, once parsed.
 */
function holdInTemplate(element: HTMLTemplateElement, declarative?: boolean): string | undefined {
  const url = holdWithin(element, declarative);
  if (url && declarative && /^closed$/i.test(element.getAttribute('shadowrootmode')!)) {
    nativeSetAttribute.call(element, closedRootMark, '');
    nativeRemoveAttribute.call(element, 'shadowrootmode');
  }
  return url;
}

function holdInMarkup(element: Element): string | undefined {
  if (isBlockedScript(element, false)) {
    // The apply script takes it as a tag marked for Cordon and releases a copy of the type it had; speculation rules
    // are marked with the purposes of what they list, which decide when they go.
    const type = element.getAttribute('type');
    if (type && !element.hasAttribute('data-type')) nativeSetAttribute.call(element, 'data-type', type);
    const listed = isRules(type) && elementTarget(element, 'type', type!);
    if (listed) nativeSetAttribute.call(element, 'data-cordon', listed.purposes.join(' '));
    nativeSetAttribute.call(element, 'type', 'text/plain');
    return 'inline';
  }
  const blocked = Object.entries(blockedAttributes(element));
  for (const [attribute, value] of blocked) {
    nativeSetAttribute.call(element, heldPrefix + attribute, value);
    disarm(element, attribute);
  }
  return blocked[0] && attributeUrl(element, ...blocked[0]);
}
