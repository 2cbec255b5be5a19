import { allowed } from '../core/policy.ts';
import type { GuardInternals } from '../guard/apply-state.ts';

/**
 * Releases what is allowed now, one entry after another, so a held script that others depend on has loaded before
 * they run, as the parser would have done; the list is in the order the page met the tags.
 */
export function createRelease({ held, manager, pending, setAttribute }: GuardInternals): () => void {
  let chain: Promise<unknown> = Promise.resolve();

  /**
   * Sets the held attributes back, on the element itself or, for a script already met, on a copy in its place; a
   * template gives way to its content.
   */
  function release(element: Element, copy?: boolean): Promise<unknown> | undefined {
    const attributes = pending.get(element)!;
    pending.delete(element);
    if (element instanceof HTMLTemplateElement) return void element.replaceWith(element.content);
    const released = copy ? copyOf(element as HTMLScriptElement) : element;
    for (const [name, value] of Object.entries(attributes)) setAttribute.call(released, name, value);
    if (copy) element.replaceWith(released);
    // A non-async script is waited for before the next release, as the parser would.
    if (released instanceof HTMLScriptElement && released.src && released.isConnected && !released.async) return loaded(released);
  }

  /** A copy keeps the attributes, nonce and text, and the type the site declared in `data-type`. */
  function copyOf(script: HTMLScriptElement): HTMLScriptElement {
    const copy = document.createElement('script');
    // Without `data-src` the copy is not a marked tag to take again.
    for (const { name, value } of script.attributes) if (name !== 'type' && name !== 'data-src') setAttribute.call(copy, name, value);
    const type = script.getAttribute('data-type');
    if (type) setAttribute.call(copy, 'type', type);
    copy.nonce = script.nonce;
    copy.async = script.hasAttribute('async');
    copy.text = script.text;
    return copy;
  }

  return () => {
    const ready = held.filter((entry) => allowed(manager.state, entry.item.purposes));
    held.splice(0, held.length, ...held.filter((entry) => !ready.includes(entry)));
    for (const { element, copy } of ready) if (element) chain = chain.then(() => release(element, copy)).catch(() => {});
  };
}

function loaded(script: HTMLScriptElement): Promise<unknown> {
  return new Promise((resolve) => {
    for (const type of ['load', 'error']) script.addEventListener(type, resolve, { once: true });
  });
}
