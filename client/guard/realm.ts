import { refuse, blockedTarget } from './guard.ts';
import { navigatedUrl } from './hold-element.ts';
import { holdModules } from './hold-modules.ts';
import { interceptAttributes } from './intercept-attributes.ts';
import { interceptCookies } from './intercept-cookies.ts';
import { interceptCss } from './intercept-css.ts';
import { interceptInsertion, observe } from './intercept-insertion.ts';
import { interceptMarkup } from './intercept-markup.ts';
import { interceptNetwork } from './intercept-network.ts';
import { interceptSubmissions } from './intercept-submissions.ts';
import { interceptWorkers } from './intercept-workers.ts';
import { replaceMethod, wrapGetter } from './patch.ts';
import { readArgumentOnce } from './trusted-types.ts';

/** A window's global: the page's, or a same-origin frame's, which has classes of its own to guard. */
export type Realm = Window & typeof globalThis;

/** Windows are told apart by their classes: a frame keeps its WindowProxy across documents, not its classes. */
const guarded = new WeakSet<object>();
const framesSeen = new WeakSet<Element>();

/**
 * Every interceptor, on a window's own classes: the page's, and each same-origin frame's (about:blank and srcdoc
 * frames, which ad servers write creatives into) as soon as it exists, before the tag that made it reaches in.
 */
export function guardWindow(realm: Realm | null | undefined): void {
  let classes: object;
  try {
    // A cross-origin frame's classes cannot be read, nor its document written: it is not the page's to guard.
    classes = realm!.Element.prototype;
  } catch {
    return;
  }
  if (guarded.has(classes)) return observe(realm!.document);
  guarded.add(classes);
  // Before the interceptors, which would hold an import map naming held vendors as any other.
  holdModules(realm!);
  for (const intercept of [interceptCookies, interceptNetwork, interceptAttributes, interceptCss, interceptMarkup, interceptInsertion, interceptSubmissions, interceptWorkers, interceptFrames]) {
    intercept(realm!);
  }
  if (realm !== window) holdNavigations(realm!);
}

/**
 * A frame's (or object's, or embed's) window, guarded each time a tag reaches for it and each time the frame loads a
 * document: capturing, so before the tag's own load handlers reach in. An embed has no contentWindow, and is reached
 * through its owner's frames, each of which is guarded.
 */
export function guardFrame(frame: Element): void {
  guardWindow((frame as HTMLIFrameElement).contentWindow as Realm | null);
  if (framesSeen.has(frame)) return;
  framesSeen.add(frame);
  frame.addEventListener('load', () => Array.from(frame.ownerDocument.defaultView as unknown as ArrayLike<Realm>, guardWindow), true);
}

function interceptFrames(realm: Realm): void {
  for (const owner of [realm.HTMLIFrameElement, realm.HTMLFrameElement, realm.HTMLObjectElement]) {
    wrapGetter(owner.prototype, 'contentWindow', (window: Realm | null) => (guardWindow(window), window));
    wrapGetter(owner.prototype, 'contentDocument', (document: Document | null) => (guardWindow(document?.defaultView as Realm | null), document));
  }
  // An initial about:blank document announces no navigation, but its navigation.navigate is a method. The page's
  // own navigation is one the visitor sees, and goes.
  replaceMethod(realm.Navigation?.prototype, 'navigate', (native, self, args) => {
    if (self === navigation || !heldNavigation(realm, readArgumentOnce(args, 0), () => native.apply(self, args))) return native.apply(self, args);
    const aborted = Promise.reject(new DOMException('Navigation was aborted', 'AbortError'));
    return { committed: aborted, finished: aborted };
  });
}

/**
 * A frame's document sent elsewhere (its location set, a meta refresh) to a held vendor stays where it is, and goes
 * once allowed. An initial about:blank document announces no navigation, so one sent from there through its
 * location cannot be held.
 */
function holdNavigations(realm: Realm): void {
  realm.navigation?.addEventListener('navigate', (event) => {
    const { url } = event.destination;
    if (event.cancelable && heldNavigation(realm, url, () => realm.location.assign(url))) event.preventDefault();
  });
}

/** Holds a navigation to `url` that reaches a held vendor, to be made by `release` once allowed. */
function heldNavigation(realm: Realm, url: string, release: () => unknown): boolean {
  const reached = navigatedUrl(url);
  const target = reached && blockedTarget(reached, [], realm.document.baseURI);
  if (target) refuse('navigation', reached!, target, release);
  return !!target;
}
