import { z } from 'zod';
import type { CordonConfigInput } from '../shared/config.ts';
import { shopStore } from './shop/database/map.ts';

export const demoPorts = { collector: 8787, vendors: 8788, shop: 8789 } as const;

// An empty or partly numeric variable is a mistake to name, not a port to guess (Number('') is 0, a random port).
const portVariable = (fallback: number) => z.string()
  .regex(/^\d{1,5}$/, 'a port number')
  .transform(Number)
  .pipe(z.number().max(65535, 'a port is at most 65535'))
  .default(fallback);

/** The ports `npm start` listens on, from the environment: `PORT` for the collector as `cordon start` reads it. */
export const DemoPortsEnv = z.object({
  PORT: portVariable(demoPorts.collector),
  VENDORS_PORT: portVariable(demoPorts.vendors),
  SHOP_PORT: portVariable(demoPorts.shop),
}).transform(({ PORT, VENDORS_PORT, SHOP_PORT }) => ({ collector: PORT, vendors: VENDORS_PORT, shop: SHOP_PORT }));

/** The five fake vendors, each on its own `*.localhost` host of the vendor server, with what the law calls their use. */
export const demoVendors = [
  { id: 'analytics', name: 'Shop Analytics (service provider)', host: 'analytics', purposes: ['analytics'], cookies: [] },
  { id: 'adpixel', name: 'Ad Pixel (cross-context advertising)', host: 'ads', purposes: ['sharing'], cookies: ['_adp'] },
  { id: 'broker', name: 'Data Broker (sale)', host: 'broker', purposes: ['sale'], cookies: ['_dbk*'] },
  { id: 'video', name: 'Video Embeds (advertising)', host: 'video', purposes: ['sharing'], cookies: [] },
  { id: 'quiz', name: 'Health Quiz (sensitive)', host: 'quiz', purposes: ['sensitive'], cookies: [] },
] as const;

/** A fake fulfilment service provider on the vendor server: told of deletions and corrections, it acknowledges each notice. */
export const demoPartner = {
  id: 'fulfilment',
  path: '/partners/fulfilment/notices',
  secret: 'demo-only-partner-secret-0123456789abcdef',
} as const;

export type DemoVendorHost = (typeof demoVendors)[number]['host'];

/** The demo's configuration for given ports; `cordon.config.json` is this for the default ports (a test keeps them equal). */
export function demoConfig(ports: { shop: number; vendors: number }): CordonConfigInput {
  return {
    sites: [{
      id: 'demo',
      origins: [`http://localhost:${ports.shop}`],
      regime: 'opt-out',
      secret: 'demo-only-secret-change-me-0123456789abcdef',
      unknownThirdParty: 'allow',
      vendors: demoVendors.map(({ id, name, host, purposes, cookies }) => ({
        id, name, hosts: [`${host}.localhost:${ports.vendors}`], purposes: [...purposes], cookies: [...cookies],
      })),
    }],
    partners: [{ id: demoPartner.id, url: `http://localhost:${ports.vendors}${demoPartner.path}`, secret: demoPartner.secret, signals: ['delete', 'correct'] }],
    stores: [shopStore],
  };
}
