import { Fragment, h, type ComponentChildren } from 'preact';
import type { AdminRequestDetail, HistoryEvent } from '../../../shared/admin.ts';
import type { UiLanguage } from '../../../shared/ui-languages.ts';
import { moment } from '../format.ts';
import { href } from '../route.ts';
import type { ConsoleApp } from '../store.ts';
import type { Strings } from '../strings/en.ts';
import { AttestationDownload } from './attestation.tsx';
import { AcknowledgeClock, DueClock } from './deadline-clock.tsx';
import { Failed } from './failed.tsx';
import { RequestActions } from './request-actions.tsx';
import { Section } from './section.tsx';
import { storeResultLines } from './store-results.ts';

/** One request: where it stands, who it is from while open, the decisions left, and everything done so far. */
export function RequestView({ app, t, id }: { app: ConsoleApp; t: Strings; id: string }) {
  const detail = app.detail.value.value;
  const lang = app.language.lang.value;
  const heading = detail.state === 'ready' ? t.request.heading(t.types[detail.data.type]) : t.request.heading('…');
  return (
    <article aria-labelledby="page-heading">
      <p><a href={href({ page: 'queue', filters: {} })}>{t.request.back}</a></p>
      <h1 id="page-heading" tabIndex={-1}>{heading}</h1>
      {detail.state === 'loading' && <p role="status">{t.request.loading}</p>}
      {detail.state === 'failed' && <Failed t={t} message={detail.message} onRetry={() => app.reloadDetail(id)} />}
      {detail.state === 'ready' && <RequestBody app={app} t={t} lang={lang} request={detail.data} />}
    </article>
  );
}

function RequestBody({ app, t, lang, request }: { app: ConsoleApp; t: Strings; lang: UiLanguage; request: AdminRequestDetail }) {
  return (
    <Fragment>
      <dl class="facts">
        <Fact term={t.request.id}><code>{request.id}</code></Fact>
        <Fact term={t.request.site}>{request.site}</Fact>
        <Fact term={t.request.law}>{request.jurisdiction ? t.laws[request.jurisdiction] : t.request.lawUnsettled}</Fact>
        <Fact term={t.request.channel}>{t.request.channels[request.channel]}</Fact>
        <Fact term={t.request.consumerLanguage}>{t.request.languages[request.lang]}</Fact>
        <Fact term={t.request.status}>{t.statusNames[request.status]}</Fact>
        {request.waitingFor && <Fact term={t.request.waitingFor}>{t.waitingFor[request.waitingFor]}</Fact>}
      </dl>
      <Section id="deadlines" title={t.request.deadlines}>
        <dl class="facts">
          <Fact term={t.request.received}>{moment(lang, request.receivedAt)}</Fact>
          <Fact term={t.request.acknowledgeBy}><AcknowledgeClock item={request} t={t} /></Fact>
          <Fact term={t.request.dueAt}><DueClock item={request} t={t} lang={lang} /></Fact>
          {request.extended && <Fact term={t.request.originalDueAt}>{moment(lang, request.originalDueAt)}</Fact>}
          {request.extensionReason && <Fact term={t.request.extensionReason}>{request.extensionReason}</Fact>}
          {request.respondedAt && <Fact term={t.request.respondedAt}>{moment(lang, request.respondedAt)}</Fact>}
        </dl>
      </Section>
      <RequestActions app={app} t={t} lang={lang} request={request} />
      <Section id="contact" title={t.request.contact}><Contact t={t} request={request} /></Section>
      <Section id="evidence" title={t.request.evidence}>
        <dl class="facts">
          <Fact term={t.request.evidencePoints}>{request.evidence.points.length > 0 ? request.evidence.points.join(', ') : t.request.noPoints}</Fact>
          <Fact term={t.request.declared}>{request.evidence.declaredAt ? t.request.declaredAt(moment(lang, request.evidence.declaredAt)) : t.request.notDeclared}</Fact>
          <Fact term={t.request.verifiedAt}>{request.verifiedAt ? moment(lang, request.verifiedAt) : t.request.notVerified}</Fact>
          {request.evidence.staff && <Fact term={t.request.verifiedBy}>{actorName(t, request.evidence.staff)}</Fact>}
        </dl>
      </Section>
      {(request.resultSummary || request.denialExplanation) && (
        <Section id="result" title={t.request.result}>
          <dl class="facts">
            {request.outcome && <Fact term={t.request.outcome}>{t.request.outcomes[request.outcome] ?? request.outcome}</Fact>}
            {request.denialBasis && <Fact term={t.request.denialBasis}>{t.bases[request.denialBasis]}</Fact>}
            <Fact term={t.request.summary}><span class="prewrap">{request.resultSummary ?? request.denialExplanation}</span></Fact>
          </dl>
        </Section>
      )}
      <Section id="stores" title={t.request.stores}><StoreResults t={t} lang={lang} request={request} /></Section>
      <Section id="notices" title={t.request.notices}><Notices t={t} lang={lang} request={request} /></Section>
      {request.status === 'completed' && (
        <Section id="attestation" title={t.request.attestation}><AttestationDownload app={app} t={t} id={request.id} /></Section>
      )}
      <Section id="timeline" title={t.request.timeline}>
        <p class="hint">{t.request.timelineIntro}</p>
        <ol class="timeline">{request.history.map((event, i) => <TimelineEvent key={i} t={t} lang={lang} event={event} />)}</ol>
      </Section>
    </Fragment>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return <div class="fact"><dt>{term}</dt><dd>{children}</dd></div>;
}

function Contact({ t, request }: { t: Strings; request: AdminRequestDetail }) {
  const contact = request.contact;
  if (!contact) return <p>{t.request.contactClosed}</p>;
  const details = contact.details;
  return (
    <dl class="facts">
      <Fact term={t.request.email}>{contact.email}</Fact>
      {contact.name && <Fact term={t.request.name}>{contact.name}</Fact>}
      {contact.agent && (
        <Fact term={t.request.agent}>
          {contact.agent.name} ({contact.agent.email}) · {t.request.permission(contact.agent.permission.signedBy, contact.agent.permission.signedOn)}
        </Fact>
      )}
      {details !== undefined && details !== null && (
        <Fact term={t.request.details}><span class="prewrap">{typeof details === 'string' ? details : JSON.stringify(details, null, 2)}</span></Fact>
      )}
      {contact.window && <Fact term={t.request.window}>{t.request.windows[contact.window] ?? contact.window}</Fact>}
      {contact.dataPoints && (
        <Fact term={t.request.dataPoints}>{Object.entries(contact.dataPoints).map(([name, value]) => `${name}: ${value}`).join('; ')}</Fact>
      )}
    </dl>
  );
}

function StoreResults({ t, lang, request }: { t: Strings; lang: UiLanguage; request: AdminRequestDetail }) {
  const run = request.stores;
  if (!run) return <p>{t.request.storesNone}</p>;
  const results = Array.isArray(run.results) ? run.results : [];
  return (
    <Fragment>
      <p>{t.request.storesState[run.state]} · {moment(lang, run.at)}</p>
      <table>
        <thead><tr><th scope="col">{t.request.store}</th><th scope="col">{t.request.storeResult}</th></tr></thead>
        <tbody>
          {results.map((result, i) => {
            const { store, lines } = storeResultLines(result, t.request.storeLines);
            return <tr key={i}><th scope="row">{store}</th><td><ul class="plain-list">{lines.map((line) => <li key={line}>{line}</li>)}</ul></td></tr>;
          })}
        </tbody>
      </table>
    </Fragment>
  );
}

function Notices({ t, lang, request }: { t: Strings; lang: UiLanguage; request: AdminRequestDetail }) {
  if (request.notices.length === 0) return <p>{t.request.noticesNone}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t.request.partner}</th><th scope="col">{t.request.topic}</th><th scope="col">{t.request.delivery}</th>
          <th scope="col">{t.request.attempts}</th><th scope="col">{t.request.deliveredAt}</th>
        </tr>
      </thead>
      <tbody>
        {request.notices.map((notice, i) => (
          <tr key={i} class={notice.status === 'dead' ? 'overdue-row' : undefined}>
            <th scope="row">{notice.partner}</th>
            <td>{notice.topic}</td>
            <td>{t.request.noticeStatuses[notice.status]}{notice.lastError ? ` (${notice.lastError})` : ''}</td>
            <td>{notice.attempts}</td>
            <td>{notice.deliveredAt ? moment(lang, notice.deliveredAt) : t.common.none}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TimelineEvent({ t, lang, event }: { t: Strings; lang: UiLanguage; event: HistoryEvent }) {
  const detail = event.detail;
  const what = event.action === 'request.transition'
    ? `${t.history[event.action]}: ${statusName(t, detail.from)} → ${statusName(t, detail.to)}`
    : t.history[event.action] ?? event.action;
  const reason = typeof detail.reason === 'string' ? detail.reason : undefined;
  return (
    <li>
      <time datetime={event.at}>{moment(lang, event.at)}</time>{' '}
      <strong>{what}</strong>{' · '}{actorName(t, event.actor)}
      {reason && <span class="block prewrap">{reason}</span>}
    </li>
  );
}

function statusName(t: Strings, status: unknown): string {
  return typeof status === 'string' && status in t.statusNames ? t.statusNames[status as keyof Strings['statusNames']] : String(status);
}

function actorName(t: Strings, actor: string): string {
  const key = /^key:(.+)$/.exec(actor);
  return key ? t.staffActor(key[1]!) : t.actors[actor] ?? actor;
}
