import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { executePrepared } from '../db/rows.ts';

export interface AuditEvent {
  actor: string;
  action: string;
  /** A pseudonymous subject key (device id, account id, request id, email hash): never an email or IP. */
  subject?: string;
  detail?: Record<string, unknown>;
  /** When it happened by the injected clock; the database's time when left out. */
  at?: Date;
}

/** Appends to the audit trail inside the caller's transaction, so the event exists exactly when the change does. */
export async function audit(tx: Db | Tx, ...events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await executePrepared(tx, appendAuditEvents(events));
}

/**
 * The insert as one statement of constant text whatever the number of events (one JSON parameter), so the server
 * prepares it once, and so it can be one step of a larger statement.
 */
export function appendAuditEvents(events: AuditEvent[]): SQL {
  const rows = JSON.stringify(events.map((event) => ({ ...event, detail: event.detail ?? {} })));
  return sql`insert into audit_events (at, actor, action, subject, detail)
    select coalesce(v.at, now()), v.actor, v.action, v.subject, v.detail
    from jsonb_populate_recordset(null::audit_events, ${rows}::jsonb) with ordinality as v
    order by v.ordinality`;
}
