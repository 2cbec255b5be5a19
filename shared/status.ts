import { z } from 'zod';
import { Choices, Source } from './choices.ts';
import { DeviceId } from './record.ts';

export const AccountId = z.string().min(1).max(256).regex(/^\P{Cc}+$/u, 'an account id cannot contain control characters');
/** Trimmed and lower-cased before it is checked, as people type addresses every which way. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(320));

export const Subject = z.union([
  z.strictObject({ account: AccountId }),
  z.strictObject({ device: DeviceId }),
  z.strictObject({ email: Email }),
]);
export type Subject = z.infer<typeof Subject>;

export const maxBatchSubjects = 10_000;
export const StatusBatchBody = z.strictObject({
  site: z.string().optional(),
  subjects: z.array(Subject).min(1).max(maxBatchSubjects),
});

export const Status = Choices.extend({
  gpc: z.boolean(),
  source: Source,
  updatedAt: z.iso.datetime().nullable(),
  known: z.boolean(),
});
export type Status = z.infer<typeof Status>;
export const StatusBatchAnswer = z.object({ statuses: z.array(Status) });

/** `POST /v1/identify`: the account the device is now linked to, and the account's choices after the link. */
export const IdentifyAnswer = z.object({
  /** As the site's signed token names it. */
  account: z.string(),
  choices: Choices,
  gpc: z.boolean(),
  source: Source,
  updatedAt: z.iso.datetime(),
});
export type IdentifyAnswer = z.infer<typeof IdentifyAnswer>;

/** `?account=…|device=…|email=…`, exactly one, and `site` where the collector serves more than one. */
export const StatusQuery = z.strictObject({
  site: z.string().optional(),
  account: AccountId.optional(),
  device: DeviceId.optional(),
  email: Email.optional(),
}).check((ctx) => {
  const given = (['account', 'device', 'email'] as const).filter((name) => ctx.value[name] !== undefined);
  if (given.length !== 1) {
    ctx.issues.push({ code: 'custom', input: ctx.value, path: given.length > 1 ? [given[1]!] : ['account'],
      message: 'give exactly one of account, device or email' });
  }
});

export function subjectOfQuery(query: z.infer<typeof StatusQuery>): Subject {
  if (query.account !== undefined) return { account: query.account };
  if (query.device !== undefined) return { device: query.device };
  return { email: query.email! };
}
