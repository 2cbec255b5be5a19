import type { Strings } from '../strings/en.ts';

/**
 * One line per table of a store's result as the data map recorded it (erasure: the action and rows, correction: the
 * fields, know: the rows found), read defensively: the record is whatever that run wrote.
 */
export function storeResultLines(result: unknown, t: Strings['request']['storeLines']): { store: string; lines: string[] } {
  const entry = (result ?? {}) as Record<string, unknown>;
  const store = typeof entry.store === 'string' ? entry.store : '?';
  if (entry.status === 'failed') return { store, lines: [t.failed(String(entry.error ?? ''))] };
  const tables = Array.isArray(entry.tables) ? entry.tables as Record<string, unknown>[] : [entry];
  const lines = tables.map((table) => {
    const rows = t.rows(Number(table.rows ?? 0));
    const retained = table.retained as { basis?: string; until?: string } | undefined;
    const what = typeof table.action === 'string'
      ? `${t.actions[table.action] ?? table.action} ${rows}${retained ? ` (${t.retained(String(retained.basis), String(retained.until))})` : ''}`
      : Array.isArray(table.fields) ? `${t.corrected(table.fields.join(', '))}: ${rows}` : `${rows} ${t.found}`;
    return `${String(table.table ?? '')}: ${what}`;
  });
  if (entry.verified === true) lines.push(t.verified);
  return { store, lines };
}
