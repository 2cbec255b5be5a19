import { randomInt } from 'node:crypto';
import { and, eq, lte, lt, sql } from 'drizzle-orm';
import type { CordonConfig, Site } from '../../shared/config.ts';
import type { RequestType, RequestsConfig, StaffWait, VerifyBody } from '../../shared/requests.ts';
import { lawOfType } from '../../shared/requests.ts';
import type { Db, Tx } from '../db/connect.ts';
import { emailLinks, requestCodes, rightsRequests } from '../db/schema.ts';
import { verifyAccountToken } from '../services/account-token.ts';
import { audit } from '../services/audit.ts';
import { emailHash } from '../services/hashing.ts';
import { openContact, sealContact } from './contact.ts';
import { fulfilmentView, type Fulfilment } from './fulfilment.ts';
import { aboutRequest } from './links.ts';
import { queueMail, type Mailing } from './mailer.ts';
import { newCode } from './messages.ts';
import { codeHash, codeMatches } from './secrets.ts';
import { transition, type Refusal, type RequestRow } from './transitions.ts';

type CodeSettings = RequestsConfig['code'];
/** Evidence a request carries: 'email' (code), 'account' (site token), 'matched:<field>' (data points). */
export type Evidence = RequestRow['evidence'];

/** A six-digit code from the operating system's CSPRNG; only its keyed hash is stored. */
export function newCodeValue(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The first code of a request, as stored: only its keyed hash. */
export function firstCodeRow(site: Site, requestId: string, code: string, settings: CodeSettings, now: Date): typeof requestCodes.$inferInsert {
  return { requestId, codeHash: codeHash(site, requestId, code), expiresAt: expiry(now, settings), issued: 1, issuedAt: now };
}

export async function issueFirstCode(tx: Tx, site: Site, requestId: string, settings: CodeSettings, now: Date): Promise<string> {
  const code = newCodeValue();
  await tx.insert(requestCodes).values(firstCodeRow(site, requestId, code, settings, now));
  return code;
}

/**
 * Replaces the code, but only after the cool-down and while fewer than the allowed number have gone out: the
 * condition is in the UPDATE itself, so two resends at once cannot both pass.
 */
export async function reissueCode(tx: Tx, site: Site, requestId: string, settings: CodeSettings, now: Date): Promise<string | undefined> {
  const code = newCodeValue();
  const [row] = await tx.update(requestCodes)
    .set({ codeHash: codeHash(site, requestId, code), expiresAt: expiry(now, settings), attempts: 0,
      issued: sql`${requestCodes.issued} + 1`, issuedAt: now })
    .where(and(
      eq(requestCodes.requestId, requestId),
      lte(requestCodes.issuedAt, new Date(now.getTime() - settings.resendCooldownSeconds * 1000)),
      lt(requestCodes.issued, settings.maxCodes),
    ))
    .returning({ requestId: requestCodes.requestId });
  return row ? code : undefined;
}

const expiry = (now: Date, settings: CodeSettings) => new Date(now.getTime() + settings.ttlMinutes * 60_000);

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'too-many-attempts';

/**
 * Counts the attempt before comparing, atomically, so parallel guesses cannot exceed the limit; a right code is
 * used up. The comparison is of keyed hashes, in constant time.
 */
export async function checkCode(db: Db | Tx, site: Site, requestId: string, code: string, settings: CodeSettings, now: Date): Promise<CodeCheck> {
  const [row] = await db.update(requestCodes).set({ attempts: sql`${requestCodes.attempts} + 1` })
    .where(and(eq(requestCodes.requestId, requestId), lt(requestCodes.attempts, settings.maxAttempts)))
    .returning({ codeHash: requestCodes.codeHash, expiresAt: requestCodes.expiresAt });
  if (!row) return 'too-many-attempts';
  if (!row.codeHash || row.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (!codeMatches(site, requestId, code, row.codeHash)) return 'wrong';
  await db.update(requestCodes).set({ codeHash: null }).where(eq(requestCodes.requestId, requestId));
  return 'ok';
}

/**
 * §7062 in data points: categories need a reasonable degree of certainty (2), specific pieces a reasonably high one
 * (3 and a signed declaration), deletion and correction by the sensitivity the operator sets; GDPR asks for more
 * only on reasonable doubt (Art 12(6)). A logged-in account meets every level (§7060: existing authentication).
 */
export function requiredPoints(type: RequestType, config: CordonConfig): number {
  const levels = config.requests.dataPoints;
  if (lawOfType(type) === 'gdpr') return levels.gdpr;
  switch (type) {
    case 'know-categories': return 2;
    case 'know-specific': return 3;
    case 'delete': return levels.delete;
    case 'correct': return levels.correct;
    default: return 0;
  }
}

export function levelMet(type: RequestType, evidence: Evidence, config: CordonConfig): boolean {
  if (evidence.points.includes('account')) return true;
  if (type === 'know-specific' && !evidence.declaredAt) return false;
  return evidence.points.length >= requiredPoints(type, config);
}

/** Whether a verified request still waits for a person: a reviewer, an agent's permission, or unmatched details. */
export function waitsForStaff(row: RequestRow, config: CordonConfig): StaffWait | undefined {
  if (row.review) return 'review';
  if (row.channel === 'agent') return 'agent-permission';
  if (!levelMet(row.type as RequestType, row.evidence, config)) return 'details-unmatched';
  return undefined;
}

/** Why verifying was refused, by name, so the status page says it in its own language; `error` says it to API callers. */
export type VerifyRefusalReason =
  | 'not-verifying' | 'resend-too-soon' | 'account-not-valid' | 'account-not-this' | 'declaration-needed'
  | 'too-many-attempts' | 'code-expired' | 'code-wrong';

export type VerifyOutcome =
  | { ok: true; row: RequestRow; waitingFor?: StaffWait }
  | Refusal & { reason: VerifyRefusalReason };

export interface VerifyDeps { db: Db; config: CordonConfig; mailing: Mailing; fulfilment: Fulfilment; now: Date; base: string }

/** One call of POST /v1/requests/:id/verify; everything it changes commits together or not at all. */
export async function verifyRequest(deps: VerifyDeps, site: Site, row: RequestRow, body: VerifyBody): Promise<VerifyOutcome> {
  if (row.status !== 'verifying') return { ok: false, status: 409, error: `this request is ${row.status}; there is nothing to verify`, reason: 'not-verifying' };
  if ('resend' in body) return resend(deps, site, row);
  if ('accountToken' in body) return withAccount(deps, site, row, body.accountToken);
  return withCode(deps, site, row, body);
}

async function resend(deps: VerifyDeps, site: Site, row: RequestRow): Promise<VerifyOutcome> {
  const settings = deps.config.requests.code;
  return deps.db.transaction(async (tx) => {
    const code = await reissueCode(tx, site, row.id, settings, deps.now);
    if (!code) {
      return { ok: false, status: 429, error: `a new code can be sent ${settings.resendCooldownSeconds} s after the last one, at most ${settings.maxCodes} times`, reason: 'resend-too-soon' } as const;
    }
    const contact = openContact(site, row)!;
    await queueMail(tx, deps.config, deps.mailing, {
      site: site.id, requestId: row.id, to: contact.email, now: deps.now,
      message: newCode(aboutRequest(deps.config, site, deps.base, row), code, settings.ttlMinutes),
    });
    await audit(tx, { actor: 'consumer', action: 'request.code-resent', subject: row.id, at: deps.now });
    return { ok: true, row } as const;
  });
}

async function withAccount(deps: VerifyDeps, site: Site, row: RequestRow, token: string): Promise<VerifyOutcome> {
  const account = verifyAccountToken(site, token, deps.now);
  if (!account) return { ok: false, status: 401, error: "the account token is not signed with this site's secret, or it has expired", field: 'accountToken', reason: 'account-not-valid' };
  if (!(await accountOwnsAddress(deps.db, site, account, row.emailHash))) {
    return { ok: false, status: 403, error: 'this account is not the one this request was made for', field: 'accountToken', reason: 'account-not-this' };
  }
  return recordEvidence(deps, site, row, { points: [...new Set([...row.evidence.points, 'account'])], staff: row.evidence.staff, declaredAt: row.evidence.declaredAt },
    'verified by a signed-in account');
}

/** The token must speak for the request's address: by its own email claim, or by a link made at sign-in. */
async function accountOwnsAddress(db: Db, site: Site, account: { account: string; email?: string }, hash: string): Promise<boolean> {
  if (account.email) return emailHash(account.email) === hash;
  const [link] = await db.select({ accountId: emailLinks.accountId }).from(emailLinks)
    .where(and(eq(emailLinks.site, site.id), eq(emailLinks.emailHash, hash)));
  return link?.accountId === account.account;
}

async function withCode(
  deps: VerifyDeps, site: Site, row: RequestRow, body: Extract<VerifyBody, { code: string }>,
): Promise<VerifyOutcome> {
  if (row.type === 'know-specific' && !body.declaration) {
    return { ok: false, status: 400, error: 'a request for specific pieces of information needs a signed declaration', field: 'declaration', reason: 'declaration-needed' };
  }
  const check = await checkCode(deps.db, site, row.id, body.code, deps.config.requests.code, deps.now);
  if (check === 'too-many-attempts') return { ok: false, status: 429, error: 'too many wrong codes; ask for a new one with { "resend": true }', field: 'code', reason: 'too-many-attempts' };
  if (check === 'expired') return { ok: false, status: 400, error: 'this code has expired or was already used; ask for a new one with { "resend": true }', field: 'code', reason: 'code-expired' };
  if (check === 'wrong') return { ok: false, status: 400, error: 'this code is not right', field: 'code', reason: 'code-wrong' };
  const matched = body.dataPoints ? await deps.fulfilment.matchDataPoints(fulfilmentView(site, row), body.dataPoints) : [];
  const evidence: Evidence = {
    points: [...new Set([...row.evidence.points, 'email', ...matched.map((name) => `matched:${name}`)])],
    staff: row.evidence.staff,
    declaredAt: body.declaration ? deps.now.toISOString() : row.evidence.declaredAt,
  };
  const contact = body.dataPoints ? { ...openContact(site, row)!, dataPoints: body.dataPoints } : undefined;
  return recordEvidence(deps, site, row, evidence, 'verified by the mailed code', contact && sealContact(site, row.id, contact));
}

/** Keeps what the consumer proved; moves the request on when nothing is left for a person to check. */
async function recordEvidence(
  deps: VerifyDeps, site: Site, row: RequestRow, evidence: Evidence, how: string, contact?: string,
): Promise<VerifyOutcome> {
  return deps.db.transaction(async (tx) => {
    const patch = { evidence, ...(contact ? { contact } : {}) };
    const updated = { ...row, ...patch };
    await audit(tx, { actor: 'consumer', action: 'request.evidence', subject: row.id, at: deps.now, detail: { points: evidence.points, declared: Boolean(evidence.declaredAt), how } });
    const waitingFor = waitsForStaff(updated, deps.config);
    if (waitingFor) {
      const [saved] = await tx.update(rightsRequests).set(patch).where(eq(rightsRequests.id, row.id)).returning();
      return { ok: true, row: saved!, waitingFor } as const;
    }
    const moved = await transition(tx, row, 'in_progress', { actor: 'consumer', reason: how, now: deps.now }, { ...patch, verifiedAt: deps.now });
    return { ok: true, row: moved } as const;
  });
}
