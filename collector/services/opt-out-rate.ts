import { sql } from 'drizzle-orm';
import type { OptOutRate } from '../../shared/admin.ts';
import type { Db } from '../db/connect.ts';
import { selectRows } from '../db/rows.ts';

/** The Monday (UTC) of the week `weeks - 1` weeks before the week of `now`: the first week the chart shows. */
export function firstWeek(now: Date, weeks: number): string {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 7 * (weeks - 1));
  return monday.toISOString().slice(0, 10);
}

/**
 * Per site and week, the browsers that recorded a choice and how many of them stood opted out of sale or sharing by
 * their last record that week: what share of a site's visitors who choose, choose to opt out, and how that moves.
 */
export async function optOutRate(db: Db, now: Date, weeks: number): Promise<OptOutRate> {
  const from = firstWeek(now, weeks);
  const until = new Date(Date.parse(`${from}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString();
  const rows = await selectRows<{ site: string; week: string; devices: number; opted_out: number }>(db, sql`
    with week_end as (
      select distinct on (site, device_id, date_trunc('week', occurred_at at time zone 'UTC'))
        site, (date_trunc('week', occurred_at at time zone 'UTC'))::date as week, (sale_opt_out or sharing_opt_out) as opted_out
      from preference_records
      where occurred_at >= ${`${from}T00:00:00Z`}::timestamptz and occurred_at < ${until}::timestamptz
      order by site, device_id, date_trunc('week', occurred_at at time zone 'UTC'), occurred_at desc
    )
    select site, to_char(week, 'YYYY-MM-DD') as week, count(*)::int as devices, (count(*) filter (where opted_out))::int as opted_out
    from week_end group by site, week order by site, week`);
  const sites = new Map<string, OptOutRate['sites'][number]['weeks']>();
  for (const row of rows) {
    if (!sites.has(row.site)) sites.set(row.site, []);
    sites.get(row.site)!.push({ week: row.week, devices: row.devices, optedOut: row.opted_out });
  }
  return { from, sites: [...sites].map(([site, points]) => ({ site, weeks: points })) };
}
