import type { Choices } from '../../shared/choices.ts';
import type { ClientConfig, HeldItem, State } from '../../shared/client.ts';
import { applyState } from './apply-state.ts';
import { configJson } from './config.ts';
import { manager } from './consent.ts';
import { heldItems } from './held.ts';
import { load, register, uiFile } from './lazy-scripts.ts';

export interface Ui {
  open(): void;
}
export type Identify = (token: string) => Promise<State>;

export interface CordonApi {
  ready: Promise<State>;
  getState(): State;
  setChoices(partial: Partial<Choices>): State;
  openPreferences(): void;
  identify: Identify;
  getHeld(): HeldItem[];
  /** How the UI, sync and apply scripts hand their part to the guard that loaded them. */
  register(part: unknown): void;
  config: ClientConfig;
}

/** `window.Cordon`, the contract in DESIGN.md. */
export function createApi(): CordonApi {
  const snapshot = () => ({ ...manager.state });
  return {
    ready: Promise.resolve(snapshot()),
    getState: snapshot,
    setChoices(partial) {
      manager.setChoices(partial, !!navigator.userActivation?.isActive);
      applyState();
      return snapshot();
    },
    openPreferences: () => void load<Ui>(uiFile).then((ui) => ui.open()),
    // The account's opt-outs reach the guard the way another tab's do, through the apply script, which the guard
    // started as it loaded.
    identify: (token) => load('apply.js').then(() => load<Identify>('sync.js')).then((identify) => identify(token)),
    getHeld: heldItems,
    register,
    // A copy of its own, as the guard decides by these purposes and a tag must not be able to empty them.
    config: JSON.parse(configJson),
  };
}
