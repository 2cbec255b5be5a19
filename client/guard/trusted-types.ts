/**
 * A site that enforces Trusted Types (`require-trusted-types-for 'script'`) refuses strings in HTML and script
 * sinks. Markup the guard rewrote, and values it held and sets back, were trusted once (they came through the
 * site's own policy or were the guard's own), so they are trusted again through a Cordon policy. A site that names
 * its policies (`trusted-types …`) lists `cordon` among them.
 */
const policy = (() => {
  try {
    const same = (text: string) => text;
    return window.trustedTypes?.createPolicy('cordon', { createHTML: same, createScript: same, createScriptURL: same });
  } catch {
    return undefined;
  }
})();

type Trusted = 'createHTML' | 'createScript' | 'createScriptURL';
/** The string as a trusted value of its kind, or the string itself where Trusted Types are not enforced. */
export const trusted = (kind: Trusted, text: string): string => (policy ? (policy[kind](text) as unknown as string) : text);

/** Sets an attribute back the way the page first set it, trusted where it is a sink of Trusted Types. */
export function trustedAttribute(element: Element, name: string): Trusted | undefined {
  if (name === 'srcdoc') return 'createHTML';
  return element.localName === 'script' && /src|href/.test(name) ? 'createScriptURL' : undefined;
}

/**
 * A URL or markup given as an object is read once, as the platform reads it (`toString`), and the call is given that
 * string: an object cannot show the guard one URL and the browser another. A trusted value stays as it is, as a sink
 * enforcing Trusted Types needs it.
 */
export function readOnce(value: unknown): unknown {
  const types = window.trustedTypes;
  return Object(value) !== value || types?.isHTML(value) || types?.isScript(value) || types?.isScriptURL(value) ? value : String(value);
}

/** A call's argument read once (a missing one stays missing), as the string it stands for. */
export function readArgumentOnce(args: unknown[], index: number): string {
  if (index < args.length) args[index] = readOnce(args[index]);
  return String(args[index]);
}
