import { elementTarget, holdElement, nativeSetAttribute, urlAttributesOf } from './hold-element.ts';
import { wrapSetter } from './patch.ts';

/** The URL properties whose setter starts a fetch or navigation (each reflects the attribute of its name), by the `HTML…Element` interface that declares them. */
const urlProperties = 'Script src,Image src srcset,IFrame src,Link href,Source src srcset,Media src,Video poster,Embed src,Object data';

/**
 * `img.src = …`, `new Image().src`, `script.src = …` after insertion and `setAttribute('src', …)`: a URL that
 * reaches a forbidden vendor is kept aside instead of set, so nothing is fetched until it is allowed.
 */
export function interceptAttributes(): void {
  const holds = (element: Element, attribute: string, value: unknown): boolean => {
    const text = String(value);
    if (!urlAttributesOf(element).includes(attribute) || !elementTarget(element, attribute, text)) return false;
    holdElement(element, { [attribute]: text });
    return true;
  };
  for (const entry of urlProperties.split(',')) {
    const [name, ...attributes] = entry.split(' ');
    const owner = (window as unknown as Record<string, { prototype: object } | undefined>)[`HTML${name}Element`]?.prototype;
    for (const attribute of attributes) {
      wrapSetter(owner, attribute, (element: Element, value, nativeSet) => holds(element, attribute, value) || nativeSet(value));
    }
  }
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (!holds(this, name.toLowerCase(), value)) nativeSetAttribute.call(this, name, value);
  };
}
