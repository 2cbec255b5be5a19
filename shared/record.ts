import { z } from 'zod';
import { text } from './text.ts';
import { Choices, Regime } from './choices.ts';

export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a device id is 16–64 URL-safe characters');
export const SiteId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a site id is lowercase letters, digits and dashes');

/** Where a record came from. "default" is never sent: it only labels a state nobody chose. */
export const RecordSource = z.enum(['user', 'gpc', 'request', 'account']);

/** One preference change, as a browser (or a rights request) reports it. Append-only at the collector. */
export const PreferenceRecord = z.strictObject({
  id: z.uuid(),
  site: SiteId,
  deviceId: DeviceId,
  choices: Choices,
  gpc: z.boolean(),
  source: RecordSource,
  regime: Regime,
  occurredAt: z.iso.datetime({ offset: true }),
  url: z.url().max(2048),
  noticeVersion: text().max(64).optional(),
});
export type PreferenceRecord = z.infer<typeof PreferenceRecord>;

/** `POST /v1/records`: each record sent, in order, and whether it was already kept (a resend). */
export const StoredRecords = z.object({ stored: z.array(z.object({ id: z.uuid(), duplicate: z.boolean() })) });
export type StoredRecords = z.infer<typeof StoredRecords>;
