/**
 * Exponential backoff with full jitter: attempt n waits a random time up to base·2^(n-1), capped, so partners
 * coming back up are not hit by every collector at the same instant.
 */
export function retryDelayMs(attempt: number, baseMs: number, capMs: number, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
