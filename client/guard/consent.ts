import { bootState } from '../core/boot-state.ts';
import { createManager } from '../core/manager.ts';
import { allowed } from '../core/policy.ts';
import { readState } from '../core/repository.ts';
import { config } from './config.ts';

/** What this browser kept from earlier pages, read before any tag runs. */
export const stored = readState(config.id);
export const manager = createManager(bootState(config, stored, navigator.globalPrivacyControl === true));
/** This page load decided what the browser had not kept: a new device, or GPC newly honoured or no longer sent. */
export const newlyDecided = stored?.source !== manager.state.source || stored.gpc !== manager.state.gpc;
export const isAllowed = (purposes: readonly string[]) => allowed(manager.state, purposes);
