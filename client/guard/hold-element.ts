import type { HeldKind } from '../../shared/client.ts';
import { urlAttributeNames } from '../core/url-attributes.ts';
import { blockedTarget } from './guard.ts';
import { hold } from './held.ts';

// Captured before any interceptor replaces them, so releasing never loops back into the guard.
export const nativeSetAttribute = Element.prototype.setAttribute;
export const nativeRemoveAttribute = Element.prototype.removeAttribute;

/** Attributes the guard took off an element, to be put back on release. */
export const pending = new WeakMap<Element, Record<string, string>>();

/** A `text/plain` script (a tag marked for Cordon) neither runs nor fetches. */
export const urlAttributesOf = (element: Element): string[] =>
  element instanceof HTMLScriptElement && element.type === 'text/plain' ? [] : urlAttributeNames(element);
/** The words of a list separated by spaces or commas. */
const words = (list: string | null) => list?.match(/[^\s,]+/g) ?? [];
export const declaredPurposes = (element: Element) => words(element.getAttribute('data-cordon'));

/** The first URL of a srcset is enough: every candidate comes from the same place in practice. */
const urlOf = (attribute: string, value: string) => (attribute === 'srcset' ? words(value)[0] : value);

export const elementTarget = (element: Element, attribute: string, value: string) => blockedTarget(urlOf(attribute, value), declaredPurposes(element));

/**
 * Keeps an element but not the attributes that would reach a vendor; the apply script sets them back on release,
 * on the same element, so whatever a vendor's code attached to it (onload handlers) still fires.
 */
export function holdElement(element: Element, attributes: Record<string, string>, copy = false): void {
  const already = pending.get(element);
  pending.set(element, { ...already, ...attributes });
  if (already) return;
  const [attribute, value] = Object.entries(attributes)[0] ?? [];
  const url = attribute ? urlOf(attribute, value!) : '';
  const declared = declaredPurposes(element);
  hold({ kind: element.localName as HeldKind, url: url || 'inline', ...(blockedTarget(url, declared) ?? { purposes: declared }) }, element, copy);
}

/** The URL attributes of an element that would reach a vendor whose purposes are not allowed now. */
export function blockedAttributes(element: Element): Record<string, string> {
  const blocked: Record<string, string> = {};
  for (const attribute of urlAttributesOf(element)) {
    const value = element.getAttribute(attribute);
    if (value !== null && elementTarget(element, attribute, value)) blocked[attribute] = value;
  }
  return blocked;
}

/**
 * A script in a JavaScript type whose declared purposes (and, once `parsed`, its source's vendor) are not allowed
 * now; before parsing only inline ones, as the URL of the others is held like any other attribute.
 */
export function isBlockedScript(element: Element, parsed: boolean): boolean {
  return element instanceof HTMLScriptElement && (parsed || !element.src) && isScriptType(element)
    && !!blockedTarget(element.src, declaredPurposes(element));
}

/** No type, `module`, or a JavaScript MIME type (which include jscript and livescript). */
const isScriptType = (script: HTMLScriptElement) => /^(module|.*(java|ecma|j|live)script.*)?$/i.test(script.type);
