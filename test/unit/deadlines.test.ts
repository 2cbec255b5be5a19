import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { businessDaysUntil } from '../../collector/calendar/business-days.ts';
import { addMonths, daysBetween, deadlinesFor, extensionAllowed, strictestDeadlines } from '../../collector/requests/deadlines.ts';

const brussels = 'Europe/Brussels';
const iso = (date: Date | undefined) => date?.toISOString();

/**
 * Each row worked out by hand with a calendar: the local day of receipt, the count, the local last day, and that
 * day's last instant in UTC (PST = UTC−8, PDT = UTC−7, CET = UTC+1, CEST = UTC+2).
 */
describe('CCPA deadlines (California time, §7021)', () => {
  const cases = [
    // Jan 15 + 16 days = Jan 31, + 28 = Feb 28 (44), + 1 = Mar 1; extension: + 31 (Mar) + 15 = Apr 15, in PDT.
    { why: 'across a short February', received: '2026-01-15T18:00:00Z', due: '2026-03-02T07:59:59.999Z', limit: '2026-04-16T06:59:59.999Z' },
    // 21:00 PST on Jan 15 is still Jan 15 in California though it is Jan 16 in UTC.
    { why: 'an evening receipt counts from the California date', received: '2026-01-16T05:00:00Z', due: '2026-03-02T07:59:59.999Z', limit: '2026-04-16T06:59:59.999Z' },
    // 2028 is a leap year: Jan 15 + 45 = Feb 29.
    { why: 'leap day', received: '2028-01-15T18:00:00Z', due: '2028-03-01T07:59:59.999Z', limit: '2028-04-15T06:59:59.999Z' },
    // Feb 1 + 45 = Mar 18, after DST began on Mar 8 2026: the day ends at 07:00Z, not 08:00Z.
    { why: 'a deadline after the spring DST change', received: '2026-02-01T20:00:00Z', due: '2026-03-19T06:59:59.999Z', limit: '2026-05-03T06:59:59.999Z' },
    // Oct 1 + 45 = Nov 15, after DST ended on Nov 1 2026.
    { why: 'a deadline after the autumn DST change', received: '2026-10-01T16:00:00Z', due: '2026-11-16T07:59:59.999Z', limit: '2026-12-31T07:59:59.999Z' },
  ];
  for (const row of cases) {
    test(`45 days and the 90-day limit: ${row.why}`, () => {
      const deadlines = deadlinesFor('ccpa', 'delete', new Date(row.received), brussels);
      assert.equal(iso(deadlines.dueAt), row.due);
      assert.equal(iso(deadlines.extensionLimit), row.limit);
    });
  }

  test('acknowledgement in 10 business days skips Thanksgiving and the day after', () => {
    // Wed Nov 18 2026: 19, 20, 23, 24, 25, (26, 27 holidays), 30, Dec 1, 2, 3, 4.
    const deadlines = deadlinesFor('ccpa', 'know-categories', new Date('2026-11-18T20:00:00Z'), brussels);
    assert.equal(iso(deadlines.acknowledgeBy), '2026-12-05T07:59:59.999Z');
  });

  test('the clock counts the same business days back: 10 at receipt, 5 over Thanksgiving week, negative once past', () => {
    const received = new Date('2026-11-18T20:00:00Z');
    const { acknowledgeBy } = deadlinesFor('ccpa', 'know-categories', received, brussels);
    assert.equal(businessDaysUntil(received, acknowledgeBy!), 10);
    assert.equal(businessDaysUntil(new Date('2026-11-25T20:00:00Z'), acknowledgeBy!), 5, 'Nov 26 and 27 are holidays');
    assert.equal(businessDaysUntil(new Date('2026-12-08T20:00:00Z'), acknowledgeBy!), -2, 'Mon 7 and Tue 8 past Fri Dec 4');
  });

  test('acknowledgement received on a Saturday starts counting on Monday', () => {
    // Sat Mar 7 2026: Mon 9 … Fri 13 (5), Mon 16 … Fri 20 (10); no holiday in between; PDT.
    const deadlines = deadlinesFor('ccpa', 'correct', new Date('2026-03-07T20:00:00Z'), brussels);
    assert.equal(iso(deadlines.acknowledgeBy), '2026-03-21T06:59:59.999Z');
  });

  test('opt-outs in 15 business days skip Christmas and New Year, and get no extension', () => {
    // Mon Dec 21 2026: 22, 23, 24, (25), 28, 29, 30, 31, (Jan 1), 4, 5, 6, 7, 8, 11, 12, 13.
    const deadlines = deadlinesFor('ccpa', 'opt-out', new Date('2026-12-21T18:00:00Z'), brussels);
    assert.equal(iso(deadlines.dueAt), '2027-01-14T07:59:59.999Z');
    assert.equal(deadlines.acknowledgeBy, undefined);
    assert.equal(deadlines.extensionLimit, undefined);
    assert.equal(extensionAllowed(deadlines, new Date('2026-12-22T00:00:00Z')), false);
  });
});

describe('GDPR deadlines (one calendar month, Art 12(3))', () => {
  const cases = [
    { why: 'Jan 31 + 1 month = Feb 28', received: '2026-01-31T10:00:00Z', due: '2026-02-28T22:59:59.999Z', limit: '2026-04-30T21:59:59.999Z' },
    { why: 'Jan 31 + 1 month = Feb 29 in a leap year', received: '2028-01-31T10:00:00Z', due: '2028-02-29T22:59:59.999Z', limit: '2028-04-30T21:59:59.999Z' },
    { why: 'Mar 15 → Apr 15, after the EU DST change', received: '2026-03-15T10:00:00Z', due: '2026-04-15T21:59:59.999Z', limit: '2026-06-15T21:59:59.999Z' },
    // 23:30Z on Mar 31 is 01:30 on Apr 1 in Brussels.
    { why: 'receipt counted on the Brussels date', received: '2026-03-31T23:30:00Z', due: '2026-05-01T21:59:59.999Z', limit: '2026-07-01T21:59:59.999Z' },
    { why: 'Dec 31 → Jan 31 of the next year', received: '2026-12-31T10:00:00Z', due: '2027-01-31T22:59:59.999Z', limit: '2027-03-31T21:59:59.999Z' },
  ];
  for (const row of cases) {
    test(row.why, () => {
      const deadlines = deadlinesFor('gdpr', 'access', new Date(row.received), brussels);
      assert.equal(iso(deadlines.dueAt), row.due);
      assert.equal(iso(deadlines.extensionLimit), row.limit);
      assert.equal(deadlines.acknowledgeBy, undefined, 'GDPR sets no acknowledgement deadline');
    });
  }

  test('month arithmetic clamps to the last day of shorter months', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2026-08-31', 1), '2026-09-30');
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
    assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
    assert.equal(addMonths('2026-05-31', 2), '2026-07-31');
  });
});

describe('extensions and unsettled law', () => {
  test('an extension may be announced up to the last instant of the original deadline, not after', () => {
    const deadlines = deadlinesFor('ccpa', 'delete', new Date('2026-01-15T18:00:00Z'), brussels);
    assert.equal(extensionAllowed(deadlines, deadlines.dueAt), true);
    assert.equal(extensionAllowed(deadlines, new Date(deadlines.dueAt.getTime() + 1)), false);
  });

  test('a request under review is held to the earlier deadline of both laws', () => {
    // Jan 31: GDPR Feb 28 (Brussels) comes before CCPA Mar 17 (California); the acknowledgement is CCPA's.
    const deadlines = strictestDeadlines('delete', new Date('2026-01-31T10:00:00Z'), brussels);
    assert.equal(iso(deadlines.dueAt), '2026-02-28T22:59:59.999Z');
    assert.ok(deadlines.acknowledgeBy);
    assert.equal(iso(deadlines.extensionLimit), '2026-04-30T21:59:59.999Z');
  });

  test('days to respond count California calendar dates', () => {
    assert.equal(daysBetween(new Date('2026-01-15T18:00:00Z'), new Date('2026-01-16T05:00:00Z')), 0);
    assert.equal(daysBetween(new Date('2026-01-15T18:00:00Z'), new Date('2026-03-02T07:00:00Z')), 45);
  });
});
