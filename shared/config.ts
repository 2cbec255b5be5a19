import { z } from 'zod';
import { Purpose, Regime } from './choices.ts';
import { Store } from './datamap.ts';
import { SiteId } from './record.ts';
import { RequestsConfig } from './requests.ts';

const Host = z
  .string()
  .regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/, 'a host such as "px.ads.test" or "*.ads.test", no scheme or path');
const Secret = z.string().min(32, 'a secret needs at least 32 characters');

export const Vendor = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  hosts: z.array(Host).min(1),
  purposes: z.array(Purpose).min(1),
  cookies: z.array(z.string().min(1)).default([]),
});
export type Vendor = z.infer<typeof Vendor>;

export const Site = z.strictObject({
  id: SiteId,
  origins: z.array(z.url()).min(1),
  regime: Regime.default('opt-out'),
  secret: Secret,
  unknownThirdParty: z.enum(['allow', 'block']).default('allow'),
  vendors: z.array(Vendor).default([]),
  gppSections: z.array(z.enum(['usnat', 'usca'])).default(['usnat']),
  /** GPC carries no residency, so it is honoured everywhere unless a site says otherwise. */
  honorGpc: z.boolean().default(true),
});
export type Site = z.infer<typeof Site>;

export const Partner = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  url: z.url(),
  secret: Secret,
  /** Opt-outs it must hear of, and for service providers and contractors, the deletions and corrections (§7022, §7023). */
  signals: z.array(z.enum(['sale', 'sharing', 'sensitive', 'delete', 'correct'])).min(1),
  maxAttempts: z.number().int().min(1).max(100).default(12),
});
export type Partner = z.infer<typeof Partner>;

export const CordonConfig = z.strictObject({
  sites: z.array(Site).min(1),
  partners: z.array(Partner).default([]),
  stores: z.array(Store).default([]),
  gpcLastUpdate: z.iso.date().default('2026-11-24'),
  requests: RequestsConfig.prefault({}),
});
export type CordonConfig = z.infer<typeof CordonConfig>;
export type CordonConfigInput = z.input<typeof CordonConfig>;
