import { VerifyBody, type VerifyForm } from '../../../shared/requests.ts';

const pointNames = ['name', 'phone', 'postalCode', 'address', 'birthDate'] as const;

/** What is wrong with a filled-in form, by name, so the page says it in its own language. */
export type FormProblem = 'code-format' | 'signature-needed' | 'details-invalid';

/** The status page's form as the verify route's body, checked by the same schema the JSON callers meet. */
export function verifyBodyOfForm(form: VerifyForm): { ok: true; body: VerifyBody } | { ok: false; problem: FormProblem } {
  const raw = 'resend' in form ? { resend: true } : {
    code: form.code,
    ...withDataPoints(form),
    ...(form.declare ? { declaration: { signedName: form.signedName ?? '', underPenaltyOfPerjury: true } } : {}),
  };
  const parsed = VerifyBody.safeParse(raw);
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, problem: problemOf(parsed.error.issues[0]?.path[0]) };
}

function problemOf(field: PropertyKey | undefined): FormProblem {
  if (field === 'code') return 'code-format';
  return field === 'declaration' ? 'signature-needed' : 'details-invalid';
}

function withDataPoints(form: Extract<VerifyForm, { code: string }>) {
  const given = pointNames.filter((name) => form[name]).map((name) => [name, form[name]!] as const);
  return given.length > 0 ? { dataPoints: Object.fromEntries(given) } : {};
}
