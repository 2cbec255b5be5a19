import { randomUUID } from 'node:crypto';
import type { CordonConfigInput } from '../../shared/config.ts';
import type { PreferenceRecord } from '../../shared/record.ts';
import { parseConfig } from '../../collector/config/load.ts';

export const siteOrigin = 'http://shop.test';
export const siteSecret = 'test-site-secret-0123456789abcdef0123456789';

export function testConfig(overrides: Partial<CordonConfigInput> = {}) {
  return parseConfig({
    sites: [{
      id: 'shop', origins: [siteOrigin], regime: 'opt-out', secret: siteSecret,
      vendors: [{ id: 'adpixel', name: 'Ad Pixel', hosts: ['px.ads.test'], purposes: ['sharing'], cookies: ['_adp'] }],
    }],
    ...overrides,
  });
}

let deviceCounter = 0;
export function newDeviceId(): string {
  deviceCounter += 1;
  return `device-${process.pid}-${deviceCounter}-${randomUUID().slice(0, 8)}`;
}

export function record(overrides: Partial<PreferenceRecord> = {}): PreferenceRecord {
  return {
    id: randomUUID(), site: 'shop', deviceId: newDeviceId(),
    choices: { saleOptOut: true, sharingOptOut: true, limitSensitive: false },
    gpc: false, source: 'user', regime: 'opt-out', occurredAt: new Date().toISOString(),
    url: `${siteOrigin}/product/1`,
    ...overrides,
  };
}
