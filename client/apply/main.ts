import { parseStored, read, stateKey } from '../core/repository.ts';
import type { GuardInternals } from '../guard/apply-state.ts';
import { clearForbiddenCookies } from './clear-cookies.ts';
import { createRelease } from './release.ts';
import { revokeFrames } from './revoke-frames.ts';

/**
 * Loaded by the guard after the page has parsed, and at once when something held may come back, the state changed
 * or forbidden cookies may be set. It applies the state it finds, then every change the guard reports.
 */
window.Cordon.registerApply((guard: GuardInternals) => {
  const key = stateKey(guard.config.id);
  const releaseAllowed = createRelease(guard);
  /** Another tab of this site changed the choices (or the sync script restored them): already recorded there. */
  const adopt = (text: string | null) => {
    const other = parseStored(text);
    if (other) guard.manager.adopt(other);
  };
  addEventListener('storage', (event) => {
    if (event.key === key) adopt(event.newValue);
  });
  // A change made in another tab while this page was still parsing came before the listener.
  adopt(read(key));
  return () => {
    clearForbiddenCookies(guard);
    revokeFrames(guard);
    releaseAllowed();
  };
});
