import { and, eq, gte, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { MetricRow } from '../../shared/admin.ts';
import type { RequestType } from '../../shared/requests.ts';
import { endOfLocalDay } from '../calendar/business-days.ts';
import type { Db } from '../db/connect.ts';
import { rightsRequests } from '../db/schema.ts';
import { daysBetween } from './deadlines.ts';

/** The §7102 kinds; the two know requests are one kind there. */
export const metricKinds = MetricRow.shape.type.options;
type MetricKind = (typeof metricKinds)[number];
type MetricRow = z.infer<typeof MetricRow>;

const kindOf: Partial<Record<RequestType, MetricKind>> = {
  'know-categories': 'know', 'know-specific': 'know', delete: 'delete', correct: 'correct', 'opt-out': 'opt-out', limit: 'limit',
};

/**
 * The §7102 report for a calendar year in California: CCPA requests received that year, by kind, how many were
 * complied with in whole or part, how many denied, and the median and mean days to respond (calendar days between
 * the dates of receipt and response). GDPR requests are not part of it.
 */
export async function yearMetrics(db: Db, year: number): Promise<MetricRow[]> {
  const from = new Date(endOfLocalDay(`${year - 1}-12-31`).getTime() + 1);
  const to = new Date(endOfLocalDay(`${year}-12-31`).getTime() + 1);
  const rows = await db.select({
    type: rightsRequests.type, outcome: rightsRequests.outcome, receivedAt: rightsRequests.receivedAt, closedAt: rightsRequests.closedAt,
  }).from(rightsRequests)
    .where(and(eq(rightsRequests.jurisdiction, 'ccpa'), gte(rightsRequests.receivedAt, from), lt(rightsRequests.receivedAt, to)));
  const byKind = new Map(metricKinds.map((kind) => [kind, { received: 0, complied: 0, denied: 0, days: [] as number[] }]));
  for (const row of rows) {
    const kind = kindOf[row.type as RequestType];
    if (!kind) continue;
    const tally = byKind.get(kind)!;
    tally.received += 1;
    if (row.outcome === 'denied') tally.denied += 1;
    else if (row.outcome) tally.complied += 1;
    if (row.closedAt) tally.days.push(daysBetween(row.receivedAt, row.closedAt));
  }
  return metricKinds.map((type) => {
    const tally = byKind.get(type)!;
    return { type, received: tally.received, compliedInWholeOrPart: tally.complied, denied: tally.denied, ...summary(tally.days) };
  });
}

function summary(days: number[]): { medianDays: number | null; meanDays: number | null } {
  if (days.length === 0) return { medianDays: null, meanDays: null };
  const sorted = [...days].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { medianDays: median, meanDays: Math.round(mean * 10) / 10 };
}

export function metricsCsv(rows: MetricRow[]): string {
  const header = 'type,received,complied_in_whole_or_part,denied,median_days,mean_days';
  const lines = rows.map((row) => [row.type, row.received, row.compliedInWholeOrPart, row.denied, row.medianDays ?? '', row.meanDays ?? ''].join(','));
  return `${[header, ...lines].join('\n')}\n`;
}
