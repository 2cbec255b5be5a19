import { z } from 'zod';

/** The three CCPA signals every site has; sites may declare more purposes for opt-in regimes. */
export const corePurposes = ['sale', 'sharing', 'sensitive'] as const;
export const Purpose = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a purpose is a lowercase word such as "sale" or "analytics"');
export type Purpose = z.infer<typeof Purpose>;

export const Regime = z.enum(['opt-out', 'opt-in']);
export type Regime = z.infer<typeof Regime>;

export const Source = z.enum(['user', 'gpc', 'request', 'account', 'default']);
export type Source = z.infer<typeof Source>;

export const Choices = z.strictObject({
  saleOptOut: z.boolean(),
  sharingOptOut: z.boolean(),
  limitSensitive: z.boolean(),
});
export type Choices = z.infer<typeof Choices>;

/** What a regime assumes before the visitor says anything: CCPA allows until opt-out, GDPR holds until consent. */
export function defaultChoices(regime: Regime): Choices {
  const optedOut = regime === 'opt-in';
  return { saleOptOut: optedOut, sharingOptOut: optedOut, limitSensitive: optedOut };
}

/** Which choice forbids each core purpose. */
export const choiceForPurpose = {
  sale: 'saleOptOut',
  sharing: 'sharingOptOut',
  sensitive: 'limitSensitive',
} as const satisfies Record<(typeof corePurposes)[number], keyof Choices>;
