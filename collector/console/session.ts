import { signal } from '@preact/signals-core';

const storageKey = 'cordon-console-key';
/** The shape the collector accepts in `Authorization: Bearer KEY` (collector/middleware/api-key.ts). */
const keyShape = /^[A-Za-z0-9_-]{16,200}$/;

export type SignInProblem = 'empty' | 'malformed' | 'unknown' | 'notAdmin' | 'unreachable' | 'revoked';

/**
 * The admin key lives in sessionStorage only: never a cookie (the browser would send it by itself), never a URL
 * (it would land in history and logs). Closing the tab forgets it.
 */
export function createSession() {
  const key = signal<string | null>(readKey());
  const problem = signal<SignInProblem | null>(null);
  const checking = signal(false);

  function forget(why: SignInProblem | null) {
    sessionStorage.removeItem(storageKey);
    key.value = null;
    problem.value = why;
  }

  /** Tries the key on an admin route before keeping it, so a wrong or revoked key is named at once. */
  async function signIn(typed: string): Promise<boolean> {
    const candidate = typed.trim();
    if (!candidate) return fail('empty');
    if (!keyShape.test(candidate)) return fail('malformed');
    checking.value = true;
    try {
      const response = await fetch('/v1/admin/sites', { headers: { authorization: `Bearer ${candidate}` } });
      if (response.status === 401) return fail('unknown');
      if (response.status === 403) return fail('notAdmin');
      if (!response.ok) return fail('unreachable');
    } catch {
      return fail('unreachable');
    } finally {
      checking.value = false;
    }
    sessionStorage.setItem(storageKey, candidate);
    problem.value = null;
    key.value = candidate;
    return true;
  }

  function fail(why: SignInProblem): false {
    problem.value = why;
    return false;
  }

  return { key, problem, checking, signIn, signOut: () => forget(null), revoked: () => forget('revoked') };
}
export type Session = ReturnType<typeof createSession>;

function readKey(): string | null {
  const stored = sessionStorage.getItem(storageKey);
  return stored && keyShape.test(stored) ? stored : null;
}
