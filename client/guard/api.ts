import type { Choices } from '../../shared/choices.ts';
import type { ClientConfig, HeldItem, State } from '../../shared/client.ts';
import { registerApply, type StartApplying } from './apply-state.ts';
import { config } from './config.ts';
import { manager } from './consent.ts';
import { heldItems } from './held.ts';
import { load, loadedFrom, syncUrl, uiUrl } from './lazy-scripts.ts';

export interface Ui {
  open(): void;
}
type Identify = (token: string) => Promise<State>;

export interface CordonApi {
  ready: Promise<State>;
  getState(): State;
  setChoices(partial: Partial<Choices>): State;
  openPreferences(): void;
  identify: Identify;
  getHeld(): HeldItem[];
  registerUi(ui: Ui): void;
  registerSync(identify: Identify): void;
  registerApply(start: StartApplying): void;
  config: { site: string; regime: ClientConfig['regime']; honorGpc: boolean; gppSections: ClientConfig['gppSections']; vendors: { id: string; name: string; purposes: string[] }[] };
}

/** `window.Cordon`, the contract in DESIGN.md. */
export function createApi(): CordonApi {
  let ui: Ui | undefined;
  let openWhenReady = false;
  let registerSync!: (identify: Identify) => void;
  const sync = new Promise<Identify>((resolve) => (registerSync = resolve));
  const snapshot = () => ({ ...manager.state });
  return {
    ready: Promise.resolve(snapshot()),
    getState: snapshot,
    setChoices: (partial) => ({ ...manager.setChoices(partial, navigator.userActivation?.isActive ?? false) }),
    openPreferences() {
      if (ui) return ui.open();
      openWhenReady = true;
      load(uiUrl);
    },
    identify(token) {
      load(syncUrl);
      return sync.then((identify) => identify(token));
    },
    getHeld: heldItems,
    registerUi(candidate) {
      if (ui || !loadedFrom(uiUrl)) return;
      ui = candidate;
      if (openWhenReady) ui.open();
    },
    registerSync(identify) {
      if (loadedFrom(syncUrl)) registerSync(identify);
    },
    registerApply,
    config: {
      site: config.id,
      regime: config.regime,
      honorGpc: config.honorGpc,
      gppSections: config.gppSections,
      // Copies, as the guard decides by these purposes and a tag must not be able to empty them.
      vendors: config.vendors.map(({ id, name, purposes }) => ({ id, name, purposes: [...purposes] })),
    },
  };
}
