import type { AdminPreview, AdminPreviewBody } from '../../shared/admin.ts';
import type { Site } from '../../shared/config.ts';
import type { RequestStatus } from '../../shared/requests.ts';
import { openContact } from './contact.ts';
import { approvalRefusal, completionRefusal, denialRefusal, extensionTarget, settledLaw, type DecisionDeps } from './decisions.ts';
import { aboutRequest } from './links.ts';
import { acknowledgement, completed, denied, extension, type Message } from './messages.ts';
import type { Refusal, RequestRow } from './transitions.ts';

/** Stands where the acknowledgement's code goes: the real one is drawn only when the action is taken. */
const codePlaceholder = '••••••';

type Planned = Refusal | { ok: true; status: RequestStatus; dueAt: Date; message?: Message };

/**
 * What a staff action would tell the consumer, from the same message builders and the same refusals the action
 * uses, so what staff confirm is what is sent. Nothing is written.
 */
export function previewDecision(deps: Omit<DecisionDeps, 'db' | 'actor' | 'mailing'>, site: Site, row: RequestRow, body: AdminPreviewBody): AdminPreview {
  const planned = plan(deps, site, row, body);
  if (!planned.ok) return { status: row.status as RequestStatus, dueAt: row.currentDueAt.toISOString(), mail: null, refused: planned.error };
  const mailed = planned.message && openContact(site, row) !== undefined;
  return {
    status: planned.status,
    dueAt: planned.dueAt.toISOString(),
    mail: mailed ? { subject: planned.message!.subject, text: planned.message!.text } : null,
    refused: null,
  };
}

function plan(deps: Omit<DecisionDeps, 'db' | 'actor' | 'mailing'>, site: Site, row: RequestRow, body: AdminPreviewBody): Planned {
  const about = (changes: Partial<RequestRow> = {}) => aboutRequest(deps.config, site, deps.base, { ...row, ...changes });
  switch (body.action) {
    case 'approve': {
      const refused = approvalRefusal(row);
      if (refused) return refused;
      // Confirming an identity mails nothing: the consumer hears next when the request is carried out.
      if (row.status === 'verifying') return { ok: true, status: 'in_progress', dueAt: row.currentDueAt };
      const law = settledLaw(deps.config, row, body);
      if (!law.ok) return law;
      const dueAt = row.extendedDueAt ?? law.deadlines.dueAt;
      const agentName = openContact(site, row)?.agent?.name;
      return { ok: true, status: 'verifying', dueAt, message: acknowledgement(
        about({ type: law.type, jurisdiction: law.jurisdiction, currentDueAt: dueAt }),
        { code: codePlaceholder, ttlMinutes: deps.config.requests.code.ttlMinutes, agentName },
      ) };
    }
    case 'deny': {
      const refused = denialRefusal(row);
      return refused ?? { ok: true, status: 'denied', dueAt: row.currentDueAt, message: denied(about(), body.explanation, row.jurisdiction === 'gdpr') };
    }
    case 'extend': {
      const target = extensionTarget(deps.config, row, deps.now);
      if (!target.ok) return target;
      return { ok: true, status: row.status as RequestStatus, dueAt: target.until, message: extension(about({ currentDueAt: target.until }), body.reason) };
    }
    case 'complete': {
      const refused = completionRefusal(row);
      return refused ?? { ok: true, status: 'completed', dueAt: row.currentDueAt, message: completed(about(), body.outcome, body.summary) };
    }
  }
}
