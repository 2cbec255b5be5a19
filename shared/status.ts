import { z } from 'zod';
import { Choices, Source } from './choices.ts';
import { DeviceId } from './record.ts';

export const AccountId = z.string().min(1).max(256);
export const Email = z.email().max(320);

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
