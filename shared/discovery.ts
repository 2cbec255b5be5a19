import { z } from 'zod';
import { Category, SensitiveKind } from './datamap.ts';

/**
 * One column discovery judged to hold personal information, as `cordon discover --json` prints it: counts and
 * judgements only, never a value.
 */
export const Finding = z.strictObject({
  store: z.string(),
  table: z.string(),
  column: z.string(),
  /** What was found: email, phone, ssn, card, ip-address, coordinates, date-of-birth; "declared" when only the map says so. */
  kind: z.string(),
  category: Category,
  sensitive: SensitiveKind.optional(),
  /** True when the map declares the column. */
  mapped: z.boolean(),
  /** high: most sampled values are of the kind; medium: the name says so, or some values; low: the name only, values disagree; declared: the map says so, nothing seen. */
  confidence: z.enum(['high', 'medium', 'low', 'declared']),
  /** In free text rather than as whole values. */
  inText: z.boolean(),
  /** Sampled values of the kind, out of the non-empty values sampled. */
  matched: z.number().int().nonnegative(),
  sampled: z.number().int().nonnegative(),
});
export type Finding = z.infer<typeof Finding>;
