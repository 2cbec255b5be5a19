import { sql } from 'drizzle-orm';
import { defaultChoices } from '../../shared/choices.ts';
import type { Site } from '../../shared/config.ts';
import type { Status, Subject } from '../../shared/status.ts';
import type { Db } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
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
  const wanted = JSON.stringify(subjects.map((subject, i) => ({ i, ...subjectKey(subject) })));
  const rows = await selectRows<StateRow>(db, sql`
    with wanted as (
      select w.i, coalesce(dl.account_id, el.account_id) as account, w.kind, w.key
      from jsonb_to_recordset(${wanted}::jsonb) as w(i int, kind text, key text)
      left join device_links dl on w.kind = 'device' and dl.site = ${site.id} and dl.device_id = w.key
      left join email_links el on w.kind = 'email' and el.site = ${site.id} and el.email_hash = w.key
    )
    select wanted.i, s.sale_opt_out, s.sharing_opt_out, s.limit_sensitive, s.gpc, s.source, s.updated_at
    from wanted left join subject_states s
      on s.site = ${site.id}
     and s.kind = case when wanted.account is null then wanted.kind else 'account' end
     and s.key = coalesce(wanted.account, wanted.key)
     and s.updated_at > 'epoch'`);
  const statuses: Status[] = subjects.map(() => unknownStatus(site));
  for (const row of rows) if (row.sale_opt_out !== null) statuses[row.i] = toStatus(row);
  return statuses;
}

function unknownStatus(site: Site): Status {
  return { ...defaultChoices(site.regime), gpc: false, source: 'default', updatedAt: null, known: false };
}

function toStatus(row: StateRow): Status {
  return {
    saleOptOut: row.sale_opt_out!, sharingOptOut: row.sharing_opt_out!, limitSensitive: row.limit_sensitive!,
    gpc: row.gpc!, source: row.source as Status['source'], updatedAt: new Date(row.updated_at!).toISOString(), known: true,
  };
}
