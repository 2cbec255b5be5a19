import { cssUrls } from '../core/css-urls.ts';
import { blockedTarget, refuse } from './guard.ts';
import { disarm, holdElement, pending } from './hold-element.ts';
import { replaceMethod, wrapConstructor, wrapMethod, wrapSetter } from './patch.ts';
import type { Realm } from './realm.ts';

/** The first URL in CSS that reaches a vendor held now, and where it goes. */
function cssTarget(css: string) {
  for (const url of cssUrls(css)) {
    const target = blockedTarget(url);
    if (target) return { url, target };
  }
}

/**
 * A `<style>` (or a text node in one) given text that fetches from a held vendor is held whole, before the text
 * is parsed (an `@import` is fetched as it is): its type makes it no CSS until release sets the type back.
 */
export function guardStyleText(node: Node | null, text: unknown): void {
  const style = node?.nodeType === 3 ? node.parentElement : (node as Element | null);
  const held = style?.localName === 'style' && !pending.has(style) && cssTarget(String(text));
  if (!held) return;
  holdElement(style!, { type: style!.getAttribute('type') ?? '' }, false, held.url);
  disarm(style!, 'type');
}

/**
 * CSS fetches by its text: a `<style>`'s, a constructed or live stylesheet's rules, an inline style, a font face.
 * A stylesheet call or a style declaration that reaches a held vendor is not made, and is made once allowed;
 * a `FontFace` loading from one fails, as a font the network refused does.
 */
export function interceptCss(realm: Realm): void {
  for (const [owner, property] of [['Node', 'textContent'], ['Node', 'nodeValue'], ['HTMLElement', 'innerText'], ['CharacterData', 'data']] as const) {
    wrapSetter(realm[owner].prototype, property, (self: Node, value, nativeSet) => {
      guardStyleText(self, value);
      nativeSet(value);
    });
  }
  for (const method of ['appendData', 'insertData', 'replaceData']) wrapMethod(realm.CharacterData.prototype, method, (args, self: Node) => guardStyleText(self, args.join('')));

  const holdCall = (owner: { prototype: object } | undefined, methods: string, refused: (self: any) => unknown) => {
    for (const method of methods.split(' ')) {
      replaceMethod(owner?.prototype, method, (native, self, args) => {
        const held = cssTarget(args.join(' '));
        if (!held) return native.apply(self, args);
        refuse('css', held.url, held.target, () => native.apply(self, args));
        return refused(self);
      });
    }
  };
  holdCall(realm.CSSStyleSheet, 'replaceSync insertRule addRule', () => 0);
  holdCall(realm.CSSStyleSheet, 'replace', (sheet) => Promise.resolve(sheet));
  holdCall(realm.CSSGroupingRule, 'insertRule', () => 0);
  holdCall(realm.CSSStyleDeclaration, 'setProperty', () => undefined);
  wrapSetter(realm.CSSStyleDeclaration.prototype, 'cssText', (_, value, nativeSet) => {
    const held = cssTarget(String(value));
    if (held) refuse('css', held.url, held.target, () => nativeSet(value));
    else nativeSet(value);
  });

  wrapConstructor(realm, 'FontFace', (args) => {
    const held = typeof args[1] === 'string' && cssTarget(args[1]);
    if (!held) return;
    refuse('font', held.url, held.target);
    args[1] = 'local(cordon-held)';
  });
}
