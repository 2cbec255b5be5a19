import type { Db, Tx } from '../db/connect.ts';
import { auditEvents } from '../db/schema.ts';

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
  await tx.insert(auditEvents).values(events.map((event) => ({ ...event, detail: event.detail ?? {} })));
}
