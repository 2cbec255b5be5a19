import type { Guard } from './guard.ts';
import { blockedAttributes, heldPrefix, isBlockedInlineScript, nativeRemoveAttribute, nativeSetAttribute, urlElementSelector } from './hold-element.ts';

const mayReachAnything = /\b(src|srcset|href|data|poster)\s*=|data-cordon/i;

/**
 * HTML strings (innerHTML, outerHTML, insertAdjacentHTML, createContextualFragment, document.write while parsing)
 * become elements without any setter running, so the markup itself is rewritten first: a blocked URL moves into a
 * `data-cordon-held-*` attribute, which fetches nothing, and the guard takes the element when it appears.
 */
export function interceptMarkup(guard: Guard): void {
  const template = document.createElement('template');
  const rewrite = (html: unknown): string => {
    const text = String(html);
    if (!mayReachAnything.test(text)) return text;
    template.innerHTML = text;
    for (const element of Array.from(template.content.querySelectorAll(`${urlElementSelector},script[data-cordon]`))) holdInMarkup(guard, element);
    return template.innerHTML;
  };
  for (const [owner, property] of [[Element, 'innerHTML'], [Element, 'outerHTML'], [ShadowRoot, 'innerHTML']] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(owner.prototype, property)!;
    const nativeSet = descriptor.set!;
    Object.defineProperty(owner.prototype, property, {
      ...descriptor,
      set(this: Element, value: unknown) {
        // The template's own content is what the rewrite reads; rewriting it again would recurse.
        nativeSet.call(this, this === template ? value : rewrite(value));
      },
    });
  }
  wrapFirstString(Element.prototype, 'insertAdjacentHTML', 1, rewrite);
  wrapFirstString(Range.prototype, 'createContextualFragment', 0, rewrite);
  for (const method of ['write', 'writeln'] as const) {
    const native = Document.prototype[method];
    // The parser reads all the pieces as one string, so they are rewritten as one.
    Document.prototype[method] = function (this: Document, ...pieces: string[]) {
      native.call(this, rewrite(pieces.join('')));
    };
  }
}

function holdInMarkup(guard: Guard, element: Element): void {
  if (isBlockedInlineScript(guard, element)) {
    nativeSetAttribute.call(element, 'type', 'text/plain');
    return;
  }
  for (const [attribute, value] of Object.entries(blockedAttributes(guard, element))) {
    nativeSetAttribute.call(element, `${heldPrefix}${attribute}`, value);
    nativeRemoveAttribute.call(element, attribute);
  }
}

function wrapFirstString(prototype: object, method: string, index: number, rewrite: (html: unknown) => string): void {
  const target = prototype as Record<string, (...args: unknown[]) => unknown>;
  const native = target[method]!;
  target[method] = function (this: unknown, ...args: unknown[]) {
    if (args.length > index) args[index] = rewrite(args[index]);
    return native.apply(this, args);
  };
}
