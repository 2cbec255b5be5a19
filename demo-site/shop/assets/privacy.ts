// The privacy request form: a real rights request to the collector, then the mailed code to verify it.
const collector = new URL(document.querySelector<HTMLScriptElement>('script[src$="/cordon.js"]')!.src).origin;
const form = document.querySelector<HTMLFormElement>('[data-request-form]')!;
const correction = form.querySelector<HTMLElement>('[data-correction]')!;
const result = document.querySelector<HTMLElement>('[data-request-result]')!;
const verifyForm = document.querySelector<HTMLFormElement>('[data-verify-form]')!;
const verifyResult = verifyForm.querySelector<HTMLElement>('[data-verify-result]')!;
let requestId = '';

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

async function send(path: string, body: unknown) {
  const response = await fetch(`${collector}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json() as Record<string, unknown> & { error?: string; issues?: string[] };
  if (!response.ok) throw new Error([answer.error, ...(answer.issues ?? [])].filter(Boolean).join(': '));
  return answer;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const type = field('type');
  if (!type) return say(result, 'Choose what you want to do.');
  const details = type === 'correct' ? { inaccurate: field('inaccurate'), correction: field('correction') } : undefined;
  try {
    const answer = await send('/v1/requests', { type, site: 'demo', jurisdiction: 'ccpa', email: field('email'), name: field('name') || undefined, details });
    requestId = String(answer.id);
    // CCPA days are counted in California: the date the mail gives, wherever the visitor is.
    const due = new Date(String(answer.dueAt)).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'America/Los_Angeles' });
    say(result, `Request received. We will answer by ${due}.`, link(String(answer.statusUrl), type === 'know-specific' ? 'Confirm it and follow its status' : 'Follow its status'),
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
    const waiting = answer.waitingFor ? ` Still needed: ${String(answer.waitingFor)}.` : '';
    say(verifyResult, `Code accepted. Status: ${String(answer.status).replace('_', ' ')}.${waiting}`);
  } catch (error) {
    say(verifyResult, `Not verified. ${(error as Error).message}`);
  }
});

export {};
