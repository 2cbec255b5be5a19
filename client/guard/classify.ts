import { unknownThirdParty } from '../core/policy.ts';
import { config, scriptUrl } from './config.ts';

export interface Target {
  vendor?: string;
  purposes: string[];
}

/**
 * Which vendor and purposes a URL reaches. A host pattern with a port matches that port only; `*.` matches
 * subdomains. First-party and the collector's own host are never held: the site's own code always runs.
 */
export function classify(url: string | URL | null | undefined, base = document.baseURI): Target | undefined {
  const parsed = parseUrl(url, base);
  if (!parsed || !/^(https?|wss?):$/.test(parsed.protocol)) return undefined;
  const vendor = config.vendors.find(({ hosts }) => hosts.some((host) => hostMatches(host, parsed)));
  if (vendor) return { vendor: vendor.id, purposes: vendor.purposes };
  if (!ownHosts.some((host) => hostMatches(host, parsed)) && config.unknownThirdParty === 'block') return { purposes: [unknownThirdParty] };
  return undefined;
}

/** The URL parser itself drops the spaces around a URL, as the browser does for `src`. */
function parseUrl(url: string | URL | null | undefined, base: string): URL | undefined {
  try {
    return url ? new URL(url, base) : undefined;
  } catch {
    return undefined;
  }
}

/** Self-contained, as workers get its source. */
export function hostMatches(pattern: string, url: URL): boolean {
  const candidate = pattern.includes(':') ? url.host : url.hostname;
  return pattern.startsWith('*.') ? candidate.endsWith(pattern.slice(1)) || candidate === pattern.slice(2) : candidate === pattern;
}

/**
 * The site's own hosts, never held: the page's host and its subdomains, the domains above it, and the collector's
 * host. Under a single-label host such as `localhost`, each name is its own site.
 */
export const ownHosts = ((labels) => [
  ...(labels.length > 1 ? [`*.${location.hostname}`, ...labels.map((_, i) => labels.slice(i).join('.')).slice(1, -1)] : labels),
  scriptUrl.host,
])(location.hostname.split('.'));
