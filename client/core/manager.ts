import type { State } from '../../shared/client.ts';
import { choiceNames } from '../../shared/purposes.ts';

/** A new state, and whether it was chosen on this page (so belongs in the collector's record). */
export type Change = [state: State, recorded: boolean];

/**
 * The one place this page's state changes. Opting out is always allowed; clearing an opt-out needs a trusted user
 * gesture, so a third-party script cannot opt itself back in. The guard decides by `state` at once; keeping,
 * signalling, recording and announcing each change is the apply script's, which takes `changes` in order;
 * `changed` is told of each at once.
 */
export function createManager(initial: State, changed: () => void) {
  return {
    state: initial,
    changes: [] as Change[],
    setChoices(partial: unknown, userActive: boolean): void {
      const next = { ...this.state, ...validChoices(partial) };
      if (!userActive && choiceNames.some((name) => this.state[name] && !next[name])) {
        console.warn('Cordon refused to clear an opt-out: no click or key press.');
      } else if (this.state.source !== 'user' || choiceNames.some((name) => this.state[name] !== next[name])) {
        this.change({ ...next, source: 'user', updatedAt: new Date().toISOString() }, true);
      }
    },
    /** A new state for the page, kept and announced by the apply script. */
    change(state: State, recorded: boolean): void {
      this.changes.push([this.state = state, recorded]);
      changed();
    },
  };
}
export type Manager = ReturnType<typeof createManager>;

function validChoices(partial: unknown): Partial<State> {
  const valid = Object(partial) === partial
    && Object.entries(partial as object).every(([name, value]) => (choiceNames as readonly string[]).includes(name) && typeof value === 'boolean');
  if (!valid) throw new TypeError(`Cordon.setChoices takes booleans for ${choiceNames}`);
  return partial as Partial<State>;
}
