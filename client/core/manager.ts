import type { State } from '../../shared/client.ts';
import { choiceNames } from '../../shared/purposes.ts';

/** `recorded`: the change came from this page, so it belongs in the collector's record. */
type Listener = (state: State, recorded: boolean) => void;

/**
 * The one place the visitor's state changes. Opting out is always allowed; clearing an opt-out needs a trusted
 * user gesture, so a third-party script cannot opt itself back in.
 */
export function createManager(initial: State) {
  let state = initial;
  const listeners: Listener[] = [];
  const publish = (next: State, recorded: boolean): State => {
    state = next;
    for (const listener of listeners) listener(state, recorded);
    return state;
  };
  return {
    get state(): State {
      return state;
    },
    subscribe(listener: Listener): void {
      listeners.push(listener);
    },
    setChoices(partial: unknown, userActive: boolean): State {
      const next = { ...state, ...validChoices(partial) };
      if (!userActive && choiceNames.some((name) => state[name] && !next[name])) {
        console.warn('Cordon refused to clear an opt-out without the visitor\'s own click or key press.');
        return state;
      }
      const same = state.source === 'user' && choiceNames.every((name) => state[name] === next[name]);
      return same ? state : publish({ ...next, source: 'user', updatedAt: new Date().toISOString() }, true);
    },
    /** Another tab of this site, the durable copy or the visitor's account changed the choices: already recorded. */
    adopt(other: State): void {
      if (other.updatedAt !== state.updatedAt) publish({ ...other, regime: state.regime }, false);
    },
  };
}
export type Manager = ReturnType<typeof createManager>;

function validChoices(partial: unknown): Partial<State> {
  const valid = typeof partial === 'object' && partial !== null
    && Object.entries(partial).every(([name, value]) => (choiceNames as readonly string[]).includes(name) && typeof value === 'boolean');
  if (!valid) throw new TypeError(`Cordon.setChoices takes true or false for any of ${choiceNames.join(', ')}`);
  return partial as Partial<State>;
}
