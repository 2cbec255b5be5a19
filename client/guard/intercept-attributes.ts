import type { Guard } from './guard.ts';
import { elementTarget, holdAttributes, nativeSetAttribute, urlAttributesOf } from './hold-element.ts';

/** The URL properties whose setter starts a fetch or navigation (each reflects the attribute of its name), by the interface that declares them. */
const urlProperties: [string, string][] = [
  ['HTMLScriptElement', 'src'], ['HTMLImageElement', 'src'], ['HTMLImageElement', 'srcset'], ['HTMLIFrameElement', 'src'],
  ['HTMLLinkElement', 'href'], ['HTMLSourceElement', 'src'], ['HTMLSourceElement', 'srcset'], ['HTMLMediaElement', 'src'],
  ['HTMLVideoElement', 'poster'], ['HTMLEmbedElement', 'src'], ['HTMLObjectElement', 'data'],
];

/**
 * `img.src = …`, `new Image().src`, `script.src = …` after insertion and `setAttribute('src', …)`: a URL that
 * reaches a forbidden vendor is kept aside instead of set, so nothing is fetched until it is allowed.
 */
export function interceptAttributes(guard: Guard): void {
  const holds = (element: Element, attribute: string, value: unknown): boolean => {
    const text = String(value);
    if (!urlAttributesOf(element).includes(attribute) || !elementTarget(guard, element, attribute, text)) return false;
    holdAttributes(guard, element, { [attribute]: text });
    return true;
  };
  for (const [name, attribute] of urlProperties) {
    const prototype = (window as unknown as Record<string, { prototype: object } | undefined>)[name]?.prototype;
    const descriptor = prototype && Object.getOwnPropertyDescriptor(prototype, attribute);
    if (!prototype || !descriptor?.set) continue;
    const nativeSet = descriptor.set;
    Object.defineProperty(prototype, attribute, {
      ...descriptor,
      set(this: Element, value: unknown) {
        if (!holds(this, attribute, value)) nativeSet.call(this, value);
      },
    });
  }
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (!holds(this, name.toLowerCase(), value)) nativeSetAttribute.call(this, name, value);
  };
}
