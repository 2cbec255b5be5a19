/** Connection-level failures: the server is down or restarting, not the request at fault. */
const unavailableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (unavailableCodes.has(String((current as { code?: unknown }).code))) return true;
  }
  return false;
}

/**
 * What may be said of a database failure in a log or on a request: the database's own message and code, never
 * Drizzle's wrapper, whose message repeats the query's parameters (a consumer's address among them).
 */
export function describeDatabaseError(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const source = cause instanceof Error ? cause : error as Error;
  const code = (source as { code?: string }).code;
  return `${code ? `${code} ` : ''}${source.message}`.slice(0, 300);
}
