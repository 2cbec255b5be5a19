import type { Choices, Regime } from './choices.ts';

/** What a regime assumes before the visitor says anything: CCPA allows until opt-out, GDPR holds until consent. */
export function defaultChoices(regime: Regime): Choices {
  const optedOut = regime === 'opt-in';
  return { saleOptOut: optedOut, sharingOptOut: optedOut, limitSensitive: optedOut };
}

/** Which choice forbids each of the three CCPA purposes every site has; sites may declare more for opt-in. */
export const choiceForPurpose = {
  sale: 'saleOptOut',
  sharing: 'sharingOptOut',
  sensitive: 'limitSensitive',
} as const satisfies Record<'sale' | 'sharing' | 'sensitive', keyof Choices>;

/** The three choices a visitor makes, by name. */
export const choiceNames = ['saleOptOut', 'sharingOptOut', 'limitSensitive'] as const satisfies readonly (keyof Choices)[];

/** Where a state came from; "default" until someone or something chose. */
export const stateSources = ['user', 'gpc', 'request', 'account', 'default'] as const;
