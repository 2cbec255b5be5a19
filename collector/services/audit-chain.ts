import { sql } from 'drizzle-orm';
import type { AuditVerification, ChainFault, ChainHead } from '../../shared/attestation.ts';
import type { Db, Tx } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';
import { sha256Hex } from './hashing.ts';

/*
 * The links are written by the database itself (migration 0006: a deferred trigger on audit_events, hashing
 * with cordon_audit_link), so no code path can append an event without chaining it. This module reads and checks.
 */

const faultMessages: Record<ChainFault, string> = {
  missing: 'is gone from audit_events but its link remains',
  gap: 'follows a link that is missing from the chain',
  reordered: 'does not follow the link before it: events were reordered or a link was removed',
  edited: 'no longer matches its link: the event was edited',
  unchained: 'has no link: it was written past the chain',
};

/** Checks every link in chain order and every event for a link; names the first fault found. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const [counts] = await selectRows<{ links: number }>(db, sql`select count(*)::int as links from audit_chain`);
  const links = counts!.links;
  const [broken] = await selectRows<{ seq: number; event_id: number; fault: ChainFault }>(db, sql`
    with links as (
      select c.seq, c.event_id, c.prev_hash, c.hash, e.id as found,
        lag(c.seq) over (order by c.seq) as before_seq, lag(c.hash) over (order by c.seq) as before_hash,
        case when e.id is not null then cordon_audit_link(c.prev_hash, e) end as recomputed
      from audit_chain c left join audit_events e on e.id = c.event_id
    )
    , judged as (
      select seq, event_id, case
          when found is null then 'missing'
          when coalesce(before_seq, 0) <> seq - 1 then 'gap'
          when prev_hash <> coalesce(before_hash, repeat('0', 64)) then 'reordered'
          when recomputed <> hash then 'edited' end as fault
      from links
    )
    select seq::float8 as seq, event_id::float8 as event_id, fault from judged where fault is not null
    order by seq limit 1`);
  if (broken) return fault(links, broken.fault, broken.seq, broken.event_id);
  const [unchained] = await selectRows<{ id: number }>(db, sql`
    select e.id::float8 as id from audit_events e where not exists (select 1 from audit_chain c where c.event_id = e.id) order by e.id limit 1`);
  if (unchained) return fault(links, 'unchained', null, unchained.id);
  return { intact: true, links, head: await chainHead(db) };
}

function fault(links: number, kind: ChainFault, seq: number | null, eventId: number): AuditVerification {
  const where = seq === null ? `audit event ${eventId}` : `audit event ${eventId} (link ${seq})`;
  return { intact: false, links, fault: kind, seq, eventId, message: `${where} ${faultMessages[kind]}` };
}

export async function chainHead(db: Db | Tx): Promise<ChainHead | null> {
  const [head] = await selectRows<ChainHead>(db, sql`select seq::float8 as seq, hash from audit_chain order by seq desc limit 1`);
  return head ?? null;
}

export async function linkAt(db: Db | Tx, seq: number): Promise<ChainHead | undefined> {
  const [link] = await selectRows<ChainHead>(db, sql`select seq::float8 as seq, hash from audit_chain where seq = ${seq}`);
  return link;
}

export interface ChainedEvent { seq: number; eventId: number; action: string; at: string; hash: string; intact: boolean }

/** One subject's events in chain order, each with its link and whether the event still matches it. */
export async function chainedEventsOf(db: Db | Tx, subject: string): Promise<ChainedEvent[]> {
  return selectRows<ChainedEvent>(db, sql`
    select c.seq::float8 as seq, e.id::float8 as "eventId", e.action,
      to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, c.hash,
      cordon_audit_link(c.prev_hash, e) = c.hash as intact
    from audit_events e join audit_chain c on c.event_id = e.id
    where e.subject = ${subject} order by c.seq`);
}

/** The hash an attestation carries for its events: over their chain hashes in chain order, one per line. */
export function segmentHash(hashes: string[]): string {
  return sha256Hex(hashes.join('\n'));
}
