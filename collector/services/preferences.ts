import { inArray, sql } from 'drizzle-orm';
import { defaultChoices } from '../../shared/choices.ts';
import type { CordonConfig } from '../../shared/config.ts';
import type { PreferenceRecord } from '../../shared/record.ts';
import type { Db, Tx } from '../db/connect.ts';
import { deviceLinks, preferenceRecords, subjectStates } from '../db/schema.ts';
import { findSite } from '../deps.ts';
import { audit, type AuditEvent } from './audit.ts';
import { foldRecord, newOptOuts, type SubjectState } from './preference-state.ts';
import { enqueueOptOutNotices, type OptOutChange } from './propagation.ts';

export type SubjectKind = 'device' | 'account' | 'email';
export interface SubjectRef { site: string; kind: SubjectKind; key: string }

/** How lockStates keys the states it returns. */
export const refId = (ref: SubjectRef) => `${ref.site}\u0000${ref.kind}\u0000${ref.key}`;

/**
 * Stores records (append-only, idempotent by id) and folds each new one into the state of its device and of the
 * account the device is linked to, all in one transaction. Returns the ids that were new.
 */
export async function storeRecords(db: Db, config: CordonConfig, records: PreferenceRecord[], now: Date): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const unique = [...new Map(records.map((record) => [record.id, record])).values()];
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(preferenceRecords).values(unique.map(toRow)).onConflictDoNothing()
      .returning({ id: preferenceRecords.id });
    const fresh = new Set(inserted.map((row) => row.id));
    const newRecords = unique.filter((record) => fresh.has(record.id))
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    if (newRecords.length > 0) await foldIntoStates(tx, config, newRecords, now);
    return fresh;
  });
}

async function foldIntoStates(tx: Tx, config: CordonConfig, records: PreferenceRecord[], now: Date) {
  const accounts = await accountsOf(tx, records);
  const targets = records.map((record) => {
    const device: SubjectRef = { site: record.site, kind: 'device', key: record.deviceId };
    const account = accounts.get(`${record.site}\u0000${record.deviceId}`);
    return { record, refs: account ? [device, { site: record.site, kind: 'account' as const, key: account }] : [device] };
  });
  const states = await lockStates(tx, targets.flatMap((target) => target.refs));
  const changed = new Map<string, { ref: SubjectRef; state: SubjectState }>();
  const events: AuditEvent[] = [];
  const optOuts: OptOutChange[] = [];
  for (const { record, refs } of targets) {
    const regimeDefault = defaultChoices(findSite(config, record.site)?.regime ?? record.regime);
    for (const ref of refs) {
      const before = states.get(refId(ref));
      const after = foldRecord(before, record);
      states.set(refId(ref), after);
      changed.set(refId(ref), { ref, state: after });
      const optedOut = newOptOuts(before ?? regimeDefault, after);
      // The account speaks for its devices downstream; an unlinked device speaks for itself.
      if (ref === refs[refs.length - 1] && optedOut.length > 0) optOuts.push({ subject: ref, choices: optedOut, cause: record.id });
    }
    events.push({
      actor: `device:${record.deviceId}`, action: 'record.stored', subject: record.deviceId,
      detail: { recordId: record.id, site: record.site, source: record.source, choices: record.choices, gpc: record.gpc },
    });
  }
  await saveStates(tx, [...changed.values()]);
  await enqueueOptOutNotices(tx, config, now, optOuts);
  await audit(tx, ...events);
}

async function accountsOf(tx: Tx, records: PreferenceRecord[]): Promise<Map<string, string>> {
  const devices = [...new Set(records.map((record) => record.deviceId))];
  const rows = await tx.select().from(deviceLinks).where(inArray(deviceLinks.deviceId, devices));
  return new Map(rows.map((row) => [`${row.site}\u0000${row.deviceId}`, row.accountId]));
}

/**
 * Locks the state rows of every subject involved, in one fixed order, so concurrent writers for the same
 * device serialise instead of losing an update or deadlocking. Returns the states that already existed.
 */
export async function lockStates(tx: Tx, refs: SubjectRef[]): Promise<Map<string, SubjectState>> {
  const unique = [...new Map(refs.map((ref) => [refId(ref), ref])).values()];
  // One JSON parameter whatever the count: a long OR of keys costs Postgres more to plan than to run.
  const keys = JSON.stringify(unique);
  const given = sql`jsonb_to_recordset(${keys}::jsonb) as v(site text, kind text, key text)`;
  // A placeholder row makes a first-ever subject lockable too; it is recognisable by its epoch timestamp.
  await tx.execute(sql`
    insert into subject_states (site, kind, key, sale_opt_out, sharing_opt_out, limit_sensitive, gpc, source, updated_at)
    select v.site, v.kind, v.key, false, false, false, false, 'default', 'epoch' from ${given}
    on conflict do nothing`);
  const rows = await tx.select().from(subjectStates)
    .where(sql`(${subjectStates.site}, ${subjectStates.kind}, ${subjectStates.key}) in (select v.site, v.kind, v.key from ${given})`)
    .orderBy(subjectStates.site, subjectStates.kind, subjectStates.key)
    .for('update');
  return new Map(rows.filter((row) => row.updatedAt.getTime() !== 0)
    .map((row) => [refId(row as SubjectRef), toState(row)]));
}

/** One statement for all the states a transaction changed. */
export async function saveStates(tx: Tx, entries: { ref: SubjectRef; state: SubjectState }[]) {
  if (entries.length === 0) return;
  const rows = JSON.stringify(entries.map(({ ref, state }) => ({
    site: ref.site, kind: ref.kind, key: ref.key, sale: state.saleOptOut, sharing: state.sharingOptOut,
    sensitive: state.limitSensitive, gpc: state.gpc, source: state.source, at: state.updatedAt.toISOString(),
  })));
  await tx.execute(sql`
    update subject_states as s set sale_opt_out = v.sale, sharing_opt_out = v.sharing, limit_sensitive = v.sensitive,
      gpc = v.gpc, source = v.source, updated_at = v.at
    from jsonb_to_recordset(${rows}::jsonb) as v(site text, kind text, key text, sale boolean, sharing boolean,
      sensitive boolean, gpc boolean, source text, at timestamptz)
    where s.site = v.site and s.kind = v.kind and s.key = v.key`);
}

function toState(row: typeof subjectStates.$inferSelect): SubjectState {
  return {
    saleOptOut: row.saleOptOut, sharingOptOut: row.sharingOptOut, limitSensitive: row.limitSensitive,
    gpc: row.gpc, source: row.source as SubjectState['source'], updatedAt: row.updatedAt,
  };
}

function toRow(record: PreferenceRecord): typeof preferenceRecords.$inferInsert {
  return {
    id: record.id, site: record.site, deviceId: record.deviceId, ...record.choices, gpc: record.gpc,
    source: record.source, regime: record.regime, occurredAt: new Date(record.occurredAt), url: record.url,
    noticeVersion: record.noticeVersion,
  };
}
