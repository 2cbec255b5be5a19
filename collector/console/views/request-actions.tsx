import { h, type ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { AdminPreviewBody, AdminRequestDetail } from '../../../shared/admin.ts';
import type { RequestType } from '../../../shared/requests.ts';
import type { UiLanguage } from '../../../shared/ui-languages.ts';
import { legalDay } from '../format.ts';
import type { ActionKind, ConsoleApp, PendingAction } from '../store.ts';
import type { Strings } from '../strings/en.ts';
import { Section } from './section.tsx';
import { SelectField } from './select-field.tsx';

interface ActionsProps { app: ConsoleApp; t: Strings; lang: UiLanguage; request: AdminRequestDetail }

/**
 * The decisions left on a request. Each is filled in, then reviewed: the collector answers with the very mail the
 * consumer would get (or why the law refuses it), and only a confirmation sends it, with the body that was reviewed.
 */
export function RequestActions(props: ActionsProps) {
  const { t, request } = props;
  const open = request.status === 'received' || request.status === 'verifying' || request.status === 'in_progress';
  return (
    <Section id="actions" title={t.actions.heading}>
      {!open && <p>{t.actions.none}</p>}
      {request.status !== 'in_progress' && open && <ApproveForm {...props} />}
      {request.status === 'in_progress' && <CompleteForm {...props} />}
      {open && (request.extended ? <p>{t.actions.alreadyExtended}</p> : <ExtendForm {...props} />)}
      {open && <DenyForm {...props} />}
    </Section>
  );
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

function ApproveForm(props: ActionsProps) {
  const { t, request } = props;
  const review = request.status === 'received';
  return (
    <ActionForm {...props} kind="approve" title={review ? t.actions.approveReview : t.actions.approveIdentity}
      body={(form): AdminPreviewBody => ({
        action: 'approve', reason: text(form, 'reason'),
        ...(review ? { jurisdiction: text(form, 'jurisdiction') as 'ccpa' | 'gdpr', type: text(form, 'type') as RequestType } : {}),
      })}>
      {review && <SelectField id="approve-law" name="jurisdiction" label={t.actions.lawToApply} options={[['ccpa', t.laws.ccpa], ['gdpr', t.laws.gdpr]]} />}
      {review && (
        <SelectField id="approve-type" name="type" label={t.actions.typeToApply} value={request.type}
          options={(Object.keys(t.types) as RequestType[]).map((type) => [type, t.types[type]])} />
      )}
      <TextArea id="approve-reason" name="reason" label={t.actions.reason} />
    </ActionForm>
  );
}

function DenyForm(props: ActionsProps) {
  const { t } = props;
  return (
    <ActionForm {...props} kind="deny" title={t.actions.deny}
      body={(form) => ({ action: 'deny', basis: text(form, 'basis') as Extract<AdminPreviewBody, { action: 'deny' }>['basis'], explanation: text(form, 'explanation') })}>
      <SelectField id="deny-basis" name="basis" label={t.actions.basis}
        options={(Object.keys(t.bases) as (keyof Strings['bases'])[]).map((basis) => [basis, t.bases[basis]])} />
      <TextArea id="deny-explanation" name="explanation" label={t.actions.explanation} />
    </ActionForm>
  );
}

function ExtendForm(props: ActionsProps) {
  const { t } = props;
  return (
    <ActionForm {...props} kind="extend" title={t.actions.extend} body={(form) => ({ action: 'extend', reason: text(form, 'reason') })}>
      <TextArea id="extend-reason" name="reason" label={t.actions.extensionReason} />
    </ActionForm>
  );
}

function CompleteForm(props: ActionsProps) {
  const { t } = props;
  return (
    <ActionForm {...props} kind="complete" title={t.actions.complete}
      body={(form) => ({ action: 'complete', outcome: text(form, 'outcome') as 'complied' | 'complied-in-part', summary: text(form, 'summary') })}>
      <SelectField id="complete-outcome" name="outcome" label={t.actions.outcome}
        options={[['complied', t.actions.outcomes.complied], ['complied-in-part', t.actions.outcomes['complied-in-part']]]} />
      <TextArea id="complete-summary" name="summary" label={t.actions.summary} />
    </ActionForm>
  );
}

function TextArea({ id, name, label }: { id: string; name: string; label: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} name={name} rows={3} />
    </div>
  );
}

function ActionForm({ app, t, lang, request, kind, title, body, children }: ActionsProps & {
  kind: ActionKind; title: string; body: (form: FormData) => AdminPreviewBody; children: ComponentChildren;
}) {
  const pending = app.action.value;
  const mine = pending?.kind === kind ? pending : null;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void app.preview(request.id, body(new FormData(event.currentTarget as HTMLFormElement)));
  };
  return (
    <details class="action">
      <summary>{title}</summary>
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={mine !== null && mine.preview.state !== 'failed'}>
          <legend class="visually-hidden">{title}</legend>
          {children}
          <button type="submit" class="button">{t.actions.review}</button>
        </fieldset>
      </form>
      {mine && <Confirmation app={app} t={t} lang={lang} request={request} pending={mine} />}
    </details>
  );
}

function Confirmation({ app, t, lang, request, pending }: ActionsProps & { pending: PendingAction }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { preview } = pending;
  useEffect(() => { if (preview.state !== 'loading') heading.current?.focus(); }, [preview.state]);
  const confirm = () => {
    void app.confirm(request.id, t.actions).then(() => {
      if (!app.action.peek()) document.getElementById('page-heading')?.focus();
    });
  };
  /** Back to the form, which is editable again, with focus on its button. */
  const cancel = (event: Event) => {
    const form = (event.currentTarget as HTMLElement).closest('details');
    app.cancelAction();
    requestAnimationFrame(() => form?.querySelector<HTMLElement>('button[type="submit"]')?.focus());
  };
  if (preview.state === 'loading') return <p role="status">{t.actions.sending}</p>;
  if (preview.state === 'failed') {
    return <div class="confirm" role="alert"><h3 ref={heading} tabIndex={-1}>{t.actions.refused}</h3><p>{preview.message}</p></div>;
  }
  const { data } = preview;
  return (
    <div class="confirm" aria-labelledby={`confirm-${pending.kind}`}>
      <h3 id={`confirm-${pending.kind}`} ref={heading} tabIndex={-1}>{data.refused ? t.actions.refused : t.actions.confirmHeading}</h3>
      {data.refused ? <p class="problem">{data.refused}</p> : (
        <div>
          <p>{t.actions.willBecome(t.statuses[data.status], legalDay(lang, data.dueAt, request.clock.timeZone))}</p>
          {data.mail ? (
            <figure class="mail">
              <figcaption>{t.actions.mailHeading}</figcaption>
              <p class="mail-subject"><strong>{data.mail.subject}</strong></p>
              <p class="mail-text prewrap">{data.mail.text}</p>
            </figure>
          ) : <p>{t.actions.noMail}</p>}
        </div>
      )}
      {pending.error && <p class="problem" role="alert">{pending.error}</p>}
      <p class="buttons">
        {!data.refused && <button type="button" class="button" disabled={pending.sending} onClick={confirm}>{pending.sending ? t.actions.sending : t.actions.confirm}</button>}
        <button type="button" class="button secondary" onClick={cancel}>{t.actions.cancel}</button>
      </p>
    </div>
  );
}
