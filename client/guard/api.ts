import type { Choices } from '../../shared/choices.ts';
import type { ClientConfig, HeldItem, State } from '../../shared/client.ts';
import type { Manager } from '../core/manager.ts';

export interface Ui {
  open(): void;
}

export interface CordonApi {
  ready: Promise<State>;
  getState(): State;
  setChoices(partial: Partial<Choices>): State;
  openPreferences(): void;
  identify(token: string): Promise<State>;
  getHeld(): HeldItem[];
  registerUi(ui: Ui): void;
  config: { site: string; regime: ClientConfig['regime']; honorGpc: boolean; gppSections: ClientConfig['gppSections']; vendors: { id: string; name: string; purposes: string[] }[] };
}

interface ApiDeps {
  config: ClientConfig;
  manager: Manager;
  getHeld(): HeldItem[];
  identify(token: string): Promise<State>;
  uiUrl: string;
  loadUi(): void;
}

/** `window.Cordon`, the contract in DESIGN.md. */
export function createApi({ config, manager, getHeld, identify, uiUrl, loadUi }: ApiDeps): CordonApi {
  let ui: Ui | undefined;
  let openWhenReady = false;
  const snapshot = () => ({ ...manager.state });
  return {
    ready: Promise.resolve(snapshot()),
    getState: snapshot,
    setChoices: (partial) => ({ ...manager.setChoices(partial, navigator.userActivation?.isActive ?? false) }),
    openPreferences() {
      if (ui) return ui.open();
      openWhenReady = true;
      loadUi();
    },
    identify,
    getHeld,
    registerUi(candidate) {
      // Only the UI bundle this script loaded may answer openPreferences, not any script that asks first.
      if (ui || (document.currentScript as HTMLScriptElement | null)?.src !== uiUrl) return;
      ui = candidate;
      if (openWhenReady) ui.open();
    },
    config: {
      site: config.id,
      regime: config.regime,
      honorGpc: config.honorGpc,
      gppSections: config.gppSections,
      vendors: config.vendors.map(({ id, name, purposes }) => ({ id, name, purposes })),
    },
  };
}
