import { config } from './config.ts';
import { isAllowed } from './consent.ts';
import { refuse } from './guard.ts';
import { wrapSetter } from './patch.ts';

/** The vendors that declare cookies while their purposes are not allowed. */
const forbiddenCookieVendors = () => config.vendors.filter(({ cookies, purposes }) => cookies.length > 0 && !isAllowed(purposes));

/** The forbidden vendor that declared the cookie (`_ga*` matches every name it starts). */
function forbiddenOwner(name: string, vendors: ReturnType<typeof forbiddenCookieVendors>) {
  return vendors.find(({ cookies }) => cookies.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern)));
}

const nameOf = (cookie: string) => cookie.split(/[=;]/)[0]!.trim();

function isDeletion(cookie: string): boolean {
  const expires = /;\s*expires\s*=([^;]*)/i.exec(cookie);
  return /;\s*max-age\s*=\s*(0|-)/i.test(cookie) || (!!expires && Date.parse(expires[1]!) <= Date.now());
}

/** `document.cookie` writes of a vendor's declared cookies are dropped while its purposes are forbidden; deleting still works. */
export function interceptCookies(): void {
  wrapSetter(Document.prototype, 'cookie', (_, value, nativeSet) => {
    const cookie = String(value);
    const vendor = forbiddenOwner(nameOf(cookie), forbiddenCookieVendors());
    if (vendor && !isDeletion(cookie)) refuse('cookie', nameOf(cookie), { vendor: vendor.id, purposes: vendor.purposes });
    else nativeSet(value);
  });
}

/** Removes the forbidden cookies already set, on every path and domain they can live on. */
export function clearForbiddenCookies(): void {
  const vendors = forbiddenCookieVendors();
  // Reading document.cookie is a synchronous round trip to the browser's cookie store, on every page load.
  if (vendors.length === 0) return;
  for (const name of document.cookie.split(';').map(nameOf)) {
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
