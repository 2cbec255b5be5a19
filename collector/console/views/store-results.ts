/**
 * One line per table of a store's result as the data map recorded it (erasure: the action and rows, correction: the
 * fields, know: the rows found), read defensively: the record is whatever that run wrote.
 */
export function storeResultLines(result: unknown): { store: string; lines: string[] } {
  const entry = (result ?? {}) as Record<string, unknown>;
  const store = typeof entry.store === 'string' ? entry.store : '?';
  if (entry.status === 'failed') return { store, lines: [`failed: ${String(entry.error ?? '')}`] };
  const tables = Array.isArray(entry.tables) ? entry.tables as Record<string, unknown>[] : [entry];
  const lines = tables.map((table) => {
    const name = String(table.table ?? '');
    const rows = Number(table.rows ?? 0);
    if (typeof table.action === 'string') {
      const retained = table.retained as { basis?: string; until?: string } | undefined;
      return `${name}: ${table.action} ${rows}${retained ? ` (${retained.basis}, until ${retained.until})` : ''}`;
    }
    if (Array.isArray(table.fields)) return `${name}: ${table.fields.join(', ')} in ${rows}`;
    return `${name}: ${rows}`;
  });
  if (entry.verified === true) lines.push('verified: nothing left but retained rows');
  return { store, lines };
}
