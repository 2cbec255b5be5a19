import type { ClientConfig } from '../../shared/client.ts';
import type { Manager } from '../core/manager.ts';
import { config } from './config.ts';
import { manager, newlyDecided } from './consent.ts';
import { held, type Held } from './held.ts';
import { blockedAttributes, holdElement, nativeSetAttribute, nativeSetAttributeNS, pending, xlinkNamespace } from './hold-element.ts';
import { roots, watchers } from './intercept-insertion.ts';
import { lang, load, uiFile } from './lazy-scripts.ts';
import { trusted, trustedAttribute } from './trusted-types.ts';

/** What the guard lends the apply script, and only it: the state, and what it holds and how. */
export interface GuardInternals {
  config: ClientConfig;
  manager: Manager;
  /** The state the guard started with is not the one this browser kept. */
  newlyDecided: boolean;
  held: Held[];
  pending: WeakMap<Element, Record<string, string>>;
  /** Sets a held attribute back, as trusted as when the page set it. */
  restore(element: Element, name: string, value: string): void;
  trusted: typeof trusted;
  /** The documents and shadow roots the guard watches, and the watchers it shows what is added to them. */
  roots: Node[];
  watchers: ((added: Node[]) => void)[];
  blockedAttributes(element: Element): Record<string, string>;
  holdElement(element: Element, attributes: Record<string, string>, copy?: boolean): void;
  load: typeof load;
  /** The language the UI (and every note) speaks, decided once as the page started. */
  lang: typeof lang;
  uiFile: string;
}

/** The apply script's part: given the guard's internals, it returns what applies the current state to the page. */
export type StartApplying = (guard: GuardInternals) => () => void;

let apply: (() => void) | undefined;

/** An XLink href is set back in its namespace: `setAttribute('xlink:href')` would make an attribute SVG ignores. */
function restore(element: Element, name: string, value: string): void {
  const kind = trustedAttribute(element, name);
  const trustedValue = kind ? trusted(kind, value) : value;
  if (name === 'xlink:href') nativeSetAttributeNS.call(element, xlinkNamespace, name, trustedValue);
  else nativeSetAttribute.call(element, name, trustedValue);
}

/**
 * Keeping and announcing a change, releasing what is allowed, revoking what no longer is and deleting forbidden
 * cookies react to the state, so they live in the apply script: run at once when it is here, else when it arrives.
 */
export function applyState(): void {
  if (apply) return apply();
  void load<StartApplying>('apply.js').then((start) => {
    apply ??= start({ config, manager, newlyDecided, held, pending, restore, trusted, roots, watchers, blockedAttributes, holdElement, load, lang, uiFile });
    apply();
  });
}
