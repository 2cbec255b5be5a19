import { elementsWithin, guardedSelector, heldPrefix, topmostAdded, urlAttributeNames } from '../core/url-attributes.ts';
import type { GuardInternals } from '../guard/apply-state.ts';

/**
 * Tags a site marked for Cordon (`<script type="text/plain" data-cordon>`, `data-src`) and markup the guard rewrote
 * fetch nothing as they stand, so they wait for this script: it takes those already in the page, then each one as
 * it appears, and calls `taken` so what is allowed comes back.
 */
export function takeMarkedTags(guard: GuardInternals, taken: () => void): void {
  const takeWithin = (node: Node) => {
    const marked = elementsWithin(node, guardedSelector).filter((element) => !guard.pending.has(element) && isMarked(element));
    for (const element of marked) takeMarked(guard, element);
    return marked.length > 0;
  };
  takeWithin(document.documentElement);
  new MutationObserver((mutations) => {
    if (topmostAdded(mutations).filter(takeWithin).length > 0) taken();
  }).observe(document, { childList: true, subtree: true });
}

/** `<script type="text/plain" data-cordon>`, `data-src` on a marked element, or what markup the guard rewrote. */
function isMarked(element: Element): boolean {
  if (element.hasAttribute('data-cordon') && (element.getAttribute('type') === 'text/plain' || element.hasAttribute('data-src'))) return true;
  return [...element.attributes].some(({ name }) => name.startsWith(heldPrefix));
}

function takeMarked({ holdElement }: GuardInternals, element: Element): void {
  const script = element instanceof HTMLScriptElement;
  const marked = element.hasAttribute('data-cordon');
  const attributes: Record<string, string> = {};
  for (const attribute of urlAttributeNames(element)) {
    const value = element.getAttribute(heldPrefix + attribute) ?? (script ? element.getAttribute(attribute) : null)
      ?? (marked || script ? element.getAttribute(`data-${attribute}`) : null);
    element.removeAttribute(heldPrefix + attribute);
    if (value !== null) attributes[attribute] = value;
  }
  // A script the parser already met cannot be started again: it comes back as a copy.
  if (script || Object.keys(attributes).length > 0) holdElement(element, attributes, script);
}
