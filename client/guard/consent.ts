import { bootState } from '../core/boot-state.ts';
import { createManager } from '../core/manager.ts';
import { allowed } from '../core/policy.ts';
import { readState } from '../core/repository.ts';
import { config } from './config.ts';

/** What this browser kept from earlier pages, read before any tag runs. */
export const stored = readState(config.id);
export const manager = createManager(bootState(config, stored, navigator.globalPrivacyControl === true));
export const isAllowed = (purposes: readonly string[]) => allowed(manager.state, purposes);
