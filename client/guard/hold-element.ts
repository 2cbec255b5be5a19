import type { HeldKind } from '../../shared/client.ts';
import { cssUrls } from '../core/css-urls.ts';
import { svgUrlAttributes, urlAttributeNames } from '../core/url-attributes.ts';
import { classify, type Target } from './classify.ts';
import { blockedTarget, everyPurpose } from './guard.ts';
import { hold } from './held.ts';
import { markupUrl } from './markup.ts';

// Captured before any interceptor replaces them, so releasing never loops back into the guard.
export const nativeSetAttribute = Element.prototype.setAttribute;
export const nativeRemoveAttribute = Element.prototype.removeAttribute;
export const nativeSetAttributeNS = Element.prototype.setAttributeNS;
export const xlinkNamespace = 'http://www.w3.org/1999/xlink';

/** Attributes the guard took off an element, to be put back on release. */
export const pending = new WeakMap<Element, Record<string, string>>();

/** Elements of any window: a frame's document has its own classes, so tags are told by name. */
export const isScript = (element: Element) => element.localName === 'script';
/** A `text/plain` script (a tag marked for Cordon) neither runs nor fetches. */
export const urlAttributesOf = (element: Element): string[] =>
  isScript(element) && element.getAttribute('type') === 'text/plain' ? [] : urlAttributeNames(element);
/**
 * A detached element (parsed markup, a template's content) will resolve its URLs where it is inserted, against a
 * `<base href>` that comes with it, if any. That base is read as the page will read it, against the page's URL: the
 * markup's inert document resolves a relative one to no URL, against which no URL parses, held or not.
 */
function baseOf(element: Element): string {
  if (element.isConnected) return element.baseURI;
  try {
    return new URL((element.getRootNode() as ParentNode).querySelector?.('base[href]')?.getAttribute('href') ?? '', document.baseURI).href;
  } catch {
    // The browser ignores a base it cannot parse.
    return document.baseURI;
  }
}
/** The words of a list separated by spaces or commas. */
const words = (list: string | null) => list?.match(/[^\s,]+/g) ?? [];
export const declaredPurposes = (element: Element) => words(element.getAttribute('data-cordon'));
/**
 * A script's type is read without case (and, by the standard, without the spaces around it). An import map is held
 * as speculation rules are: the URLs it maps specifiers to are fetched by whatever imports them.
 */
export const isRules = (type: string | null) => /^\s*(speculationrules|importmap)\s*$/i.test(type!);
/**
 * Speculation rules prefetch and prerender the URLs they list, strings of their JSON, read with their escapes decoded
 * (`\u002e` is a dot) where the text is JSON yet.
 */
export function ruleStrings(text: string | null): string[] {
  try {
    text = JSON.stringify(JSON.parse(text!));
  } catch {
    // Not yet whole: what comes later is checked as it comes.
  }
  return text!.split('"');
}

/**
 * Speculation rules reach every URL they list, and a document rule (one from `"source": "document"`, or with a
 * `where`) any link the page has or gets later, unless its `where` binds every link it matches to hosts that reach
 * nothing held (WordPress's `"href_matches": "/*"`). They wait for every purpose of what they may reach, allowed now
 * or not: a set released for the purposes held now would be held again, as its copy comes in, once a later choice
 * holds another.
 */
export function rulesTarget(element: Element, text: string | null): { url?: string; target: Target } | undefined {
  const strings = ruleStrings(text);
  const base = baseOf(element);
  const purposes = [...declaredPurposes(element), ...(reachesAnyLink(text, strings, base) ? everyPurpose : []), ...strings.flatMap((url) => classify(url, base)?.purposes ?? [])];
  const url = strings.find((url) => blockedTarget(url, [], base));
  const target = blockedTarget(url, purposes, base);
  return target && { url, target };
}

/** Whether a document rule of the set may match a link to a host that is held. */
function reachesAnyLink(text: string | null, strings: string[], base: string): boolean {
  try {
    return Object.values(JSON.parse(text!)).flat().some((rule: any) => (rule?.where || rule?.source === 'document') && !confined(rule.where, base));
  } catch {
    // Text that is not JSON yet, a rule of an unknown shape, or no URLPattern to read a pattern with.
    return strings.includes('document') || strings.includes('where');
  }
}

/**
 * Whether every link a `where` matches is bound to hosts that reach nothing held: a conjunction needs one conjunct
 * bound, a disjunction every branch; `not` and `selector_matches` may match any link. An inline rule set's base is
 * the document's, so `"relative_to": "document"` changes nothing.
 */
function confined(where: any, base: string): boolean {
  const { and, or, href_matches: patterns } = where ?? {};
  if (and) return and.some((conjunct: unknown) => confined(conjunct, base));
  if (or) return or.every((branch: unknown) => confined(branch, base));
  return !!patterns && [patterns].flat().every((pattern) => boundToUnheldHost(pattern, base));
}

/** A pattern whose protocol, host name and port are plain text (no wildcard, group or regex) naming no held host. */
function boundToUnheldHost(pattern: string | URLPatternInit, base: string): boolean {
  const { protocol, hostname, port } = typeof pattern === 'string' ? new URLPattern(pattern, base) : new URLPattern({ ...pattern, baseURL: base });
  return /^https?$/.test(protocol) && /^[\w.-]+$/.test(hostname) && /^\d*$/.test(port) && !classify(`${protocol}://${hostname}:${port}`);
}

/**
 * The URL an attribute stands for: the first of a list (every candidate of a srcset comes from the same place in
 * practice); the first blocked one of a style or an SVG presentation attribute, of a `<style>`'s text or speculation rules (held through their
 * `type`) or of a frame's `srcdoc` markup, and none when they have none.
 */
export function attributeUrl(element: Element, attribute: string, value: string): string | undefined {
  const firstBlocked = (urls: string[]) => urls.find((url) => blockedTarget(url, [], baseOf(element)));
  if (attribute === 'style' || svgUrlAttributes.includes(attribute)) return firstBlocked(cssUrls(value));
  if (attribute === 'type') return firstBlocked((isRules(value) ? ruleStrings : cssUrls)(element.textContent));
  // A frame sandboxed without its page's origin runs its own code where no guard can follow.
  if (attribute === 'srcdoc') return element.hasAttribute('sandbox') && !/\ballow-same-origin\b/i.test(element.getAttribute('sandbox')!) ? documentUrl(value) : markupUrl(value);
  if (/^(src|data)$/.test(attribute) && /^(i?frame|object|embed)$/.test(element.localName)) return navigatedUrl(value);
  // An animation's values go one after another.
  if (attribute === 'values') return firstBlocked(value.split(';'));
  return /srcset|ping/.test(attribute) ? words(value)[0] : value;
}

/**
 * The URL a frame (or object, or embed) opened on `url` reaches: its own, or, for a `data:`, `blob:` or `javascript:`
 * URL, which gives the frame its document whole where no observer of ours parses it, the first URL held now that
 * the document's markup, or any code in it, names. A data document has
 * an opaque origin, where no guard can follow; code that builds a vendor's URL from pieces is not seen.
 */
export function navigatedUrl(url: string): string | undefined {
  if (!/^(data|blob|javascript):/i.test(url)) return url;
  return documentUrl(documentText(url));
}

/** The first URL held now that a document's markup, or any code in it, names. */
const documentUrl = (text: string) => markupUrl(text) ?? text.match(/(https?:|wss?:)?\/\/[^\s"'`<>()\\]+/gi)?.find((named) => blockedTarget(named));

/** What a frame's URL gives it to parse: a data or blob URL's content, read at once, or the code of a javascript: URL. */
function documentText(url: string): string {
  try {
    if (/^javascript:/i.test(url)) return decodeURIComponent(url);
    const request = new XMLHttpRequest();
    request.open('GET', url, false);
    request.send();
    return request.responseText;
  } catch {
    // A revoked blob, or a javascript: URL that is not percent-encoded whole, is read as it is.
    return url;
  }
}

/**
 * The URL an attribute reaches and, when it is held now, where it goes: worked out once, as a frame's document may
 * have to be read for it.
 */
function attributeReach(element: Element, attribute: string, value: string): { url?: string; target?: Target } {
  if (attribute === 'type' && isRules(value)) return rulesTarget(element, element.textContent) ?? {};
  const url = attributeUrl(element, attribute, value);
  return { url, target: url === undefined ? undefined : blockedTarget(url, declaredPurposes(element), baseOf(element)) };
}

export const elementTarget = (element: Element, attribute: string, value: string) => attributeReach(element, attribute, value).target;

/** Takes a held attribute off; a `<style>`'s type becomes one that is no CSS, so its text is not applied. */
export function disarm(element: Element, attribute: string): void {
  if (attribute === 'type') nativeSetAttribute.call(element, 'type', 'text/plain');
  else if (attribute === 'xlink:href') element.removeAttributeNS(xlinkNamespace, 'href');
  else nativeRemoveAttribute.call(element, attribute);
}

/**
 * Keeps an element but not the attributes that would reach a vendor; the apply script sets them back on release,
 * on the same element, so whatever a vendor's code attached to it (onload handlers) still fires.
 */
export function holdElement(element: Element, attributes: Record<string, string>, copy = false, held?: { url?: string; target: Target }): void {
  const already = pending.get(element);
  pending.set(element, { ...already, ...attributes });
  if (already) return;
  const [attribute, value] = Object.entries(attributes)[0] ?? [];
  // A `<style>` or speculation rules held as their text changes are given what the text they are getting reaches.
  const { url, target } = held ?? (attribute ? attributeReach(element, attribute, value!) : {});
  hold({ kind: element.localName as HeldKind, url: url || 'inline', ...(target ?? { purposes: declaredPurposes(element) }) }, element, copy);
}

/** The URL attributes of an element that would reach a vendor whose purposes are not allowed now. */
export function blockedAttributes(element: Element): Record<string, string> {
  const blocked: Record<string, string> = {};
  for (const attribute of urlAttributesOf(element)) {
    // A `<style>` without a type is CSS.
    // An XLink href is read by its namespace, whatever prefix the markup gave it (XML may bind any).
    const value = (attribute === 'xlink:href' ? element.getAttributeNS(xlinkNamespace, 'href') : element.getAttribute(attribute)) ?? (attribute === 'type' ? '' : null);
    if (value !== null && elementTarget(element, attribute, value)) blocked[attribute] = value;
  }
  return blocked;
}

/** Holds what an element would fetch, taking the attributes off: it has not fetched yet. */
export function holdBlocked(element: Element): void {
  const blocked = blockedAttributes(element);
  for (const attribute in blocked) disarm(element, attribute);
  if (Object.keys(blocked).length > 0) holdElement(element, blocked);
}

/**
 * A script in a JavaScript type whose declared purposes (and, once `parsed`, its source's vendor) are not allowed
 * now; before parsing only inline ones, as the URL of the others is held like any other attribute. Speculation rules
 * listing a URL held now are held.
 */
export function isBlockedScript(element: Element, parsed: boolean): boolean {
  const script = element as HTMLScriptElement;
  return isScript(element) && element.namespaceURI === 'http://www.w3.org/1999/xhtml' && (parsed || !script.src)
    && !!(isRules(script.type) ? rulesTarget(element, script.textContent) : isScriptType(script) && elementTarget(element, 'src', script.src));
}

/** No type, `module`, or a JavaScript MIME type (which include jscript and livescript). */
const isScriptType = (script: HTMLScriptElement) => /^(module|.*(java|ecma|j|live)script.*)?$/i.test(script.type);
