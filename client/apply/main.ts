import type { State } from '../../shared/client.ts';
import { outboxKey, parseOutbox, read, stateKey, write } from '../core/repository.ts';
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
  const releaseAllowed = createRelease(guard);
  /** The sync script makes a record of the state and sends it; until then it waits in localStorage. */
  const record = (state: State) =>
    write(outboxKey(config.id), [...parseOutbox(read(outboxKey(config.id))), { ...state, url: location.origin + location.pathname }]);
  return () => {
    for (const [state, recorded] of manager.changes.splice(0)) {
      write(stateKey(config.id), state);
      signalConsentMode('update', state);
      if (recorded) record(state);
      dispatchEvent(new CustomEvent('cordon:change', { detail: { ...state } }));
    }
    clearForbiddenCookies(guard);
    revokeFrames(guard);
    releaseAllowed();
  };
};
window.Cordon.register(start);
