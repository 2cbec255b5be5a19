import { elementsWithin, topmostAdded } from '../core/added-elements.ts';
import { guardedSelector } from '../core/url-attributes.ts';
import { guardStyleText, instructionHeld } from './intercept-css.ts';
import { holdBlocked, holdElement, isBlockedScript, nativeSetAttribute, pending } from './hold-element.ts';
import { holdsNothing, stateChanged } from './consent.ts';
import { replaceMethod } from './patch.ts';
import { guardSubmitsAndClicks } from './intercept-submissions.ts';
import { guardFrame, type Realm } from './realm.ts';

// A document takes a second element only once its first is gone (replaceChildren, or append after removing it).
const insertionMethods = [
  ['Node', 'appendChild insertBefore replaceChild'], ['Element', 'append prepend before after replaceWith replaceChildren insertAdjacentElement'],
  ['CharacterData', 'before after replaceWith'], ['DocumentFragment', 'append prepend replaceChildren'], ['Document', 'append prepend replaceChildren'],
  ['Range', 'insertNode surroundContents'],
] as const;

/** Documents (the page's, its friendly frames') and shadow roots the guard watches, in the order it met them. */
export const roots: Node[] = [];
/** Shown each batch of nodes added anywhere the guard watches: the apply script, once it is here. */
export const watchers: ((added: Node[]) => void)[] = [];

/**
 * One observer for every document and shadow root: everything the parser adds is checked as it appears, before the
 * scripts it met run. A style attribute needs no watching: each way to write one is held as it is made.
 */
const observer = new MutationObserver(checkMutations);

function checkMutations(mutations: MutationRecord[]): void {
  holdRulesOnNewBase();
  const added = topmostAdded(mutations);
  for (const node of added) for (const frame of guardTree(node, true)) guardFrame(frame);
  for (const watch of watchers) watch(added);
}

/** The base URL each document had when its mutations were last checked. */
const baseURIs = new WeakMap<Node, string>();

/**
 * Chromium parses a document's speculation rules again as its base URL changes (a `<base href>` inserted or set), so
 * a rule set bound to the page's own origin may reach a vendor then. It is held, and taken out and put back (a script
 * once started does not start again), which drops its rules before Chromium acts on them: at once after a method
 * inserted a base, as Chromium's next microtask may come before the observer's, and once observed after its `href`
 * was set, which the observer hears of first.
 */
export function holdRulesOnNewBase(): void {
  for (const root of roots) {
    if (root.nodeType !== 9 || baseURIs.get(root) === root.baseURI) continue;
    baseURIs.set(root, root.baseURI);
    for (const script of (root as Document).querySelectorAll('script')) {
      // An import map, read once as it came, is not read again.
      if (pending.has(script) || !/^\s*speculationrules\s*$/i.test(script.type)) continue;
      guardStyleText(script, script.textContent);
      if (pending.has(script)) script.replaceWith(script);
    }
  }
}

export function observe(root: Node): void {
  if (roots.includes(root)) return;
  roots.push(root);
  if (root.nodeType === 11) guardSubmitsAndClicks(root as ShadowRoot);
  if (root === document && document.readyState === 'loading' && holdsNothing()) watchOnceParsed();
  else watchRoot(root);
}

function watchRoot(root: Node): void {
  observer.observe(root, { childList: true, subtree: true, attributeFilter: ['href'] });
  for (const frame of (root as ParentNode).querySelectorAll('iframe,frame,object,embed')) guardFrame(frame);
  for (const watch of watchers) watch([root]);
}

/**
 * Watching a document as it is parsed costs a large page about 5 ms in mutation records alone. While nothing is
 * held, what the parser adds needs nothing done before it runs, so the page is looked over once parsed (marked tags
 * taken, frames guarded), or as soon as a change of state holds something, from where the parser then is.
 */
function watchOnceParsed(): void {
  let watching = false;
  const start = () => {
    if (watching || (document.readyState === 'loading' && holdsNothing())) return;
    watching = true;
    watchRoot(document);
  };
  // On the window, capturing, the guard's listener (the first there) runs before any a site could stop the event with.
  addEventListener('DOMContentLoaded', start, true);
  stateChanged.push(start);
}

/**
 * Elements built where no setter of ours ran (DOMParser, cloned nodes, template contents) are checked as they are
 * inserted; a frame, once inserted, has a window of its own to guard. Tags marked for Cordon fetch nothing, and
 * wait for the apply script.
 */
export function interceptInsertion(realm: Realm): void {
  for (const [owner, methods] of insertionMethods) {
    for (const method of methods.split(' ')) {
      replaceMethod(realm[owner].prototype, method, (native, self, args) => {
        const instruction = args.find((arg) => (arg as Node | null)?.nodeType === 7) as ProcessingInstruction | undefined;
        if (instructionHeld(instruction, self as Node, instruction?.data, () => native.apply(self, args))) return instruction;
        const frames = args.flatMap((arg) => ((arg as Node | null)?.nodeType ? guardTree(arg as Node, false) : []));
        guardStyleText(self, args.map((arg) => (arg as Node | null)?.textContent ?? arg).join(''));
        const result = native.apply(self, args);
        holdRulesOnNewBase();
        for (const frame of frames) guardFrame(frame);
        return result;
      });
    }
  }
  // A node a document takes from another (adopted, imported, made by XSLT) fetches as it arrives, inserted or not:
  // it is checked before its fetch starts.
  for (const [owner, method] of [['Document', 'adoptNode'], ['Document', 'importNode'], ['XSLTProcessor', 'transformToFragment']] as const) {
    replaceMethod(realm[owner]?.prototype, method, (native, self, args) => {
      const taken = native.apply(self, args) as Node;
      guardTree(taken, false);
      return taken;
    });
  }
  // An editing command (insertHTML, insertImage) builds and inserts elements where no method of ours sees them: what
  // it added is checked at once, before their fetches start and before the tag reaches into a frame it made.
  replaceMethod(realm.Document.prototype, 'execCommand', (native, self, args) => {
    const result = native.apply(self, args);
    checkMutations(observer.takeRecords());
    return result;
  });
  // A shadow root, open or closed, is watched like the document.
  replaceMethod(realm.Element.prototype, 'attachShadow', (native, host, args) => {
    const root = native.apply(host, args) as ShadowRoot;
    observe(root);
    return root;
  });
  observe(realm.document);
}

/**
 * Before insertion, a dynamically built tag is held in place, keeping whatever a vendor attached to it. After the
 * parser added one, a script it met has not run yet (that waits for this microtask), so it can still be stopped:
 * its type is switched and a copy is released later. Returns the frames met.
 */
function guardTree(node: Node, parsed: boolean): Element[] {
  const frames: Element[] = [];
  for (const element of elementsWithin(node, guardedSelector)) {
    if (/^(i?frame|object|embed)$/.test(element.localName)) frames.push(element);
    if (pending.has(element)) continue;
    if (isBlockedScript(element, parsed)) {
      const src = element.getAttribute('src');
      const type = element.getAttribute('type');
      nativeSetAttribute.call(element, 'type', 'text/plain');
      // The copy released in its place is of the type it had (a module, speculation rules).
      holdElement(element, { ...(src !== null && { src }), ...(type !== null && { type }) }, true);
    } else {
      holdBlocked(element);
    }
  }
  if (parsed) {
    for (const root of parsedShadowRoots(node)) {
      frames.push(...guardTree(root, true));
      observe(root);
    }
  }
  return frames;
}

/**
 * An open declarative shadow root in the page's own HTML is attached by the parser, with no call of ours, and
 * filled where the document's observer does not look: it is checked, and watched from then on, once its host is seen.
 */
function parsedShadowRoots(node: Node): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const elements = (node as ParentNode).querySelectorAll?.('*') ?? [];
  // Read by index, as a NodeList's iterator costs a large parse more.
  for (let i = -1; i < elements.length; i++) {
    const root = (i < 0 ? (node as Element) : elements[i]!).shadowRoot;
    if (root && !roots.includes(root)) found.push(root);
  }
  return found;
}
