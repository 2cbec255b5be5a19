import { z } from 'zod';
import { Category, SensitiveKind } from './datamap.ts';

/** How long a category is kept: until the consumer asks for deletion, or for years on a stated basis. */
export const NoticeRetention = z.union([
  z.strictObject({ until: z.literal('deletion') }),
  z.strictObject({ years: z.number().int().min(1), basis: z.string().min(1) }),
]);
export type NoticeRetention = z.infer<typeof NoticeRetention>;

export const NoticeCategory = z.strictObject({
  category: Category,
  sensitive: z.array(SensitiveKind),
  sources: z.array(z.string()),
  purposes: z.array(z.string()),
  retention: z.array(NoticeRetention).min(1),
});
export type NoticeCategory = z.infer<typeof NoticeCategory>;

/** Who receives personal information sold or shared (§1798.140(ad), (ah)): the site's vendors and the partners told of opt-outs. */
export const NoticeRecipient = z.strictObject({ name: z.string(), sold: z.boolean(), shared: z.boolean() });

/** The data section of a site's privacy notice (§1798.100, §1798.110, §7011), as the data map states it. */
export const Notice = z.strictObject({
  site: z.string(),
  categories: z.array(NoticeCategory),
  sensitive: z.array(SensitiveKind),
  sources: z.array(z.string()),
  purposes: z.array(z.string()),
  sold: z.boolean(),
  shared: z.boolean(),
  recipients: z.array(NoticeRecipient),
});
export type Notice = z.infer<typeof Notice>;
