import { urlAttributes } from '../core/url-attributes.ts';
import { blockedTarget, refuse } from './guard.ts';
import { disarm, elementTarget, holdElement, urlAttributesOf, xlinkNamespace } from './hold-element.ts';
import { wrapMethod, wrapSetter } from './patch.ts';
import type { Realm } from './realm.ts';

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
  for (const [tag, attributes] of Object.entries(urlAttributes)) {
    // Audio and video share HTMLMediaElement's `src`, so it is wrapped twice; the second check only repeats the first.
    for (const attribute of attributes.split(' ')) {
      wrapSetter(realm.document.createElement(tag), attribute, (element: Element, value, nativeSet) => holds(element, attribute, value) || nativeSet(value));
    }
  }
  for (const owner of [realm.HTMLElement, realm.SVGElement, realm.MathMLElement]) {
    wrapSetter(owner.prototype, 'style', (element: Element, value, nativeSet) => holds(element, 'style', value) || nativeSet(value));
  }
  const { prototype } = realm.Element;
  const { setAttribute, setAttributeNS } = prototype;
  prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (!holds(this, name.toLowerCase(), value)) setAttribute.call(this, name, value);
  };
  // An XLink attribute is known by its namespace, whatever its prefix.
  prototype.setAttributeNS = function (this: Element, namespace: string | null, name: string, value: string) {
    if (!holds(this, namespace === xlinkNamespace ? `xlink:${name.replace(/^.*:/, '')}` : name.toLowerCase(), value)) setAttributeNS.call(this, namespace, name, value);
  };
  // An attribute's `nodeValue` and `textContent` are Node's, so those setters are wrapped for every node.
  for (const property of ['value', 'nodeValue', 'textContent']) {
    wrapSetter(realm.Attr.prototype, property, (attr: Attr, value, nativeSet) => (attr.ownerElement && holds(attr.ownerElement, attr.name, value)) || nativeSet(value));
  }
  // `image.href.baseVal = …` sets the attribute from an object that does not say whose it is: the call is held.
  wrapSetter(realm.SVGAnimatedString.prototype, 'baseVal', (_, value, nativeSet) => {
    const target = blockedTarget(String(value), [], realm.document.baseURI);
    if (target) refuse('image', String(value), target, () => nativeSet(value));
    else nativeSet(value);
  });
  // An attribute built apart reaches its element in one step.
  for (const method of ['setAttributeNode', 'setAttributeNodeNS']) {
    wrapMethod(prototype, method, ([attr], element: Element) => {
      if (holds(element, (attr as Attr).name, (attr as Attr).value)) (attr as Attr).value = (attr as Attr).name === 'type' ? 'text/plain' : '';
    });
  }
  // `el.attributes.setNamedItem(attr)` does not say whose the map is: the attribute is checked once on, before anything
  // draws it or loads from it (an image loads a microtask later).
  for (const method of ['setNamedItem', 'setNamedItemNS']) {
    wrapMethod(realm.NamedNodeMap.prototype, method, () => {}, ([attr]) => {
      const { ownerElement: element, name, value } = attr as Attr;
      if (element && holds(element, name, value)) disarm(element, name);
    });
  }
}
