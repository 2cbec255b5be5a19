import type { Category, SensitiveKind } from '../../shared/datamap.ts';
import type { Notice, NoticeRetention } from '../../shared/notice.ts';
import { escapeHtml } from '../services/html.ts';

/** The categories as §1798.140(v)(1) names them, for people. */
export const categoryNames: Record<Category, string> = {
  'identifiers': 'Identifiers (name, email, phone, account, IP address and the like)',
  'customer-records': 'Customer records (Cal. Civ. Code §1798.80(e))',
  'protected-classifications': 'Characteristics of protected classifications',
  'commercial': 'Commercial information (purchases and other transactions)',
  'biometric': 'Biometric information',
  'internet-activity': 'Internet or other electronic network activity',
  'geolocation': 'Geolocation data',
  'sensory': 'Audio, electronic, visual or similar information',
  'professional': 'Professional or employment-related information',
  'education': 'Education information',
  'inferences': 'Inferences drawn to create a profile',
};

export const sensitiveNames: Record<SensitiveKind, string> = {
  'government-id': 'Social Security, driver\'s licence, state ID or passport numbers',
  'account-login': 'Account log-in with password or security answers',
  'financial-account': 'Financial account, debit or credit card numbers with access codes',
  'precise-geolocation': 'Precise geolocation',
  'racial-ethnic-origin': 'Racial or ethnic origin',
  'religious-beliefs': 'Religious or philosophical beliefs',
  'union-membership': 'Union membership',
  'communications-contents': 'Contents of mail, email and text messages',
  'genetic': 'Genetic data',
  'neural': 'Neural data (the activity of the nervous system, measured)',
  'biometric': 'Biometric information to identify a consumer',
  'health': 'Health information',
  'sex-life': 'Sex life or sexual orientation',
};


const list = (items: string[], empty: string) =>
  items.length === 0 ? `<p>${escapeHtml(empty)}</p>` : `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;

const retentionText = (retention: NoticeRetention) =>
  'until' in retention ? 'until you ask us to delete it' : `${retention.years} years (${retention.basis})`;

function soldOrShared(notice: Notice): string {
  const sold = notice.recipients.filter((recipient) => recipient.sold).map((recipient) => recipient.name);
  const shared = notice.recipients.filter((recipient) => recipient.shared).map((recipient) => recipient.name);
  return [
    `<p>${notice.sold ? `We sell personal information to: ${escapeHtml(sold.join(', '))}.` : 'We do not sell personal information.'}</p>`,
    `<p>${notice.shared ? `We share personal information for cross-context behavioural advertising with: ${escapeHtml(shared.join(', '))}.` : 'We do not share personal information for cross-context behavioural advertising.'}</p>`,
  ].join('\n');
}

/** The notice for people: the same data as notice.json, as a page that reads in any browser and a screen reader. */
export function renderNoticeHtml(notice: Notice): string {
  const rows = notice.categories.map((category) => `<tr>
<th scope="row">${escapeHtml(categoryNames[category.category])}</th>
<td>${escapeHtml(category.sensitive.map((kind) => sensitiveNames[kind]).join('; ') || 'none')}</td>
<td>${escapeHtml(category.sources.join('; '))}</td>
<td>${escapeHtml(category.purposes.join('; ') || 'not stated')}</td>
<td>${escapeHtml(category.retention.map(retentionText).join('; '))}</td>
</tr>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Personal information we collect · ${escapeHtml(notice.site)}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.5rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:600;margin-bottom:.5rem}</style>
</head>
<body>
<main>
<h1>Personal information we collect</h1>
<section aria-labelledby="categories">
<h2 id="categories">Categories, sources, purposes and retention</h2>
${notice.categories.length === 0 ? '<p>We keep no personal information in the stores this notice covers.</p>' : `<table>
<caption>Each category of personal information we collect</caption>
<thead><tr><th scope="col">Category</th><th scope="col">Sensitive personal information</th><th scope="col">Sources</th><th scope="col">Purposes</th><th scope="col">Kept</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`}
</section>
<section aria-labelledby="sensitive">
<h2 id="sensitive">Sensitive personal information</h2>
${list(notice.sensitive.map((kind) => sensitiveNames[kind]), 'We collect no sensitive personal information.')}
</section>
<section aria-labelledby="sale">
<h2 id="sale">Sale and sharing</h2>
${soldOrShared(notice)}
</section>
</main>
</body>
</html>
`;
}
