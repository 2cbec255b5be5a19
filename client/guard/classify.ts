import type { ClientConfig } from '../../shared/client.ts';
import { unknownThirdParty } from '../core/policy.ts';

export interface Target {
  vendor?: string;
  purposes: string[];
}

/**
 * Which vendor and purposes a URL reaches. A host pattern with a port matches that port only; `*.` matches
 * subdomains. First-party and the collector's own host are never held: the site's own code always runs.
 */
export function createClassifier(config: ClientConfig, pageUrl: string, collectorHost: string) {
  const page = new URL(pageUrl);
  return (url: string | URL | null | undefined): Target | undefined => {
    const parsed = parseUrl(url, pageUrl);
    if (!parsed || !/^(https?|wss?):$/.test(parsed.protocol)) return undefined;
    const vendor = config.vendors.find(({ hosts }) => hosts.some((host) => hostMatches(host, parsed)));
    if (vendor) return { vendor: vendor.id, purposes: vendor.purposes };
    const firstParty = sameSite(parsed.hostname, page.hostname) || parsed.host === collectorHost;
    if (firstParty || config.unknownThirdParty === 'allow') return undefined;
    return { purposes: [unknownThirdParty] };
  };
}
export type Classifier = ReturnType<typeof createClassifier>;

function parseUrl(url: string | URL | null | undefined, base: string): URL | undefined {
  if (url === null || url === undefined || url === '') return undefined;
  try {
    return new URL(String(url).trim(), base);
  } catch {
    return undefined;
  }
}

function hostMatches(pattern: string, url: URL): boolean {
  const withPort = pattern.includes(':');
  const candidate = withPort ? url.host : url.hostname;
  if (pattern.startsWith('*.')) return candidate.endsWith(pattern.slice(1)) || candidate === pattern.slice(2);
  return candidate === pattern;
}

/** Subdomains share a site, except under a single-label host such as `localhost`, where each name is its own. */
function sameSite(host: string, pageHost: string): boolean {
  if (host === pageHost) return true;
  if (!pageHost.includes('.') || !host.includes('.')) return false;
  return host.endsWith(`.${pageHost}`) || pageHost.endsWith(`.${host}`);
}
