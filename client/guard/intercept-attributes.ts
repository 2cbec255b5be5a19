import { urlAttributes } from '../core/url-attributes.ts';
import { elementTarget, holdElement, nativeSetAttribute, urlAttributesOf } from './hold-element.ts';
import { wrapSetter } from './patch.ts';

/**
 * `img.src = …`, `new Image().src`, `script.src = …` after insertion and `setAttribute('src', …)`: a URL that
 * reaches a forbidden vendor is kept aside instead of set, so nothing is fetched until it is allowed. Each URL
 * property reflects the attribute of its name.
 */
export function interceptAttributes(): void {
  const holds = (element: Element, attribute: string, value: unknown): boolean => {
    const text = String(value);
    if (!urlAttributesOf(element).includes(attribute) || !elementTarget(element, attribute, text)) return false;
    holdElement(element, { [attribute]: text });
    return true;
  };
  for (const [tag, attributes] of Object.entries(urlAttributes)) {
    // Audio and video share HTMLMediaElement's `src`, so it is wrapped twice; the second check only repeats the first.
    for (const attribute of attributes.split(' ')) {
      wrapSetter(document.createElement(tag), attribute, (element: Element, value, nativeSet) => holds(element, attribute, value) || nativeSet(value));
    }
  }
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (!holds(this, name.toLowerCase(), value)) nativeSetAttribute.call(this, name, value);
  };
}
