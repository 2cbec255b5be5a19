import { h } from 'preact';
import type { QueueItem } from '../../../shared/admin.ts';
import type { RequestType } from '../../../shared/requests.ts';
import { moment, shortId } from '../format.ts';
import { href, isRequestId, type QueueFilters } from '../route.ts';
import type { ConsoleApp } from '../store.ts';
import type { Strings } from '../strings/en.ts';
import { AcknowledgeClock, DueClock } from './deadline-clock.tsx';
import { Failed } from './failed.tsx';
import { SelectField } from './select-field.tsx';

const statusFilters = ['open', 'received', 'verifying', 'in_progress', 'completed', 'denied'] as const;

/** The work queue: nearest deadline first (the collector sorts), narrowed by the filters in the page's address. */
export function QueueView({ app, t, filters }: { app: ConsoleApp; t: Strings; filters: QueueFilters }) {
  const go = (changes: QueueFilters) => app.router.go({ page: 'queue', filters: { ...filters, cursor: undefined, ...changes } });
  const onFilter = (event: Event) => {
    const field = event.target as HTMLSelectElement;
    go({ [field.name]: field.value || undefined });
  };
  const onSearch = (event: Event) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget as HTMLFormElement).get('id') ?? '').trim().toLowerCase();
    if (isRequestId(typed)) app.router.go({ page: 'request', id: typed });
    else go({ id: typed || undefined });
  };
  const sites = app.sites.value.value;
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>{t.queue.heading}</h1>
      <p>{t.queue.intro}</p>
      <form class="search" role="search" onSubmit={onSearch}>
        <label for="search-id">{t.queue.search}</label>
        <input id="search-id" name="id" type="search" value={filters.id ?? ''} autocomplete="off" spellcheck={false} aria-describedby="search-hint" />
        <button type="submit" class="button">{t.queue.searchButton}</button>
        <p id="search-hint" class="hint">{t.queue.searchHint}</p>
      </form>
      <fieldset class="filters">
        <legend>{t.queue.filters}</legend>
        <SelectField id="filter-status" name="status" label={t.queue.status} value={filters.status ?? 'open'} onChange={onFilter}
          options={statusFilters.map((status) => [status, status === 'open' ? t.queue.open : t.statusNames[status]])} />
        <SelectField id="filter-type" name="type" label={t.queue.type} value={filters.type ?? ''} onChange={onFilter}
          options={[['', t.queue.any], ...(Object.keys(t.types) as RequestType[]).map((type): [string, string] => [type, t.types[type]])]} />
        <SelectField id="filter-law" name="jurisdiction" label={t.queue.law} value={filters.jurisdiction ?? ''} onChange={onFilter}
          options={[['', t.queue.any], ['ccpa', t.laws.ccpa], ['gdpr', t.laws.gdpr]]} />
        <SelectField id="filter-site" name="site" label={t.queue.site} value={filters.site ?? ''} onChange={onFilter}
          options={[['', t.queue.any], ...(sites.state === 'ready' ? sites.data.sites.map((site): [string, string] => [site.id, site.id]) : [])]} />
        <a class="button secondary" href={href({ page: 'queue', filters: {} })}>{t.queue.clear}</a>
      </fieldset>
      <QueueTable app={app} t={t} filters={filters} />
    </section>
  );
}

function QueueTable({ app, t, filters }: { app: ConsoleApp; t: Strings; filters: QueueFilters }) {
  const queue = app.queue.value.value;
  if (queue.state === 'loading') return <p role="status">{t.queue.loading}</p>;
  if (queue.state === 'failed') return <Failed t={t} message={queue.message} onRetry={() => app.enter({ page: 'queue', filters })} />;
  const { items, nextCursor } = queue.data;
  if (items.length === 0) return <p class="empty">{t.queue.empty}</p>;
  const lang = app.language.lang.value;
  return (
    <div>
      <div class="table-scroll">
        <table class="queue">
          <caption>{t.queue.caption(items.length, nextCursor !== null)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.queue.columns.request}</th>
              <th scope="col">{t.queue.columns.type}</th>
              <th scope="col">{t.queue.columns.site}</th>
              <th scope="col">{t.queue.columns.status}</th>
              <th scope="col">{t.queue.columns.received}</th>
              <th scope="col">{t.queue.columns.acknowledge}</th>
              <th scope="col">{t.queue.columns.due}</th>
            </tr>
          </thead>
          <tbody onKeyDown={moveBetweenRows}>
            {items.map((item) => <QueueRow key={item.id} item={item} t={t} lang={lang} />)}
          </tbody>
        </table>
      </div>
      <p class="paging">
        {filters.cursor && <a class="button secondary" href={href({ page: 'queue', filters: { ...filters, cursor: undefined } })}>{t.queue.first}</a>}
        {nextCursor && <a class="button" href={href({ page: 'queue', filters: { ...filters, cursor: nextCursor } })}>{t.queue.next}</a>}
      </p>
    </div>
  );
}

function QueueRow({ item, t, lang }: { item: QueueItem; t: Strings; lang: 'en' | 'es' }) {
  return (
    <tr class={item.overdue ? 'overdue-row' : undefined}>
      <th scope="row"><a class="row-link" href={href({ page: 'request', id: item.id })}><code>{shortId(item.id)}</code></a></th>
      <td>{t.types[item.type]}{item.jurisdiction ? ` · ${t.laws[item.jurisdiction]}` : ''}</td>
      <td>{item.site}</td>
      <td>{t.statusNames[item.status]}{item.waitingFor ? <span class="hint block">{t.request.waitingFor}: {t.waitingFor[item.waitingFor]}</span> : null}</td>
      <td>{moment(lang, item.receivedAt)}</td>
      <td><AcknowledgeClock item={item} t={t} /></td>
      <td><DueClock item={item} t={t} lang={lang} /></td>
    </tr>
  );
}

/** Arrow keys, Home and End move between the requests' links, so the queue is worked without a mouse or many tabs. */
function moveBetweenRows(event: KeyboardEvent) {
  const links = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLAnchorElement>('a.row-link')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at < 0) return;
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 }[event.key];
  if (to === undefined || !links[to]) return;
  event.preventDefault();
  links[to].focus();
}
