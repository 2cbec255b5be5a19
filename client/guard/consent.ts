import { bootState } from '../core/boot-state.ts';
import { createManager } from '../core/manager.ts';
import { allowed } from '../core/policy.ts';
import { choiceForPurpose } from '../../shared/purposes.ts';
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
/**
 * Nothing a page can load is held now: no opt-out, the site's own purposes run (every purpose a site names follows
 * one rule, which `analytics` stands for) and hosts no vendor names are let through.
 */
export const holdsNothing = () => config.unknownThirdParty !== 'block' && isAllowed([...Object.keys(choiceForPurpose), 'analytics']);
