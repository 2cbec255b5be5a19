import { legalTimeZone } from '../../shared/legal-time-zone.ts';
import calendar from './california-holidays.json' with { type: 'json' };

const holidays = new Set(Object.keys(calendar.holidays));

/** Building an Intl.DateTimeFormat costs about a hundred times more than using one, so each is built once. */
const formats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) formats.set(key, (format = make()));
  return format;
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone = legalTimeZone): string {
  return cachedFormat(`date:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }))
    .format(instant);
}

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

export function isBusinessDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The Nth business day after the day of `start` (the day of receipt itself does not count). */
export function addBusinessDays(start: Date, count: number, timeZone = legalTimeZone): string {
  let date = localDate(start, timeZone);
  for (let left = count; left > 0; ) {
    date = addDays(date, 1);
    if (isBusinessDay(date)) left -= 1;
  }
  return date;
}

/**
 * The business days from the day of `from` to the day of `until`, as addBusinessDays counts them (the day of `from`
 * does not count, the day of `until` does): what is left of a deadline, negative once it has passed.
 */
export function businessDaysUntil(from: Date, until: Date, timeZone = legalTimeZone): number {
  const start = localDate(from, timeZone);
  const end = localDate(until, timeZone);
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let date = low; date < high; ) {
    date = addDays(date, 1);
    if (isBusinessDay(date)) count += 1;
  }
  return sign * count;
}

export function addCalendarDays(start: Date, count: number, timeZone = legalTimeZone): string {
  return addDays(localDate(start, timeZone), count);
}

/** The last millisecond of a calendar date in a time zone, as an instant (DST-aware). */
export function endOfLocalDay(date: string, timeZone = legalTimeZone): Date {
  const nextMidnight = addDays(date, 1);
  const guess = new Date(`${nextMidnight}T00:00:00Z`);
  const offsetMs = zoneOffsetMs(guess, timeZone);
  const corrected = new Date(guess.getTime() - zoneOffsetMs(new Date(guess.getTime() - offsetMs), timeZone));
  return new Date(corrected.getTime() - 1);
}

/** How far a zone's wall clock is ahead of UTC at an instant. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = cachedFormat(`offset:${timeZone}`, () => new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  })).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}
