import { heldPrefix, urlElementSelector } from '../core/url-attributes.ts';
import { blockedAttributes, isBlockedScript, nativeRemoveAttribute, nativeSetAttribute } from './hold-element.ts';
import { wrapMethod, wrapSetter } from './patch.ts';

const mayReachAnything = /\b(src|srcset|href|data|poster)\s*=|data-cordon/i;

/**
 * HTML strings (innerHTML, outerHTML, insertAdjacentHTML, createContextualFragment, document.write while parsing)
 * become elements without any setter running, so the markup itself is rewritten first: a blocked URL moves into a
 * `data-cordon-held-*` attribute, which fetches nothing, and the guard takes the element when it appears.
 */
export function interceptMarkup(): void {
  const template = document.createElement('template');
  const rewrite = (html: unknown): string => {
    const text = String(html);
    if (!mayReachAnything.test(text)) return text;
    template.innerHTML = text;
    for (const element of template.content.querySelectorAll(urlElementSelector)) holdInMarkup(element);
    return template.innerHTML;
  };
  const rewriteArgument = (index: number) => (args: unknown[]) => {
    if (args.length > index) args[index] = rewrite(args[index]);
  };
  for (const [owner, property] of [[Element, 'innerHTML'], [Element, 'outerHTML'], [ShadowRoot, 'innerHTML']] as const) {
    // The template's own content is what the rewrite reads; rewriting it again would recurse.
    wrapSetter(owner.prototype, property, (self, value, nativeSet) => nativeSet(self === template ? value : rewrite(value)));
  }
  wrapMethod(Element.prototype, 'insertAdjacentHTML', rewriteArgument(1));
  wrapMethod(Range.prototype, 'createContextualFragment', rewriteArgument(0));
  for (const method of ['write', 'writeln']) {
    // The parser reads all the pieces as one string, so they are rewritten as one.
    wrapMethod(Document.prototype, method, (pieces) => pieces.splice(0, pieces.length, rewrite(pieces.join(''))));
  }
}

function holdInMarkup(element: Element): void {
  if (isBlockedScript(element, false)) return nativeSetAttribute.call(element, 'type', 'text/plain');
  for (const [attribute, value] of Object.entries(blockedAttributes(element))) {
    nativeSetAttribute.call(element, heldPrefix + attribute, value);
    nativeRemoveAttribute.call(element, attribute);
  }
}
