import { z } from 'zod';
import { Choices, Source } from './choices.ts';
import { Site, Vendor } from './config.ts';
import { DeviceId } from './record.ts';

/** What the collector inlines into a site's script: everything a decision needs, no secret. */
export const ClientConfig = Site.pick({ id: true, regime: true, unknownThirdParty: true, gppSections: true, honorGpc: true }).extend({
  vendors: z.array(Vendor.pick({ id: true, name: true, hosts: true, purposes: true, cookies: true })),
});
export type ClientConfig = z.infer<typeof ClientConfig>;

export function clientConfig(site: Site): ClientConfig {
  const { id, regime, unknownThirdParty, gppSections, honorGpc, vendors } = site;
  return ClientConfig.parse({ id, regime, unknownThirdParty, gppSections, honorGpc, vendors });
}

/** `window.Cordon.getState()` and the detail of every `cordon:change` event. */
export const State = Choices.extend({
  gpc: z.boolean(),
  source: Source,
  regime: Site.shape.regime.unwrap(),
  deviceId: DeviceId,
  updatedAt: z.iso.datetime().nullable(),
});
export type State = z.infer<typeof State>;

/**
 * Kinds of thing the guard holds (an element's tag name, or the way a request went); the demo's panel and tests
 * read them through `Cordon.getHeld()`.
 */
export type HeldKind = 'script' | 'iframe' | 'img' | 'link' | 'source' | 'video' | 'audio' | 'embed' | 'object' | 'template' | 'style' | 'input'
  | 'image' | 'a' | 'track' | 'body' | 'fetch' | 'xhr' | 'beacon' | 'cookie' | 'css' | 'font' | 'websocket' | 'websocketstream' | 'eventsource' | 'webtransport'
  | 'worklet' | 'form' | 'link-click' | 'navigation' | 'webrtc';
export interface HeldItem {
  kind: HeldKind;
  url: string;
  vendor?: string;
  purposes: string[];
}
