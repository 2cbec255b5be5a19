import { elementsWithin } from '../core/added-elements.ts';
import { allowed } from '../core/policy.ts';
import { guardedSelector } from '../core/url-attributes.ts';
import type { GuardInternals } from '../guard/apply-state.ts';

export interface Release {
  /**
   * Releases what is allowed now, one entry after another, so a held script that others depend on has loaded before
   * they run, as the parser would have done; the list is in the order the page met the tags.
   */
  allowed(): void;
  /** Releases one held element at once, whatever the state: the visitor asked for it on this page view only. */
  forThisVisit(element: Element): void;
  /** The frames the visitor loaded so: they stay for this page view, whatever is chosen after. */
  loadedForThisVisit: WeakSet<Element>;
}

export function createRelease({ held, manager, pending, restore, trusted }: GuardInternals): Release {
  let chain: Promise<unknown> = Promise.resolve();
  const loadedForThisVisit = new WeakSet<Element>();

  /**
   * Sets the held attributes back, on the element itself or, for a script already met, on a copy in its place; a
   * template gives way to its content.
   */
  function release(element: Element, copy?: boolean): Promise<unknown> | undefined {
    const attributes = pending.get(element)!;
    pending.delete(element);
    if (element.localName === 'template') return void element.replaceWith((element as HTMLTemplateElement).content);
    const released = copy ? copyOf(element as HTMLScriptElement) : element;
    for (const [name, value] of Object.entries(attributes)) restore(released, name, value);
    if (copy) element.replaceWith(released);
    // A media element looks at each source as it is inserted: one given back its URL after that is looked at again
    // only when the element loads anew, which one left with nothing to play can do unnoticed.
    const media = released.parentElement as HTMLMediaElement | null;
    if (released.localName === 'source' && media?.networkState === HTMLMediaElement.NETWORK_NO_SOURCE) media.load();
    // A non-async script is waited for before the next release, as the parser would.
    const script = released as HTMLScriptElement;
    if (released.localName === 'script' && script.src && released.isConnected && !script.async) return loaded(script);
  }

  /** A copy keeps the attributes, nonce and text, and the type the site declared in `data-type`. */
  function copyOf(script: HTMLScriptElement): HTMLScriptElement {
    const copy = script.ownerDocument.createElement('script');
    // Without `data-src` the copy is not a marked tag to take again.
    for (const { name, value } of script.attributes) if (name !== 'type' && name !== 'data-src') restore(copy, name, value);
    const type = script.getAttribute('data-type');
    if (type) restore(copy, 'type', type);
    copy.nonce = script.nonce;
    copy.async = script.hasAttribute('async');
    copy.text = trusted('createScript', script.text);
    return copy;
  }

  function forThisVisit(element: Element): void {
    const index = held.findIndex((entry) => entry.element === element);
    if (index < 0) return;
    const [entry] = held.splice(index, 1);
    // The guard lets in, as it stands, what it already holds (it is in `pending`), so what the template brings is
    // not held again on its way in, nor when its observer sees it come in, a microtask later.
    const brought = element.localName === 'template' ? elementsWithin((element as HTMLTemplateElement).content, guardedSelector) : [];
    for (const inner of brought) pending.set(inner, {});
    release(element, entry!.copy);
    setTimeout(() => {
      for (const inner of brought) pending.delete(inner);
    });
    for (const loaded of [element, ...brought]) loadedForThisVisit.add(loaded);
  }

  return {
    allowed() {
      const ready = held.filter((entry) => allowed(manager.state, entry.item.purposes));
      held.splice(0, held.length, ...held.filter((entry) => !ready.includes(entry)));
      // A held call (a stylesheet rule, a frame's navigation) is made again; a refused request is only dropped.
      for (const entry of ready) {
        if (entry.element || entry.release) chain = chain.then(() => (entry.element ? release(entry.element, entry.copy) : entry.release!())).catch(() => {});
      }
    },
    forThisVisit,
    loadedForThisVisit,
  };
}

function loaded(script: HTMLScriptElement): Promise<unknown> {
  return new Promise((resolve) => {
    for (const type of ['load', 'error']) script.addEventListener(type, resolve, { once: true });
  });
}
