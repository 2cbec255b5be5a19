import { Fragment, h } from 'preact';
import type { QueueItem } from '../../../shared/admin.ts';
import type { UiLanguage } from '../../../shared/ui-languages.ts';
import { legalDay } from '../format.ts';
import type { Strings } from '../strings/en.ts';

interface ClockProps { item: QueueItem; t: Strings; lang: UiLanguage }

const isClosed = (item: QueueItem) => item.status === 'completed' || item.status === 'denied';

/** The answer's deadline: its day where the law counts, the calendar days left or past, and whether it was extended. */
export function DueClock({ item, t, lang }: ClockProps) {
  const days = item.clock.calendarDaysToDue;
  const left = isClosed(item) ? t.clock.closed : item.overdue ? t.clock.overdue(Math.max(1, -days)) : t.clock.dueIn(Math.max(0, days));
  return (
    <span class={item.overdue ? 'clock overdue' : 'clock'}>
      <span class="clock-date">{legalDay(lang, item.dueAt, item.clock.timeZone)}</span>{' '}
      <span class="clock-left">{left}</span>
      {item.extended && <Fragment>{' '}<span class="tag">{t.clock.extended}</span></Fragment>}
    </span>
  );
}

/** §7021(a) acknowledgement, in business days; Cordon mails it at intake, so it mostly reads "Acknowledged". */
export function AcknowledgeClock({ item, t }: Omit<ClockProps, 'lang'>) {
  const { acknowledged, businessDaysToAcknowledge } = item.clock;
  if (acknowledged) return <span class="clock">{t.clock.acknowledged}</span>;
  if (businessDaysToAcknowledge === null) return <span class="clock">{t.clock.notNeeded}</span>;
  return <span class={businessDaysToAcknowledge < 0 ? 'clock overdue' : 'clock'}>{t.clock.acknowledgeIn(businessDaysToAcknowledge)}</span>;
}
