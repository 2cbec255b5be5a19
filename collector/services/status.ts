import { defaultChoices } from '../../shared/choices.ts';
import type { Site } from '../../shared/config.ts';
import type { Status, Subject } from '../../shared/status.ts';
import type { Db } from '../db/connect.ts';
import { selectPrepared } from '../db/rows.ts';
import { emailHash } from './hashing.ts';

interface StateRow {
  i: number;
  sale_opt_out: boolean | null;
  sharing_opt_out: boolean | null;
  limit_sensitive: boolean | null;
  gpc: boolean | null;
  source: string | null;
  updated_at: string | Date | null;
}

/** A lookup key: the subject's kind and the key it is stored under (emails as their hash). */
export function subjectKey(subject: Subject): { kind: 'account' | 'device' | 'email'; key: string } {
  if ('account' in subject) return { kind: 'account', key: subject.account };
  if ('device' in subject) return { kind: 'device', key: subject.device };
  return { kind: 'email', key: emailHash(subject.email) };
}

/**
 * The current status of many subjects in one query. A device or email linked to an account answers with the
 * account's state, which carries every linked device's opt-outs; anything never seen gets the regime's defaults.
 */
export async function lookupStatuses(db: Db, site: Site, subjects: Subject[]): Promise<Status[]> {
  const wanted = subjects.map((subject, i) => {
    const { kind, key } = subjectKey(subject);
    return { i, kind, key };
  });
  const rows = await selectPrepared<StateRow>(db, lookupQuery, [JSON.stringify(wanted), site.id]);
  const statuses = new Array<Status>(subjects.length);
  for (const row of rows) statuses[row.i] = row.sale_opt_out === null ? unknownStatus(site) : toStatus(row);
  return statuses;
}

/**
 * Each wanted subject is resolved to its account (if linked), then its state is read by primary key. The
 * LATERAL ... LIMIT 1 keeps the plan a per-subject index lookup whatever the table statistics say; OFFSET 0 keeps
 * the planner from inlining `linked` into both of its uses, which looked each link up twice.
 */
const lookupQuery = `
  select w.i, s.sale_opt_out, s.sharing_opt_out, s.limit_sensitive, s.gpc, s.source, s.updated_at
  from jsonb_to_recordset($1::jsonb) as w(i int, kind text, key text)
  cross join lateral (select coalesce(
    (select account_id from device_links dl where w.kind = 'device' and dl.site = $2 and dl.device_id = w.key),
    (select account_id from email_links el where w.kind = 'email' and el.site = $2 and el.email_hash = w.key)
  ) as account offset 0) linked
  left join lateral (
    select * from subject_states s
    where s.site = $2 and s.kind = case when linked.account is null then w.kind else 'account' end
      and s.key = coalesce(linked.account, w.key) and s.updated_at > 'epoch'
    limit 1
  ) s on true`;

/**
 * Fields are spelled out, not spread: on Node 20 `{ ...choices, gpc, … }` costs a new hidden class per call, which
 * made this the most expensive line of a status lookup.
 */
function unknownStatus(site: Site): Status {
  const { saleOptOut, sharingOptOut, limitSensitive } = defaultChoices(site.regime);
  return { saleOptOut, sharingOptOut, limitSensitive, gpc: false, source: 'default', updatedAt: null, known: false };
}

function toStatus(row: StateRow): Status {
  return {
    saleOptOut: row.sale_opt_out!, sharingOptOut: row.sharing_opt_out!, limitSensitive: row.limit_sensitive!,
    gpc: row.gpc!, source: row.source as Status['source'], updatedAt: new Date(row.updated_at!).toISOString(), known: true,
  };
}
