import type { Choices, Source } from '../../shared/choices.ts';
import type { State } from '../../shared/client.ts';
import { choiceNames } from '../../shared/purposes.ts';
import { choicesOf } from './boot-state.ts';


/** Whether a change came from this page and so belongs in the collector's record. */
export interface Change {
  record: boolean;
}
type Listener = (state: State, change: Change) => void;

/**
 * The one place the visitor's state changes. Opting out is always allowed; clearing an opt-out needs a trusted
 * user gesture, so a third-party script cannot opt itself back in.
 */
export function createManager(initial: State, clock: () => Date = () => new Date()) {
  let state = initial;
  const listeners: Listener[] = [];
  const commit = (choices: Choices, source: Source, change: Change): State => {
    const same = choiceNames.every((name) => state[name] === choices[name]) && state.source === source;
    if (same) return state;
    state = { ...state, ...choices, source, updatedAt: clock().toISOString() };
    for (const listener of listeners) listener(state, change);
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
      const next = { ...choicesOf(state), ...validChoices(partial) };
      const clearing = choiceNames.some((name) => state[name] && !next[name]);
      if (clearing && !userActive) {
        console.warn('Cordon refused to clear an opt-out: that needs the visitor\'s own click or key press (no user activation).');
        return state;
      }
      return commit(next, 'user', { record: true });
    },
    /** Opt-outs of the visitor's account add to this browser's; they never clear one. */
    applyAccount(account: Choices): State {
      const next = Object.fromEntries(choiceNames.map((name) => [name, state[name] || account[name]])) as Choices;
      return choiceNames.some((name) => next[name] !== state[name]) ? commit(next, 'account', { record: false }) : state;
    },
    /** Another tab of this site changed the choices (or the durable copy came back): already recorded. */
    adopt(other: State): void {
      if (other.updatedAt === state.updatedAt) return;
      state = { ...other, regime: state.regime };
      for (const listener of listeners) listener(state, { record: false });
    },
  };
}
export type Manager = ReturnType<typeof createManager>;

function validChoices(partial: unknown): Partial<Choices> {
  if (typeof partial !== 'object' || partial === null) throw new TypeError('Cordon.setChoices expects an object such as { saleOptOut: true }');
  for (const [name, value] of Object.entries(partial)) {
    if (!(choiceNames as readonly string[]).includes(name)) throw new TypeError(`Cordon.setChoices: unknown choice "${name}"; expected ${choiceNames.join(', ')}`);
    if (typeof value !== 'boolean') throw new TypeError(`Cordon.setChoices: ${name} must be true or false`);
  }
  return partial as Partial<Choices>;
}
