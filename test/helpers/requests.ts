import assert from 'node:assert/strict';
import type { ReadableMail } from '../../shared/admin.ts';
import { createApiKey } from '../../collector/services/api-keys.ts';
import type { Clock } from '../../collector/services/clock.ts';
import { startCollector, type CollectorOptions, type RunningCollector } from './collector.ts';
import type { DatabaseKind } from './databases.ts';
import { client } from './http.ts';

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  const clock: Clock = () => now;
  return {
    clock,
    set(to: string) { now = new Date(to); },
    advance(ms: number) { now = new Date(now.getTime() + ms); },
  };
}

export const minutes = 60_000;
export const days = 86_400_000;

export interface RequestsHarness {
  collector: RunningCollector;
  api: ReturnType<typeof client>;
  admin: ReturnType<typeof client>;
  adminKey: string;
  close(): Promise<void>;
}

/** A collector with an admin key, and clients for the consumer side and the admin side. */
export async function startRequests(kind: DatabaseKind, options: CollectorOptions = {}): Promise<RequestsHarness> {
  const collector = await startCollector(kind, options);
  const { key } = await createApiKey(collector.deps.db, { name: 'privacy-ops', admin: true });
  return {
    collector,
    api: client(collector.url),
    admin: client(collector.url, { authorization: `Bearer ${key}` }),
    adminKey: key,
    close: () => collector.close(),
  };
}

let counter = 0;
/** A fresh address per call: the same one twice would be a duplicate. */
export function newEmail(prefix = 'person'): string {
  counter += 1;
  return `${prefix}.${process.pid}.${counter}.${Date.now()}@Example.test`;
}

/** Mail kept for the operator (no SMTP), newest first, read the way an operator would. */
export async function mailOf(admin: RequestsHarness['admin'], requestId: string): Promise<ReadableMail[]> {
  const answer = await admin.get(`/v1/admin/mail?request=${requestId}`);
  assert.equal(answer.status, 200);
  return answer.body.mail as ReadableMail[];
}

export function codeIn(text: string | null): string {
  const match = /\b(\d{6})\b/.exec(text ?? '');
  assert.ok(match, `no code in: ${text}`);
  return match[1]!;
}

/** The code in the newest mail of a request. */
export async function latestCode(admin: RequestsHarness['admin'], requestId: string): Promise<string> {
  const [newest] = await mailOf(admin, requestId);
  return codeIn(newest?.text ?? null);
}

export function intakeBody(overrides: Record<string, unknown> = {}) {
  return { site: 'shop', jurisdiction: 'ccpa', type: 'delete', email: newEmail(), name: 'Pat Doe', ...overrides };
}
