import { applyState } from './apply-state.ts';
import { releasable } from './held.ts';
import {
  blockedAttributes, heldPrefix, holdElement, isBlockedScript, isHeld, nativeRemoveAttribute, nativeSetAttribute, urlAttributesOf,
  urlElementSelector,
} from './hold-element.ts';
import { wrapMethod } from './patch.ts';

const insertionMethods = [
  [Node, 'appendChild insertBefore replaceChild'], [Element, 'append prepend before after replaceWith insertAdjacentElement'],
  [DocumentFragment, 'append prepend'], [Document, 'append prepend'],
] as const;
const guardedSelector = `${urlElementSelector},[data-cordon]`;

/**
 * Elements built where no setter of ours ran (DOMParser, cloned nodes, imported documents) are checked as they are
 * inserted, and everything the parser adds is checked as it appears: tags marked for Cordon are taken in order,
 * unmarked vendor tags are stopped before they run.
 */
export function interceptInsertion(): void {
  for (const [owner, methods] of insertionMethods) {
    for (const method of methods.split(' ')) {
      wrapMethod(owner.prototype, method, (args) => {
        for (const arg of args) if (arg instanceof Node) guardTree(arg, false);
      });
    }
  }
  new MutationObserver((mutations) => {
    // The parser reports a page's <html>, <body>, each list and each item in one batch: searching each would meet an
    // element once per ancestor, so a node whose parent came in the same batch is searched with that parent (and so
    // with the first ancestor that came in it).
    const added = new Set(mutations.flatMap((mutation) => [...mutation.addedNodes]));
    for (const node of added) if (!added.has(node.parentNode!)) guardTree(node, true);
    if (releasable()) applyState();
  }).observe(document, { childList: true, subtree: true });
}

function elementsOf(node: Node): Element[] {
  if (!(node instanceof Element || node instanceof DocumentFragment)) return [];
  const inside = [...node.querySelectorAll(guardedSelector)];
  return node instanceof Element && node.matches(guardedSelector) ? [node, ...inside] : inside;
}

/**
 * Before insertion, a dynamically built tag is held in place, keeping whatever a vendor attached to it. After the
 * parser added one, a script it met has not run yet (that waits for this microtask), so it can still be stopped:
 * its type is switched and a copy is released later.
 */
function guardTree(node: Node, parsed: boolean): void {
  for (const element of elementsOf(node)) {
    if (isHeld(element)) continue;
    if (isMarked(element)) takeMarked(element);
    else if (isBlockedScript(element, parsed)) {
      const src = element.getAttribute('src');
      nativeSetAttribute.call(element, 'type', 'text/plain');
      holdElement(element, src === null ? {} : { src }, true);
    } else {
      const blocked = blockedAttributes(element);
      for (const attribute in blocked) nativeRemoveAttribute.call(element, attribute);
      if (Object.keys(blocked).length > 0) holdElement(element, blocked);
    }
  }
}

/** `<script type="text/plain" data-cordon>`, `data-src` on a marked element, or what markup the guard rewrote. */
function isMarked(element: Element): boolean {
  if (element.hasAttribute('data-cordon') && (element.getAttribute('type') === 'text/plain' || element.hasAttribute('data-src'))) return true;
  return [...element.attributes].some(({ name }) => name.startsWith(heldPrefix));
}

function takeMarked(element: Element): void {
  const script = element instanceof HTMLScriptElement;
  const marked = element.hasAttribute('data-cordon');
  const attributes: Record<string, string> = {};
  for (const attribute of urlAttributesOf(element)) {
    const value = element.getAttribute(heldPrefix + attribute) ?? (script ? element.getAttribute(attribute) : null)
      ?? (marked || script ? element.getAttribute(`data-${attribute}`) : null);
    nativeRemoveAttribute.call(element, heldPrefix + attribute);
    if (value !== null) attributes[attribute] = value;
  }
  if (script || Object.keys(attributes).length > 0) holdElement(element, attributes, script);
}
