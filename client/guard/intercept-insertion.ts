import { elementsWithin, topmostAdded } from '../core/added-elements.ts';
import { guardedSelector } from '../core/url-attributes.ts';
import { blockedAttributes, holdElement, isBlockedScript, nativeRemoveAttribute, nativeSetAttribute, pending } from './hold-element.ts';
import { wrapMethod } from './patch.ts';

// A document cannot take a second element, so its own append and prepend insert none.
const insertionMethods = [
  [Node, 'appendChild insertBefore replaceChild'], [Element, 'append prepend before after replaceWith replaceChildren insertAdjacentElement'],
  [DocumentFragment, 'append prepend replaceChildren'],
] as const;

/**
 * Elements built where no setter of ours ran (DOMParser, cloned nodes, template contents) are checked as they are
 * inserted, and everything the parser adds is checked as it appears: vendor tags are stopped before they run. Tags
 * marked for Cordon fetch nothing, and wait for the apply script.
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
    for (const node of topmostAdded(mutations)) guardTree(node, true);
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Before insertion, a dynamically built tag is held in place, keeping whatever a vendor attached to it. After the
 * parser added one, a script it met has not run yet (that waits for this microtask), so it can still be stopped:
 * its type is switched and a copy is released later.
 */
function guardTree(node: Node, parsed: boolean): void {
  for (const element of elementsWithin(node, guardedSelector)) {
    if (pending.has(element)) continue;
    if (isBlockedScript(element, parsed)) {
      const src = element.getAttribute('src');
      nativeSetAttribute.call(element, 'type', 'text/plain');
      holdElement(element, src === null ? {} : { src }, true);
    } else {
      // Holding again only merges, so each blocked attribute may ask.
      const blocked = blockedAttributes(element);
      for (const attribute in blocked) {
        nativeRemoveAttribute.call(element, attribute);
        holdElement(element, blocked);
      }
    }
  }
}
