import { bootState } from '../core/boot-state.ts';
import { createManager } from '../core/manager.ts';
import { allowed, allowsEveryPurpose } from '../core/policy.ts';
import { readState } from '../core/repository.ts';
import { config } from './config.ts';

/** What this browser kept from earlier pages, read before any tag runs. */
export const stored = readState(config.id);
/** Told of each change of state, once it is made. */
export const stateChanged: (() => void)[] = [];
export const manager = createManager(bootState(config, stored, navigator.globalPrivacyControl === true), () => {
  for (const listener of stateChanged) listener();
});
/** This page load decided what the browser had not kept: a new device, or GPC newly honoured or no longer sent. */
export const newlyDecided = stored?.source !== manager.state.source || stored.gpc !== manager.state.gpc;
export const isAllowed = (purposes: readonly string[]) => allowed(manager.state, purposes);
/** Nothing a page can load is held now: every purpose may run, and hosts no vendor names are let through. */
export const holdsNothing = () => config.unknownThirdParty !== 'block' && allowsEveryPurpose(manager.state);
