import { cssUrls } from '../core/css-urls.ts';
import { blockedTarget, refuse } from './guard.ts';
import { disarm, holdElement, isRules, isScript, pending, rulesTarget } from './hold-element.ts';
import { replaceMethod, wrapConstructor, wrapGetter, wrapMethod, wrapSetter } from './patch.ts';
import type { Realm } from './realm.ts';
import { readArgumentOnce, readOnce } from './trusted-types.ts';

/** The first URL in CSS that reaches a vendor held now, and where it goes. */
function cssTarget(css: string) {
  for (const url of cssUrls(css)) {
    const target = blockedTarget(url);
    if (target) return { url, target };
  }
}

/**
 * Makes a change to CSS now, or, when its text fetches from a held vendor, once allowed (returning what `refused`
 * gives meanwhile). The change is given the values read once, as they were checked: an object naming a harmless URL
 * the first time it is read and a vendor's the next is read no second time.
 */
function changeOnceAllowed(values: unknown[], change: (values: unknown[]) => unknown, refused?: () => unknown): unknown {
  const once = values.map(readOnce);
  const held = cssTarget(once.join(' '));
  if (!held) return change(once);
  refuse('css', held.url, held.target, () => change(once));
  return refused?.();
}

/**
 * A declaration block has no setter per property (`el.style.backgroundImage = …`, `rule.style[…] = …` and
 * `Object.defineProperty` reach the platform's named properties), so an element or a rule hands out a stand-in that
 * holds those at once, before a layout read back could fetch. One stand-in per block keeps `el.style === el.style`.
 */
const standIns = new WeakMap<object, object>();
/** The block behind each stand-in: its methods accept no other receiver. */
const blocks = new WeakMap<object, object>();
function heldDeclaration(declaration: object | null): object | null {
  if (!declaration) return declaration;
  let standIn = standIns.get(declaration);
  if (!standIn) {
    standIn = new Proxy(declaration, {
      get: (real, key) => Reflect.get(real, key),
      set: (real, key, value) => changeOnceAllowed([value], ([once]) => Reflect.set(real, key, once), () => true) as boolean,
      defineProperty: (real, key, descriptor) => changeOnceAllowed([descriptor.value], ([value]) => Reflect.defineProperty(real, key, { ...descriptor, ...('value' in descriptor && { value }) }), () => true) as boolean,
    });
    standIns.set(declaration, standIn);
    blocks.set(standIn, declaration);
  }
  return standIn;
}

/**
 * A `<style>` (or a text node in one) given text that fetches from a held vendor is held whole, before the text
 * is parsed (an `@import` is fetched as it is): its type makes it no CSS until release sets the type back. So are
 * speculation rules given their text once in the page (where they are read as it comes), released as a copy, as
 * they are read only once.
 */
export function guardStyleText(node: Node | null, text: unknown): void {
  // An attribute named `style` is no `<style>`.
  const element = node?.nodeType === 3 ? node.parentElement : node?.nodeType === 1 ? (node as Element) : null;
  const rules = !!element?.isConnected && isScript(element) && isRules(element.getAttribute('type'));
  const held = !pending.has(element!) && (rules ? rulesTarget(element!, String(text)) : element?.localName === 'style' && cssTarget(String(text)));
  if (!held) return;
  holdElement(element!, { type: element!.getAttribute('type') ?? '' }, rules, held);
  disarm(element!, 'type');
}

/**
 * `<?xml-stylesheet href="…"?>` fetches its sheet once in the document (as a child of it), and again as its data
 * changes: such a change or insertion that reaches a held vendor is made once allowed. Its pseudo-attributes are read
 * as CSS strings, their character references decoded.
 */
export function instructionHeld(node: unknown, parent: Node | null | undefined, data: unknown, place: (data: string) => unknown): boolean {
  const instruction = node as ProcessingInstruction | null;
  if (instruction?.nodeType !== 7 || instruction.target !== 'xml-stylesheet' || parent?.nodeType !== 9) return false;
  const text = String(data);
  const held = cssTarget(text.replace(/&(#x?)?(\w+);/gi, (reference, number, name) =>
    (number ? String.fromCodePoint(Math.min(parseInt(name, number.length > 1 ? 16 : 10) || 0xfffd, 0x10ffff)) : ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' } as Record<string, string>)[name] ?? reference)));
  if (held) refuse('css', held.url, held.target, () => place(text));
  return !!held;
}

/**
 * CSS fetches by its text: a `<style>`'s, a constructed or live stylesheet's rules, an inline style, a font face.
 * A stylesheet call or a style declaration that reaches a held vendor is not made, and is made once allowed;
 * a `FontFace` loading from one fails, as a font the network refused does.
 */
export function interceptCss(realm: Realm): void {
  // A script has text setters of its own, for Trusted Types.
  for (const [owner, properties] of [['Node', 'textContent nodeValue'], ['HTMLElement', 'innerText'], ['CharacterData', 'data'], ['HTMLScriptElement', 'textContent text innerText']] as const) {
    for (const property of properties.split(' ')) {
      wrapSetter(realm[owner].prototype, property, (self: Node, value, nativeSet) => {
        guardStyleText(self, value);
        if (!instructionHeld(self, self.parentNode, value, nativeSet)) nativeSet(value);
      });
    }
  }
  for (const method of ['appendData', 'insertData', 'replaceData']) wrapMethod(realm.CharacterData.prototype, method, (args, self: Node) => guardStyleText(self, args.join('')));

  const holdCall = (owner: { prototype: object } | undefined, methods: string, refused: (self: any) => unknown) => {
    for (const method of methods.split(' ')) {
      replaceMethod(owner?.prototype, method, (native, self, args) => changeOnceAllowed(args, (once) => native.apply(self, once), () => refused(self)));
    }
  };
  holdCall(realm.CSSStyleSheet, 'replaceSync insertRule addRule', () => 0);
  holdCall(realm.CSSStyleSheet, 'replace', (sheet) => Promise.resolve(sheet));
  holdCall(realm.CSSGroupingRule, 'insertRule', () => 0);
  holdCall(realm.CSSKeyframesRule, 'appendRule', () => undefined);
  // Typed OM values name their URL when stringified: `url("…")`.
  holdCall(realm.StylePropertyMap, 'set append', () => undefined);
  holdCall(realm.CSSStyleDeclaration, 'setProperty', () => undefined);
  wrapSetter(realm.CSSStyleDeclaration.prototype, 'cssText', (_, value, nativeSet) => changeOnceAllowed([value], ([once]) => nativeSet(once)));
  // Every element's inline style, and every rule with a declaration block (style, page and margin, keyframe, font
  // face, nested declarations…), by name, as rule types keep coming. `rule.style = …` needs nothing more: it sets
  // `cssText` on what this getter returns.
  for (const name of Object.getOwnPropertyNames(realm)) {
    if (/^(CSS\w+(Rule|Declarations)|HTMLElement|SVGElement|MathMLElement)$/.test(name)) wrapGetter((realm as any)[name].prototype, 'style', heldDeclaration);
  }
  // A block's method called on its stand-in (`CSSStyleDeclaration.prototype.setProperty.call(el.style, …)`, or the
  // method read from it) acts on the block.
  for (const method of ['getPropertyPriority', 'getPropertyValue', 'item', 'removeProperty', 'setProperty']) {
    replaceMethod(realm.CSSStyleDeclaration.prototype, method, (native, self, args) => native.apply(blocks.get(self) ?? self, args));
  }

  // A property registered with an initial value fetches it wherever the property is used.
  // Its definition is read once, member by member, as the platform reads a dictionary.
  replaceMethod(realm.CSS, 'registerProperty', (native, self, args) => {
    const given = args[0] as PropertyDefinition | undefined;
    const definition = given && { name: given.name, syntax: given.syntax, inherits: given.inherits, initialValue: given.initialValue };
    return changeOnceAllowed([definition?.initialValue], ([initialValue]) => native.call(self, definition && { ...definition, initialValue }));
  });
  holdAnimations(realm);

  // A source that is no font's bytes is the string it stands for, read once, so it cannot show the guard one URL
  // and the browser another.
  wrapConstructor(realm, 'FontFace', (args) => {
    const held = !isBytes(args[1]) && cssTarget(readArgumentOnce(args, 1));
    if (!held) return;
    refuse('font', held.url, held.target);
    args[1] = 'local(cordon-held)';
  });
}

/** A font's bytes: a view, or an ArrayBuffer of any window, which a DataView tells without running the page's code. */
function isBytes(source: unknown): boolean {
  try {
    return ArrayBuffer.isView(source) || !!new DataView(source as ArrayBuffer);
  } catch {
    return false;
  }
}

/**
 * Keyframes fetch the images their values name as the animation runs. The platform reads keyframes in any of their
 * forms (lists, lists by property, iterables) into the effect: read back from there, keyframes that reach a held
 * vendor are taken off at once, before anything is drawn, and set back once allowed. The animation still runs, and
 * is the page's to control; only its keyframes wait.
 */
function holdAnimations(realm: Realm): void {
  const { prototype } = realm.KeyframeEffect;
  const { setKeyframes } = prototype;
  const holdKeyframes = (effect: KeyframeEffect | null) => {
    const keyframes = effect?.getKeyframes() ?? [];
    const held = cssTarget(keyframes.flatMap(Object.values).join(' '));
    if (!held) return;
    setKeyframes.call(effect, []);
    refuse('css', held.url, held.target, () => setKeyframes.call(effect, keyframes));
  };
  replaceMethod(realm.Element.prototype, 'animate', (native, self, args) => {
    const animation = native.apply(self, args) as Animation;
    holdKeyframes(animation.effect as KeyframeEffect);
    return animation;
  });
  wrapMethod(prototype, 'setKeyframes', () => {}, (_, effect: KeyframeEffect) => holdKeyframes(effect));
  wrapConstructor(realm, 'KeyframeEffect', () => holdKeyframes);
}
