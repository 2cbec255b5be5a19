import { createHash } from 'node:crypto';
import { Disclosure, type DisclosedTable } from '../../../shared/disclosure.ts';
import type { RequestView } from '../../../shared/request-view.ts';
import type { StaffWait } from '../../../shared/requests.ts';
import type { UiLanguage } from '../../../shared/ui-languages.ts';
import { localDate } from '../../calendar/business-days.ts';
import { escapeHtml } from '../../services/html.ts';
import { statusStrings, type PageError, type StatusStrings } from './strings.ts';

export interface PageOptions {
  lang: UiLanguage;
  /** The law's time zone: the one the mails give their dates in. */
  timeZone: string;
  secret: string;
  /** Why it waits for a person, when it does. */
  staffReason?: StaffWait;
  error?: PageError;
}

const css = `body{font:1rem/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}
form{display:grid;gap:.5rem;margin:1rem 0;max-width:30rem}input[type=text],input:not([type]){padding:.4rem;font:inherit}
button{font:inherit;padding:.5rem 1rem;cursor:pointer}:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
table{border-collapse:collapse;display:block;overflow-x:auto;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}
.error{border-left:4px solid #b91c1c;padding:.25rem .75rem;background:#fef2f2}.note{color:#444;font-size:.9rem}`;

/** A page of markup and its one stylesheet, allowed by hash: nothing may run, and forms post only to the collector. */
export const statusPagePolicy = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'; `
  + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const e = escapeHtml;

/** The page shows the consumer's view of the request, as the JSON status answers it. */
export function renderStatusPage(view: RequestView, options: PageOptions): string {
  const t = statusStrings[options.lang];
  const day = (instant: string) => localDate(new Date(instant), options.timeZone);
  const here = `?secret=${encodeURIComponent(options.secret)}`;
  const other = t.otherLanguage;
  return `<!doctype html>
<html lang="${options.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${e(t.title)}</title><style>${css}</style></head>
<body>
<main>
<h1>${e(t.title)}</h1>
<p><a href="${here}&amp;lang=${other.lang}" hreflang="${other.lang}" lang="${other.lang}">${e(other.label)}</a></p>
${options.error ? `<div class="error" role="alert"><p><strong>${e(t.error)}:</strong> ${e(t.errors[options.error])}</p></div>` : ''}
<dl>
  <dt>${e(t.request)}</dt><dd>${e(t.types[view.type])}</dd>
  <dt>${e(t.received)}</dt><dd>${e(day(view.receivedAt))}</dd>
  <dt>${e(t.status)}</dt><dd>${e(t.statuses[view.status])}</dd>
  ${view.respondedAt
    ? `<dt>${e(t.respondedOn)}</dt><dd>${e(day(view.respondedAt))}</dd>`
    : `<dt>${e(t.respondBy)}</dt><dd>${e(day(view.dueAt))}</dd>`}
</dl>
${view.extension ? `<p>${e(t.extended(view.extension.reason ?? ''))}</p>` : ''}
<p class="note">${e(t.timeZoneNote(options.timeZone))}</p>
${nextStep(view, options, t)}
${view.denial ? `<h2>${e(t.denied)}</h2><p>${e(t.basis)}: ${e(t.denialBases[view.denial.basis])}</p>${view.denial.explanation ? `<p>${e(view.denial.explanation)}</p>` : ''}` : ''}
${view.result ? resultSection(view.result, here, t) : ''}
</main>
</body>
</html>`;
}

/** What the consumer can do now: confirm with the mailed code (and details, and the declaration), or just wait. */
function nextStep(view: RequestView, options: PageOptions, t: StatusStrings): string {
  if (view.status === 'in_progress') return `<p>${e(t.inProgress)}</p>`;
  if (view.status !== 'verifying') return '';
  if (view.waitingFor !== 'consumer') return options.staffReason ? `<p>${e(t.waitingForPerson(t.staffWaits[options.staffReason]))}</p>` : '';
  const secret = `<input type="hidden" name="secret" value="${e(options.secret)}"><input type="hidden" name="lang" value="${options.lang}">`;
  const points = (Object.keys(t.points) as (keyof StatusStrings['points'])[]).map((name) =>
    `<label for="point-${name}">${e(t.points[name])}</label><input id="point-${name}" name="${name}" autocomplete="${autocomplete[name]}">`).join('\n');
  const declaration = view.type === 'know-specific'
    ? `<p><input type="checkbox" id="declare" name="declare" value="yes" required> <label for="declare">${e(t.declaration)}</label></p>
<label for="signedName">${e(t.signedName)}</label><input id="signedName" name="signedName" autocomplete="name" required>`
    : '';
  return `<h2>${e(t.needed)}</h2>
<p>${e(t.neededCode)}</p>
<form method="post" action="/v1/requests/${view.id}/verify">
${secret}
<label for="code">${e(t.code)}</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required>
<fieldset><legend>${e(t.detailsLead)}</legend>
${points}
</fieldset>
${declaration}
<button>${e(t.verify)}</button>
</form>
<form method="post" action="/v1/requests/${view.id}/verify">${secret}<input type="hidden" name="resend" value="yes"><button>${e(t.resend)}</button></form>`;
}

const autocomplete = { name: 'name', phone: 'tel', postalCode: 'postal-code', address: 'street-address', birthDate: 'bday' } as const;

function resultSection(result: NonNullable<RequestView['result']>, here: string, t: StatusStrings): string {
  const disclosure = Disclosure.safeParse(result.data);
  return `<h2>${e(t.result)}</h2>
<p>${e(result.summary)}</p>
${disclosure.success ? disclosureSection(disclosure.data, here, t) : ''}`;
}

function disclosureSection(d: Disclosure, here: string, t: StatusStrings): string {
  const categories = d.categories.map((held) => `<li><strong>${e(t.categories[held.category])}</strong>.
${held.sensitive.length > 0 ? e(t.sensitive(held.sensitive.map((kind) => t.sensitiveKinds[kind]).join('; '))) : ''}
${e(t.sourcesPurposes(held.sources.join(', '), held.purposes.join(', ')))}</li>`).join('\n');
  const recipients = d.recipients.map((recipient) => `<li>${e(recipient.id)}</li>`).join('');
  return `<p class="note">${e(t.window(d.window.from.slice(0, 10), d.window.to.slice(0, 10)))}</p>
${d.download ? `<p><a href="${e(d.download + here)}">${e(t.download)}</a></p>` : ''}
<h3>${e(t.categoriesHeld)}</h3>
<ul>${categories}</ul>
<h3>${e(t.tables)}</h3>
${d.tables.map((table) => tableSection(table, t)).join('\n')}
${recipients ? `<h3>${e(t.recipients)}</h3><ul>${recipients}</ul>` : ''}
<h3>${e(t.cordonData)}</h3>
<ul><li>${e(t.preferenceRecords(d.cordon.preferenceRecords))}</li></ul>`;
}

function tableSection(table: DisclosedTable, t: StatusStrings): string {
  const records = table.records ?? [];
  const head = table.columns.map((column) => `<th scope="col">${e(column)}</th>`).join('');
  const body = records.map((record) => `<tr>${table.columns.map((column) => `<td>${e(String(record[column] ?? ''))}</td>`).join('')}</tr>`).join('\n');
  return `<h4>${e(table.store)} · ${e(table.table)}: ${e(t.rowsFound(table.rows))}</h4>
${table.withheld.length > 0 ? `<p>${e(t.withheld(table.withheld.map((held) => t.sensitiveKinds[held.kind]).join('; ')))}</p>` : ''}
${records.length > 0 ? `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` : `<p>${e(table.columns.join(', '))}</p>`}
${table.truncated ? `<p class="note">${e(t.truncated)}</p>` : ''}`;
}
