import { sql, type SQL } from 'drizzle-orm';
import { defaultChoices } from '../../shared/choices.ts';
import type { CordonConfig } from '../../shared/config.ts';
import type { PreferenceRecord } from '../../shared/record.ts';
import type { Db, Tx } from '../db/connect.ts';
import { executePrepared, transactInTwoSteps } from '../db/rows.ts';
import { findSite } from '../deps.ts';
import { appendAuditEvents, type AuditEvent } from './audit.ts';
import { foldRecord, newOptOuts, type SubjectState } from './preference-state.ts';
import { insertOptOutNotices, type OptOutChange } from './propagation.ts';

export type SubjectKind = 'device' | 'account' | 'email';
export interface SubjectRef { site: string; kind: SubjectKind; key: string }

/** How lockStates keys the states it returns. */
export const refId = (ref: SubjectRef) => `${ref.site}\u0000${ref.kind}\u0000${ref.key}`;

/**
 * Stores records (append-only, idempotent by id) and folds each new one into the state of its device and of the
 * account the device is linked to, in one transaction: the first step stores the records and locks the states they
 * touch, the second writes the new states, partner notices and audit events. Returns the ids that were new.
 */
export async function storeRecords(db: Db, config: CordonConfig, records: PreferenceRecord[], now: Date): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  // Inserted in one fixed order, so two transactions holding some of the same ids wait for each other, never deadlock.
  const unique = [...new Map(records.map((record) => [record.id, record])).values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return transactInTwoSteps(db, [insertAndLockDevices(unique), lockLinkedAccounts(unique)], ([devices, accounts]) => {
    const stored = readStored(devices![0] as LockedDevices, accounts![0] as LockedAccounts);
    const fresh = new Set(stored.ids);
    const newRecords = unique.filter((record) => fresh.has(record.id))
      .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt)); // offsets differ: compare instants, not strings
    return { statement: newRecords.length > 0 ? foldIntoStates(config, newRecords, stored, now) : undefined, result: fresh };
  });
}

interface Stored {
  ids: string[];
  /** The account each device of a new record is linked to, by `site \0 device`. */
  accounts: Map<string, string>;
  /** The locked states that already existed, by refId. */
  states: Map<string, SubjectState>;
}

/** What each locking statement answers: one row of JSON texts. */
interface LockedDevices { ids: string; states: string }
interface LockedAccounts { links: string; states: string }

/**
 * Inserts the records and locks the state rows of the devices of the new ones. Devices are taken before any
 * account, as lockStates does, so concurrent writers serialise instead of deadlocking.
 */
function insertAndLockDevices(records: PreferenceRecord[]): SQL {
  return sql`
    with stored as (
      insert into preference_records (id, site, device_id, sale_opt_out, sharing_opt_out, limit_sensitive, gpc, source,
        regime, occurred_at, url, notice_version)
      select id, site, device_id, sale_opt_out, sharing_opt_out, limit_sensitive, gpc, source, regime, occurred_at, url,
        notice_version
      from jsonb_populate_recordset(null::preference_records, ${JSON.stringify(records.map(toRow))}::jsonb) with ordinality
      order by ordinality
      on conflict do nothing
      returning id, site, device_id
    ), locked as (${lockInOrder(sql`select site, 'device' as kind, device_id as key from stored`)})
    select (select coalesce(json_agg(id), '[]') from stored)::text as ids,
      (select coalesce(json_agg(locked), '[]') from locked)::text as states`;
}

/**
 * Locks the state rows of the accounts the records' devices are linked to. A statement of its own: it starts once
 * the devices are locked, so it sees a link committed while this transaction waited for one of them (reading links
 * in the first statement would miss it, and the account would miss the record).
 */
function lockLinkedAccounts(records: PreferenceRecord[]): SQL {
  const devices = JSON.stringify(records.map(({ site, deviceId }) => ({ site, device_id: deviceId })));
  return sql`
    with links as (
      select l.site, l.device_id, l.account_id from device_links l
      where (l.site, l.device_id) in (select site, device_id from jsonb_to_recordset(${devices}::jsonb) as d(site text, device_id text))
    ), locked as (${lockInOrder(sql`select site, 'account' as kind, account_id as key from links`)})
    select (select coalesce(json_agg(links), '[]') from links)::text as links,
      (select coalesce(json_agg(locked), '[]') from locked)::text as states`;
}

/**
 * Locks the state rows of `subjects` (site, kind, key; repeats allowed) and returns them as they are now. The one
 * order every writer takes them in: devices and emails, then accounts, each by site, kind and key, so concurrent
 * writers serialise instead of deadlocking. An upsert locks an existing row and returns its current version even
 * when another writer committed it after the statement began, and a placeholder (epoch timestamp) makes a
 * first-ever subject lockable.
 */
function lockInOrder(subjects: SQL): SQL {
  return sql`
    insert into subject_states (site, kind, key, sale_opt_out, sharing_opt_out, limit_sensitive, gpc, source, updated_at)
    select s.site, s.kind, s.key, false, false, false, false, 'default', 'epoch'::timestamptz
    from (select distinct site, kind::text, key from (${subjects}) given) s
    order by s.kind = 'account', s.site, s.kind, s.key
    on conflict (site, kind, key) do update set site = excluded.site
    returning site, kind, key, sale_opt_out, sharing_opt_out, limit_sensitive, gpc, source, updated_at`;
}

/** The locked states that already existed (not placeholders), by refId. */
function existingStates(rows: LockedRow[]): Map<string, SubjectState> {
  return new Map(rows.filter((row) => Date.parse(row.updated_at) !== 0).map((row) => [refId(row as SubjectRef), lockedState(row)]));
}

function readStored(devices: LockedDevices, accounts: LockedAccounts): Stored {
  const links = JSON.parse(accounts.links) as { site: string; device_id: string; account_id: string }[];
  const states = [...JSON.parse(devices.states), ...JSON.parse(accounts.states)] as LockedRow[];
  return {
    ids: JSON.parse(devices.ids) as string[],
    accounts: new Map(links.map((link) => [`${link.site}\u0000${link.device_id}`, link.account_id])),
    states: existingStates(states),
  };
}

/** Works out every state change, notice and audit event of the new records: one statement writes them all. */
function foldIntoStates(config: CordonConfig, records: PreferenceRecord[], stored: Stored, now: Date): SQL {
  const { states } = stored;
  const changed = new Map<string, { ref: SubjectRef; state: SubjectState }>();
  const events: AuditEvent[] = [];
  const optOuts: OptOutChange[] = [];
  for (const record of records) {
    const device: SubjectRef = { site: record.site, kind: 'device', key: record.deviceId };
    const account = stored.accounts.get(`${record.site}\u0000${record.deviceId}`);
    const refs = account ? [device, { site: record.site, kind: 'account' as const, key: account }] : [device];
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
  return sql`with saved as (${updateStates([...changed.values()])}),
    notices as (${insertOptOutNotices(config, now, optOuts)})
    ${appendAuditEvents(events)}`;
}

/** Locks the state rows of every subject involved (see lockInOrder). Returns the states that already existed. */
export async function lockStates(tx: Tx, refs: SubjectRef[]): Promise<Map<string, SubjectState>> {
  // One JSON parameter whatever the count: a long OR of keys costs Postgres more to plan than to run.
  const given = sql`select site, kind, key from jsonb_to_recordset(${JSON.stringify(refs)}::jsonb) as v(site text, kind text, key text)`;
  const [row] = await executePrepared<{ states: string }>(tx, sql`
    with locked as (${lockInOrder(given)})
    select coalesce(json_agg(locked), '[]')::text as states from locked`);
  return existingStates(JSON.parse(row!.states) as LockedRow[]);
}

/** One statement for all the states a transaction changed. */
export async function saveStates(tx: Tx, entries: { ref: SubjectRef; state: SubjectState }[]) {
  if (entries.length > 0) await executePrepared(tx, updateStates(entries));
}

function updateStates(entries: { ref: SubjectRef; state: SubjectState }[]): SQL {
  const rows = JSON.stringify(entries.map(({ ref, state }) => ({
    site: ref.site, kind: ref.kind, key: ref.key, sale: state.saleOptOut, sharing: state.sharingOptOut,
    sensitive: state.limitSensitive, gpc: state.gpc, source: state.source, at: state.updatedAt.toISOString(),
  })));
  return sql`
    update subject_states as s set sale_opt_out = v.sale, sharing_opt_out = v.sharing, limit_sensitive = v.sensitive,
      gpc = v.gpc, source = v.source, updated_at = v.at
    from jsonb_to_recordset(${rows}::jsonb) as v(site text, kind text, key text, sale boolean, sharing boolean,
      sensitive boolean, gpc boolean, source text, at timestamptz)
    where s.site = v.site and s.kind = v.kind and s.key = v.key`;
}

/** A state row as the database writes it in JSON. */
interface LockedRow {
  site: string; kind: string; key: string; sale_opt_out: boolean; sharing_opt_out: boolean; limit_sensitive: boolean;
  gpc: boolean; source: string; updated_at: string;
}

function lockedState(row: LockedRow): SubjectState {
  return {
    saleOptOut: row.sale_opt_out, sharingOptOut: row.sharing_opt_out, limitSensitive: row.limit_sensitive,
    gpc: row.gpc, source: row.source as SubjectState['source'], updatedAt: new Date(row.updated_at),
  };
}

/** A record as a preference_records row in JSON, for jsonb_populate_recordset. */
function toRow(record: PreferenceRecord) {
  return {
    id: record.id, site: record.site, device_id: record.deviceId, sale_opt_out: record.choices.saleOptOut,
    sharing_opt_out: record.choices.sharingOptOut, limit_sensitive: record.choices.limitSensitive, gpc: record.gpc,
    source: record.source, regime: record.regime, occurred_at: new Date(record.occurredAt).toISOString(), url: record.url,
    notice_version: record.noticeVersion ?? null,
  };
}
