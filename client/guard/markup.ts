import { heldPrefix, urlElementSelector } from '../core/url-attributes.ts';
import { attributeUrl, blockedAttributes, disarm, elementTarget, isBlockedScript, isRules, nativeSetAttribute } from './hold-element.ts';
import { readOnce, trusted } from './trusted-types.ts';

const mayReachAnything = /\b(src|srcset|href|data|poster|ping|background|style|srcdoc|imagesrcset|from|to|values|fill|stroke|mask|clip-path|marker-\w+|cursor)\s*=|<style|data-cordon/i;
const template = document.createElement('template');
/** The template markup is parsed in: its own `innerHTML` is not rewritten again. */
export const isParser = (element: unknown) => element === template;

/**
 * HTML becomes elements without any setter running, so the markup itself is rewritten first: a blocked URL moves
 * into a `data-cordon-held-*` attribute, which fetches nothing, and the apply script takes the element when it
 * appears. Declarative shadow roots stay templates here, and are rewritten inside as well. A `TrustedHTML` stays
 * trusted; markup with nothing to hold is given back as it came.
 */
export function rewriteMarkup(markup: unknown): unknown {
  const html = readOnce(markup);
  const text = String(html);
  if (!mayReachAnything.test(text) || !parse(text) || !holdWithin(template.content)) return html;
  const rewritten = template.innerHTML;
  return window.trustedTypes?.isHTML(html) ? trusted('createHTML', rewritten) : rewritten;
}

/** The first URL markup would fetch that is held now (that of an `<iframe srcdoc>`), if any. */
export function markupUrl(html: string): string | undefined {
  return mayReachAnything.test(html) && parse(html) ? holdWithin(template.content) : undefined;
}

/** Without a Cordon policy, a site enforcing Trusted Types lets no one parse markup: it is passed on untouched. */
function parse(html: string): boolean {
  try {
    template.innerHTML = trusted('createHTML', html);
    return true;
  } catch {
    return false;
  }
}

/** Holds what the markup under `root` would fetch; the first URL held, if any. */
function holdWithin(root: DocumentFragment): string | undefined {
  let first: string | undefined;
  for (const element of root.querySelectorAll(`${urlElementSelector},template`)) {
    const url = element.localName === 'template' ? holdWithin((element as HTMLTemplateElement).content) : holdInMarkup(element);
    first ??= url;
  }
  return first;
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
