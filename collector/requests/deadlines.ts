import type { Jurisdiction, RequestType } from '../../shared/requests.ts';
import { needsVerification } from '../../shared/requests.ts';
import { legalTimeZone } from '../../shared/legal-time-zone.ts';
import { addBusinessDays, addCalendarDays, endOfLocalDay, localDate } from '../calendar/business-days.ts';

/** §7021(a): confirm receipt within 10 business days. */
export const ccpaAcknowledgeBusinessDays = 10;
/** §7021(b): respond within 45 calendar days of receipt; verification does not stop the clock. */
export const ccpaRespondDays = 45;
/** §7021(b): one extension of up to 45 more days. */
export const ccpaExtensionDays = 45;
/** §7026(f), §7027 [U]: opt-outs and limits take effect within 15 business days. */
export const optOutBusinessDays = 15;
/** Art 12(3): one month, extendable by two further months. */
export const gdprRespondMonths = 1;
export const gdprExtensionMonths = 2;

export interface Deadlines {
  dueAt: Date;
  acknowledgeBy?: Date;
  /** The latest deadline an extension may set, or none where the law allows no extension. */
  extensionLimit?: Date;
}

/**
 * The deadlines of a request received at `receivedAt`, each the last instant of its last day where the law counts
 * (California for CCPA, the controller's zone for GDPR), so a day's length across DST never shifts them.
 */
export function deadlinesFor(
  law: Jurisdiction, type: RequestType, receivedAt: Date, gdprTimeZone: string,
): Deadlines {
  if (law === 'gdpr') {
    return {
      dueAt: endOfLocalDay(addMonths(localDate(receivedAt, gdprTimeZone), gdprRespondMonths), gdprTimeZone),
      extensionLimit: endOfLocalDay(
        addMonths(localDate(receivedAt, gdprTimeZone), gdprRespondMonths + gdprExtensionMonths), gdprTimeZone),
    };
  }
  if (!needsVerification(type)) {
    return { dueAt: endOfLocalDay(addBusinessDays(receivedAt, optOutBusinessDays)) };
  }
  return {
    acknowledgeBy: endOfLocalDay(addBusinessDays(receivedAt, ccpaAcknowledgeBusinessDays)),
    dueAt: endOfLocalDay(addCalendarDays(receivedAt, ccpaRespondDays)),
    extensionLimit: endOfLocalDay(addCalendarDays(receivedAt, ccpaRespondDays + ccpaExtensionDays)),
  };
}

/**
 * A request whose law is not settled yet is held to whichever law is stricter on each deadline, so whatever the
 * reviewer decides, no deadline has already been missed.
 */
export function strictestDeadlines(type: RequestType, receivedAt: Date, gdprTimeZone: string): Deadlines {
  const ccpa = deadlinesFor('ccpa', type, receivedAt, gdprTimeZone);
  const gdpr = deadlinesFor('gdpr', type, receivedAt, gdprTimeZone);
  return {
    dueAt: earliest(ccpa.dueAt, gdpr.dueAt),
    acknowledgeBy: ccpa.acknowledgeBy,
    extensionLimit: earliest(ccpa.extensionLimit!, gdpr.extensionLimit!),
  };
}

/**
 * An extension must be announced before the original deadline passes (CCPA: within the 45 days; GDPR: within the
 * first month); it may never reach past the law's limit.
 */
export function extensionAllowed(deadlines: { dueAt: Date; extensionLimit?: Date }, now: Date): boolean {
  return deadlines.extensionLimit !== undefined && now.getTime() <= deadlines.dueAt.getTime();
}

/**
 * Calendar months the way Regulation 1182/71 counts them: the same day-of-month, or the month's last day when it
 * has no such day (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** Whole days between the local dates of two instants: how §7102 counts the days taken to respond. */
export function daysBetween(from: Date, to: Date, timeZone = legalTimeZone): number {
  return Math.round((Date.parse(localDate(to, timeZone)) - Date.parse(localDate(from, timeZone))) / 86_400_000);
}
