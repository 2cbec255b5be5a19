import { z } from 'zod';
import { stateSources } from './purposes.ts';

export const Purpose = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a purpose is a lowercase word such as "sale" or "analytics"');
export type Purpose = z.infer<typeof Purpose>;

export const Regime = z.enum(['opt-out', 'opt-in']);
export type Regime = z.infer<typeof Regime>;

export const Source = z.enum(stateSources);
export type Source = z.infer<typeof Source>;

export const Choices = z.strictObject({
  saleOptOut: z.boolean(),
  sharingOptOut: z.boolean(),
  limitSensitive: z.boolean(),
});
export type Choices = z.infer<typeof Choices>;

// Plain values live apart from the schemas so the browser script can use them without bundling zod.
export { choiceForPurpose, defaultChoices } from './purposes.ts';
