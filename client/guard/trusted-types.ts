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
