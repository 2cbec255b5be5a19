import type { State } from '../../shared/client.ts';
import { outboxKey, readOutbox, readState, stateKey, write } from '../core/repository.ts';
import { signalConsentMode } from '../signals/consent-mode.ts';
import type { GuardInternals, StartApplying } from '../guard/apply-state.ts';
import { clearForbiddenCookies } from './clear-cookies.ts';
import { createRelease } from './release.ts';
import { revokeFrames } from './revoke-frames.ts';

/**
 * Loaded by the guard after the page has parsed, and at once when something held may come back, the state changed
 * or forbidden cookies may be set: it applies each change the guard reports, then the state, to the page.
 */
const start: StartApplying = (guard: GuardInternals) => {
  const { config, manager } = guard;
  const key = stateKey(config.id);
  const releaseAllowed = createRelease(guard);
  /** The sync script makes a record of the state and sends it; until then it waits in localStorage. */
  const record = (state: State) =>
    write(outboxKey(config.id), [...readOutbox(config.id), { ...state, url: location.origin + location.pathname }]);
  const apply = () => {
    for (const [state, recorded] of manager.changes.splice(0)) {
      write(key, state);
      signalConsentMode('update', state);
      if (recorded) record(state);
      dispatchEvent(new CustomEvent('cordon:change', { detail: { ...state } }));
    }
    clearForbiddenCookies(guard);
    revokeFrames(guard);
    releaseAllowed();
  };
  /**
   * Another tab of this site, the durable copy or the visitor's account changed the choices (already recorded
   * there). Only a newer state is taken, so one this page chose but has not kept yet is never undone.
   */
  const adopt = () => {
    const other = readState(config.id);
    if (!other || (other.updatedAt ?? '') <= (manager.state.updatedAt ?? '')) return;
    manager.change({ ...other, regime: manager.state.regime }, false);
    apply();
  };
  addEventListener('storage', (event) => {
    if (event.key === key) adopt();
  });
  // What changed before this script listened (another tab, or the sync script restoring the durable copy).
  adopt();
  return apply;
};
window.Cordon.register(start);
