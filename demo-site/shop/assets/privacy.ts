// The privacy request form: a real rights request to the collector, then the mailed code to verify it.
const collector = new URL(document.querySelector<HTMLScriptElement>('script[src$="/cordon.js"]')!.src).origin;
const form = document.querySelector<HTMLFormElement>('[data-request-form]')!;
const correction = form.querySelector<HTMLElement>('[data-correction]')!;
const result = document.querySelector<HTMLElement>('[data-request-result]')!;
const verifyForm = document.querySelector<HTMLFormElement>('[data-verify-form]')!;
const verifyResult = verifyForm.querySelector<HTMLElement>('[data-verify-result]')!;
let requestId = '';
let statusUrl = '';

// The request's mails and result are written in the page's language when the collector writes it (en, es); else
// the collector goes by the browser's.
const pageLanguage = document.documentElement.lang.toLowerCase().split('-')[0]!;
const lang = ['en', 'es'].includes(pageLanguage) ? pageLanguage : undefined;

const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();

(form.elements.namedItem('type') as HTMLSelectElement).addEventListener('change', () => { correction.hidden = field('type') !== 'correct'; });

function say(target: HTMLElement, ...lines: (string | HTMLElement)[]) {
  target.replaceChildren(...lines.map((line) => {
    const paragraph = document.createElement('p');
    paragraph.append(line);
    return paragraph;
  }));
}

function link(href: string, text: string) {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

async function answerOf(response: Response) {
  const answer = await response.json() as Record<string, unknown> & { error?: string; issues?: string[] };
  if (!response.ok) throw new Error([answer.error, ...(answer.issues ?? [])].filter(Boolean).join(': '));
  return answer;
}

const send = async (path: string, body: unknown) =>
  answerOf(await fetch(`${collector}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

/** The account verifies a signed-in customer's request: the shop vouches for it with a token signed by its backend. */
async function verifyByAccount() {
  const { token } = await answerOf(await fetch('/account/token', { headers: { accept: 'application/json' } }));
  return send(`/v1/requests/${requestId}/verify`, { accountToken: token });
}

/** Once verified, Cordon carries the request out on its own; the page says when it is done. */
async function awaitResult(target: HTMLElement, lead: string) {
  for (let wait = 500; wait < 60_000; wait *= 1.5) {
    const answer = await answerOf(await fetch(statusUrl, { headers: { accept: 'application/json' } }));
    if (answer.status === 'completed' || answer.status === 'denied') {
      say(target, lead, `Your request is ${String(answer.status)}.`, link(statusUrl, 'See the result'));
      return;
    }
    say(target, lead, `Status: ${String(answer.status).replace('_', ' ')}. This page will say when it is done.`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const type = field('type');
  if (!type) return say(result, 'Choose what you want to do.');
  const details = type === 'correct' ? { inaccurate: field('inaccurate'), correction: field('correction') } : undefined;
  try {
    const answer = await send('/v1/requests', { type, site: 'demo', jurisdiction: 'ccpa', email: field('email'), name: field('name') || undefined, details, lang });
    requestId = String(answer.id);
    statusUrl = String(answer.statusUrl);
    // CCPA days are counted in California: the date the mail gives, wherever the visitor is.
    const due = new Date(String(answer.dueAt)).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'America/Los_Angeles' });
    const received = `Request received. We will answer by ${due}.`;
    if (answer.status === 'verifying' && form.hasAttribute('data-signed-in')) {
      await verifyByAccount();
      await awaitResult(result, `${received} Verified by your account.`);
      return;
    }
    say(result, received, link(statusUrl, type === 'know-specific' ? 'Confirm it and follow its status' : 'Follow its status'),
      ...(answer.status === 'verifying' ? [link(`/inbox?request=${requestId}`, 'Open the demo inbox to read the code we mailed')] : []));
    // A request for specific pieces also needs a signed declaration: its status page asks for it with the code.
    verifyForm.hidden = answer.status !== 'verifying' || type === 'know-specific';
  } catch (error) {
    say(result, `The request was not sent. ${(error as Error).message}`);
  }
});

verifyForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const answer = await send(`/v1/requests/${requestId}/verify`, { code: (verifyForm.elements.namedItem('code') as HTMLInputElement).value.trim() });
    if (answer.waitingFor) say(verifyResult, `Code accepted. Still needed: ${String(answer.waitingFor)}.`);
    else await awaitResult(verifyResult, 'Code accepted.');
  } catch (error) {
    say(verifyResult, `Not verified. ${(error as Error).message}`);
  }
});

export {};
