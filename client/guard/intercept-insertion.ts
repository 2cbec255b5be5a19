import { blockedTarget, type Guard } from './guard.ts';
import {
  declaredPurposes, heldPrefix, holdAttributes, holdBlockedAttributes, holdScriptCopy, isBlockedInlineScript, isHeld,
  isScriptType, nativeRemoveAttribute, nativeSetAttribute, urlAttributesOf, urlElementSelector,
} from './hold-element.ts';

const insertionMethods: [{ prototype: object }, string][] = [
  [Node, 'appendChild'], [Node, 'insertBefore'], [Node, 'replaceChild'], [Element, 'append'], [Element, 'prepend'],
  [Element, 'before'], [Element, 'after'], [Element, 'replaceWith'], [Element, 'insertAdjacentElement'],
  [DocumentFragment, 'append'], [DocumentFragment, 'prepend'], [Document, 'append'], [Document, 'prepend'],
];

/**
 * Elements built where no setter of ours ran (DOMParser, cloned nodes, imported documents) are checked as they are
 * inserted, and everything the parser adds is checked as it appears: tags marked for Cordon are taken in order,
 * unmarked vendor tags are stopped before they run.
 */
export function interceptInsertion(guard: Guard): void {
  for (const [owner, method] of insertionMethods) {
    const prototype = owner.prototype as Record<string, (...args: unknown[]) => unknown>;
    const native = prototype[method];
    if (!native) continue;
    prototype[method] = function (this: Node, ...args: unknown[]) {
      for (const arg of args) if (arg instanceof Node) guardTree(guard, arg);
      return native.apply(this, args);
    };
  }
  new MutationObserver((mutations) => {
    for (const mutation of mutations) for (const node of Array.from(mutation.addedNodes)) guardTree(guard, node, true);
    guard.held.releaseAllowed();
  }).observe(document, { childList: true, subtree: true });
}

function elementsOf(node: Node): Element[] {
  if (!(node instanceof Element || node instanceof DocumentFragment)) return [];
  const inside = Array.from(node.querySelectorAll(`${urlElementSelector},[data-cordon]`));
  return node instanceof Element && (node.matches(urlElementSelector) || node.hasAttribute('data-cordon')) ? [node, ...inside] : inside;
}

/**
 * Before insertion, a dynamically built tag is held in place, keeping whatever a vendor attached to it. After the
 * parser added one, a script it met has not run yet (that waits for this microtask), so it can still be stopped:
 * its type is switched and a copy is released later.
 */
function guardTree(guard: Guard, node: Node, parsed = false): void {
  for (const element of elementsOf(node)) {
    if (isHeld(element)) continue;
    if (isMarked(element)) takeMarked(guard, element);
    else if (isBlockedInlineScript(guard, element) || (parsed && isBlockedParsedScript(guard, element))) {
      const src = element.getAttribute('src');
      nativeSetAttribute.call(element, 'type', 'text/plain');
      holdScriptCopy(guard, element as HTMLScriptElement, src);
    } else holdBlockedAttributes(guard, element);
  }
}

/** `<script type="text/plain" data-cordon>`, `data-src` on a marked element, or what markup the guard rewrote. */
function isMarked(element: Element): boolean {
  if (element.hasAttribute('data-cordon') && (element.getAttribute('type') === 'text/plain' || element.hasAttribute('data-src'))) return true;
  return Array.from(element.attributes).some(({ name }) => name.startsWith(heldPrefix));
}

function takeMarked(guard: Guard, element: Element): void {
  if (element instanceof HTMLScriptElement) {
    const src = element.getAttribute(`${heldPrefix}src`) ?? element.getAttribute('src') ?? element.getAttribute('data-src');
    holdScriptCopy(guard, element, src);
    return;
  }
  const attributes: Record<string, string> = {};
  for (const attribute of urlAttributesOf(element)) {
    const value = element.getAttribute(`${heldPrefix}${attribute}`) ?? (element.hasAttribute('data-cordon') ? element.getAttribute(`data-${attribute}`) : null);
    nativeRemoveAttribute.call(element, `${heldPrefix}${attribute}`);
    if (value !== null) attributes[attribute] = value;
  }
  if (Object.keys(attributes).length > 0) holdAttributes(guard, element, attributes);
}

function isBlockedParsedScript(guard: Guard, element: Element): boolean {
  return element instanceof HTMLScriptElement && Boolean(element.src) && isScriptType(element) && Boolean(blockedTarget(guard, element.src, declaredPurposes(element)));
}
