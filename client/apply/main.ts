import type { State } from '../../shared/client.ts';
import { outboxKey, readOutbox, readState, stateKey, write } from '../core/repository.ts';
import { signalConsentMode } from '../signals/consent-mode.ts';
import type { GuardInternals, StartApplying } from '../guard/apply-state.ts';
import { clearForbiddenCookies } from './clear-cookies.ts';
import { heldFrameNotes } from './held-frames.ts';
import { createRelease } from './release.ts';
import { revokeFrames } from './revoke-frames.ts';
import { takeMarkedTags } from './take-marked.ts';

/**
 * Loaded by the guard as it starts, without holding up the parser: it takes the tags marked for Cordon and applies
 * each change the guard reports, then the state, to the page.
 */
const start: StartApplying = (guard: GuardInternals) => {
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', () => loadRest(guard));
  else loadRest(guard);
  const { config, manager } = guard;
  const key = stateKey(config.id);
  const release = createRelease(guard);
  const showHeldFrameNotes = heldFrameNotes(guard, release);
  const releaseAllowed = () => {
    release.allowed();
    showHeldFrameNotes();
  };
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
    revokeFrames(guard, release.loadedForThisVisit);
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
  takeMarkedTags(guard, releaseAllowed);
  addEventListener('storage', (event) => {
    if (event.key === key) adopt();
  });
  // What changed before this script listened (another tab, or the sync script restoring the durable copy); then what
  // the guard decided as the page started is kept, after that, so another tab's newer state is not overwritten.
  adopt();
  if (guard.newlyDecided) write(key, manager.state);
  return apply;
};
window.Cordon.register(start);

/** The UI and sync are not needed by the page's own DOMContentLoaded handlers, which run first when these wait for the next task. */
function loadRest({ load, uiFile }: GuardInternals): void {
  setTimeout(() => {
    load('sync.js');
    load(uiFile);
  });
}
