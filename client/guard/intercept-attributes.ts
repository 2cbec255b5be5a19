import { urlAttributes } from '../core/url-attributes.ts';
import { blockedTarget, refuse } from './guard.ts';
import { disarm, elementTarget, holdElement, urlAttributesOf, xlinkNamespace } from './hold-element.ts';
import { replaceMethod, wrapConstructor, wrapGetter, wrapMethod, wrapSetter } from './patch.ts';
import type { Realm } from './realm.ts';
import { readOnce } from './trusted-types.ts';

/**
 * `img.src = …`, `new Image().src`, `script.src = …` after insertion, `setAttribute('src', …)` (and its NS form,
 * and an attribute's own value): a URL that reaches a forbidden vendor is kept aside instead of set, so nothing is
 * fetched until it is allowed. Each URL property reflects the attribute of its name; `style` does too.
 */
export function interceptAttributes(realm: Realm): void {
  const holds = (element: Element, attribute: string, value: unknown): boolean => {
    const text = String(value);
    if (!urlAttributesOf(element).includes(attribute) || !elementTarget(element, attribute, text)) return false;
    holdElement(element, { [attribute]: text });
    // A held `<style>` type makes the text no CSS; a held URL is simply not set.
    if (attribute === 'type') disarm(element, attribute);
    return true;
  };
  // What is checked is what is set.
  const setUnlessHeld = (element: Element, attribute: string, value: unknown, set: (value: unknown) => void) => {
    const once = readOnce(value);
    if (!holds(element, attribute, once)) set(once);
  };
  for (const [tag, attributes] of Object.entries(urlAttributes)) {
    // Audio and video share HTMLMediaElement's `src`, so it is wrapped twice; the second check only repeats the first.
    for (const attribute of attributes.split(' ')) {
      wrapSetter(realm.document.createElement(tag), attribute, (element: Element, value, nativeSet) => setUnlessHeld(element, attribute, value, nativeSet));
    }
  }
  for (const owner of [realm.HTMLElement, realm.SVGElement, realm.MathMLElement]) {
    wrapSetter(owner.prototype, 'style', (element: Element, value, nativeSet) => setUnlessHeld(element, 'style', value, nativeSet));
  }
  const { prototype } = realm.Element;
  replaceMethod(prototype, 'setAttribute', (setAttribute, self: Element, [name, value]) => {
    const text = String(name);
    setUnlessHeld(self, text.toLowerCase(), value, (once) => setAttribute.call(self, text, once));
  });
  // An XLink attribute is known by its namespace, whatever its prefix.
  replaceMethod(prototype, 'setAttributeNS', (setAttributeNS, self: Element, [namespace, name, value]) => {
    const text = String(name);
    const checked = namespace === xlinkNamespace ? `xlink:${text.replace(/^.*:/, '')}` : text.toLowerCase();
    setUnlessHeld(self, checked, value, (once) => setAttributeNS.call(self, namespace, text, once));
  });
  // An attribute's value is also its nodeValue and textContent, which every node has from Node.
  for (const property of ['value', 'nodeValue', 'textContent']) {
    wrapSetter(realm.Attr.prototype, property, (node: Attr, value, nativeSet) =>
      (node.nodeType === 2 && node.ownerElement ? setUnlessHeld(node.ownerElement, node.name, value, nativeSet) : nativeSet(value)));
  }
  // `image.href.baseVal = …` sets the attribute from an object that does not say whose it is: an element's `href`
  // remembers its element, so the value is checked as that element's (a link's is a navigation, not a fetch).
  const hrefOwners = new WeakMap<object, Element>();
  for (const name of ['SVGAElement', 'SVGImageElement', 'SVGUseElement', 'SVGFEImageElement', 'SVGScriptElement'] as const) {
    wrapGetter(realm[name].prototype, 'href', (href: object, element: Element) => (hrefOwners.set(href, element), href));
  }
  wrapSetter(realm.SVGAnimatedString.prototype, 'baseVal', (href: object, value, nativeSet) => {
    const element = hrefOwners.get(href);
    if (element) setUnlessHeld(element, 'href', value, nativeSet);
    else nativeSet(value);
  });
  // An attribute built apart reaches its element in one step, also through the element's attribute map, which does
  // not say whose it is.
  const owners = new WeakMap<NamedNodeMap, Element>();
  wrapGetter(prototype, 'attributes', (map: NamedNodeMap, element: Element) => (owners.set(map, element), map));
  for (const [owner, method] of [[prototype, 'setAttributeNode'], [prototype, 'setAttributeNodeNS'], [realm.NamedNodeMap.prototype, 'setNamedItem'], [realm.NamedNodeMap.prototype, 'setNamedItemNS']] as const) {
    wrapMethod(owner, method, ([attr], self: Element | NamedNodeMap) => {
      const element = owners.get(self as NamedNodeMap) ?? (self as Element);
      if (holds(element, (attr as Attr).name, (attr as Attr).value)) (attr as Attr).value = (attr as Attr).name === 'type' ? 'text/plain' : '';
    });
  }
  // `new Audio(url)` sets its `src` where no setter of ours runs: the audio is made without it, then given it.
  wrapConstructor(realm, 'Audio', (args) => {
    const [src] = args.splice(0);
    return (audio: HTMLAudioElement) => {
      if (src !== undefined) audio.src = src as string;
    };
  });
}
