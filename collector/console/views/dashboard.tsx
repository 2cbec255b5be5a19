import { Fragment, h } from 'preact';
import type { Metrics, NoticesPage, OptOutRate, QueuePage } from '../../../shared/admin.ts';
import { legalTimeZone } from '../../../shared/legal-time-zone.ts';
import type { UiLanguage } from '../../../shared/ui-languages.ts';
import { BarChart, LineChart } from '../chart-figure.tsx';
import { legalDay, legalYear, percent, shortId } from '../format.ts';
import type { Loadable } from '../loadable.ts';
import { href } from '../route.ts';
import type { ConsoleApp } from '../store.ts';
import type { Strings } from '../strings/en.ts';
import { DueClock } from './deadline-clock.tsx';
import { Failed } from './failed.tsx';
import { Section } from './section.tsx';
import { SelectField } from './select-field.tsx';

type Props = { app: ConsoleApp; t: Strings; lang: UiLanguage };

/** What privacy ops watch: this year's §7102 figures, what falls due this week, notices stuck on the way, opt-out rates. */
export function Dashboard({ app, t }: { app: ConsoleApp; t: Strings }) {
  const lang = app.language.lang.value;
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>{t.dashboard.heading}</h1>
      <MetricsSection app={app} t={t} lang={lang} />
      <Section id="due-soon" title={t.dashboard.dueSoon}>
        <Loaded app={app} t={t} value={app.dueSoon.value.value} render={(page) => <DueSoon t={t} lang={lang} page={page} />} />
      </Section>
      <NoticesSection app={app} t={t} lang={lang} />
      <Section id="opt-out-rate" title={t.dashboard.optOutRate}>
        <p class="hint">{t.dashboard.optOutIntro}</p>
        <Loaded app={app} t={t} value={app.optOut.value.value} render={(rate) => <OptOutRates t={t} lang={lang} rate={rate} />} />
      </Section>
    </section>
  );
}

function Loaded<T>({ app, t, value, render }: { app: ConsoleApp; t: Strings; value: Loadable<T>; render: (data: T) => preact.JSX.Element }) {
  if (value.state === 'loading') return <p>…</p>;
  if (value.state === 'failed') return <Failed t={t} message={value.message} onRetry={app.loadDashboard} />;
  return render(value.data);
}

function MetricsSection({ app, t, lang }: Props) {
  const year = app.year.value;
  const thisYear = legalYear();
  const onYear = (event: Event) => {
    app.year.value = Number((event.target as HTMLSelectElement).value);
    app.loadDashboard();
  };
  const download = () => { void app.api.download(`/v1/admin/metrics.csv?year=${year}`, `ccpa-metrics-${year}.csv`); };
  return (
    <Section id="metrics" title={t.dashboard.metrics(year)}>
      <p class="hint">{t.dashboard.metricsIntro}</p>
      <p class="toolbar">
        <SelectField id="metrics-year" label={t.dashboard.year} value={String(year)} onChange={onYear}
          options={Array.from({ length: 5 }, (_, i): [string, string] => [String(thisYear - i), String(thisYear - i)])} />
        <button type="button" class="button secondary" onClick={download}>{t.dashboard.downloadCsv}</button>
      </p>
      <Loaded app={app} t={t} value={app.metrics.value.value} render={(metrics) => <MetricsFigures t={t} lang={lang} metrics={metrics} />} />
    </Section>
  );
}

function MetricsFigures({ t, lang, metrics }: { t: Strings; lang: UiLanguage; metrics: Metrics }) {
  const kinds = metrics.types.map((row) => t.dashboard.metricKinds[row.type]);
  const columns = t.dashboard.columns;
  const days = (value: number | null) => (value === null ? t.common.none : String(value));
  return (
    <Fragment>
      <table>
        <caption class="visually-hidden">{t.dashboard.metrics(metrics.year)}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.type}</th><th scope="col">{columns.received}</th><th scope="col">{columns.complied}</th>
            <th scope="col">{columns.denied}</th><th scope="col">{columns.median}</th><th scope="col">{columns.mean}</th>
          </tr>
        </thead>
        <tbody>
          {metrics.types.map((row) => (
            <tr key={row.type}>
              <th scope="row">{t.dashboard.metricKinds[row.type]}</th>
              <td>{row.received}</td><td>{row.compliedInWholeOrPart}</td><td>{row.denied}</td>
              <td>{days(row.medianDays)}</td><td>{days(row.meanDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="charts">
        <BarChart title={t.dashboard.chartRequests(metrics.year)} lang={lang} categories={kinds} series={[
          { name: columns.received, values: metrics.types.map((row) => row.received) },
          { name: columns.complied, values: metrics.types.map((row) => row.compliedInWholeOrPart) },
          { name: columns.denied, values: metrics.types.map((row) => row.denied) },
        ]} />
        <BarChart title={t.dashboard.chartMedian(metrics.year)} lang={lang} categories={kinds}
          series={[{ name: columns.median, values: metrics.types.map((row) => row.medianDays) }]} />
      </div>
    </Fragment>
  );
}

function DueSoon({ t, lang, page }: { t: Strings; lang: UiLanguage; page: QueuePage }) {
  if (page.items.length === 0) return <p>{t.dashboard.dueSoonNone}</p>;
  return (
    <Fragment>
      <ul class="due-list">
        {page.items.map((item) => (
          <li key={item.id} class={item.overdue ? 'overdue-row' : undefined}>
            <a href={href({ page: 'request', id: item.id })}>{t.types[item.type]} <code>{shortId(item.id)}</code></a>{' · '}
            {item.site}{' · '}<DueClock item={item} t={t} lang={lang} />
          </li>
        ))}
      </ul>
      {page.nextCursor && <p><a href={href({ page: 'queue', filters: {} })}>{t.dashboard.dueSoonMore}</a></p>}
    </Fragment>
  );
}

function NoticesSection({ app, t, lang }: Props) {
  const onState = (event: Event) => {
    app.noticeState.value = (event.target as HTMLSelectElement).value === 'pending' ? 'pending' : 'dead';
    void app.loadNotices();
  };
  return (
    <Section id="notices" title={t.dashboard.notices}>
      <p class="hint">{t.dashboard.noticesIntro}</p>
      <p class="toolbar">
        <SelectField id="notice-state" label={t.dashboard.show} value={app.noticeState.value} onChange={onState}
          options={[['dead', t.dashboard.noticeStates.dead], ['pending', t.dashboard.noticeStates.pending]]} />
      </p>
      <Loaded app={app} t={t} value={app.notices.value.value} render={(page) => <NoticeTable app={app} t={t} lang={lang} page={page} />} />
    </Section>
  );
}

function NoticeTable({ app, t, lang, page }: Props & { page: NoticesPage }) {
  const columns = t.dashboard.columnsNotice;
  return (
    <Fragment>
      <p>{t.dashboard.noticeCounts(page.counts.pending, page.counts.dead)}</p>
      {page.items.length === 0 ? <p>{t.dashboard.noticesNone}</p> : (
        <table>
          <thead>
            <tr>
              <th scope="col">{columns.id}</th><th scope="col">{columns.partner}</th><th scope="col">{columns.topic}</th>
              <th scope="col">{columns.attempts}</th><th scope="col">{columns.lastError}</th><th scope="col">{columns.due}</th>
              <th scope="col">{columns.action}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((notice) => (
              <tr key={notice.id}>
                <th scope="row">{notice.requestId ? <a href={href({ page: 'request', id: notice.requestId })}>{notice.id}</a> : notice.id}</th>
                <td>{notice.partner}</td><td>{notice.topic}</td><td>{notice.attempts} / {notice.maxAttempts}</td>
                <td>{notice.lastError ?? t.common.none}</td>
                <td>{notice.dueAt ? legalDay(lang, notice.dueAt, legalTimeZone) : t.common.none}</td>
                <td>
                  <button type="button" class="button secondary" aria-label={t.dashboard.retryLabel(notice.id, notice.partner)}
                    onClick={() => app.retryNotice(notice.id, t.dashboard.retried(notice.id))}>{t.dashboard.retry}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Fragment>
  );
}

function OptOutRates({ t, lang, rate }: { t: Strings; lang: UiLanguage; rate: OptOutRate }) {
  if (rate.sites.length === 0) return <p>{t.dashboard.noChoices}</p>;
  const weeks = [...new Set(rate.sites.flatMap((site) => site.weeks.map((week) => week.week)))].sort();
  const series = rate.sites.map((site) => ({
    name: site.site,
    values: weeks.map((week) => {
      const point = site.weeks.find((entry) => entry.week === week);
      return point && point.devices > 0 ? point.optedOut / point.devices : null;
    }),
  }));
  const label = (week: string) => legalDay(lang, `${week}T12:00:00Z`, 'UTC');
  return (
    <Fragment>
      <LineChart title={t.dashboard.chartOptOut} lang={lang} labels={weeks.map(label)} series={series} max={1} format={(share) => percent(lang, share)} />
      <details>
        <summary>{t.dashboard.chartTable}</summary>
        <table>
          <thead>
            <tr><th scope="col">{t.queue.site}</th><th scope="col">{t.dashboard.week}</th><th scope="col">{t.dashboard.devices}</th>
              <th scope="col">{t.dashboard.optedOut}</th><th scope="col">{t.dashboard.rate}</th></tr>
          </thead>
          <tbody>
            {rate.sites.flatMap((site) => site.weeks.map((week) => (
              <tr key={`${site.site}-${week.week}`}>
                <th scope="row">{site.site}</th><td>{label(week.week)}</td><td>{week.devices}</td><td>{week.optedOut}</td>
                <td>{percent(lang, week.devices > 0 ? week.optedOut / week.devices : 0)}</td>
              </tr>
            )))}
          </tbody>
        </table>
      </details>
    </Fragment>
  );
}
