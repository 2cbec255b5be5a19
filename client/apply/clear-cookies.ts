import { allowed } from '../core/policy.ts';
import { cookieName, forbiddenCookieVendors, forbiddenOwner } from '../core/vendor-cookies.ts';
import type { GuardInternals } from '../guard/apply-state.ts';

/** Removes the forbidden cookies already set, on every path and domain they can live on. */
export function clearForbiddenCookies({ config, manager }: GuardInternals): void {
  const vendors = forbiddenCookieVendors(config.vendors, (purposes) => allowed(manager.state, purposes));
  // Reading document.cookie is a synchronous round trip to the browser's cookie store.
  if (vendors.length === 0) return;
  for (const name of document.cookie.split(';').map(cookieName)) {
    if (name && forbiddenOwner(name, vendors)) for (const scope of cookieScopes()) document.cookie = `${name}=; max-age=0; ${scope}`;
  }
}

/** Every path from the page's up to `/`, each host-only and for this host and all its parent domains (a leading dot changes nothing). */
function cookieScopes(): string[] {
  const segments = location.pathname.split('/');
  const paths = segments.map((_, index) => segments.slice(0, index + 1).join('/') || '/');
  const labels = location.hostname.split('.');
  const domains = ['', ...labels.slice(0, -1).map((_, index) => `; domain=${labels.slice(index).join('.')}`)];
  return paths.flatMap((path) => domains.map((domain) => `path=${path}${domain}`));
}
