import type { ClientConfig } from '../../shared/client.ts';
import { refuse, type Guard } from './guard.ts';

type CookieVendor = ClientConfig['vendors'][number];
const expired = 'expires=Thu, 01 Jan 1970 00:00:00 GMT';

/** A declared cookie name matches itself, or every name it starts when it ends in `*` (`_ga*`). */
function ownerOf(vendors: CookieVendor[], name: string): CookieVendor | undefined {
  return vendors.find((vendor) => vendor.cookies.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern)));
}

function isDeletion(cookie: string): boolean {
  return /;\s*max-age\s*=\s*(0|-)/i.test(cookie) || /;\s*expires\s*=\s*[^;]*19[0-6]\d/i.test(cookie);
}

/**
 * `document.cookie` writes of a vendor's declared cookies are dropped while its purposes are forbidden (deleting
 * still works); `clearForbidden` removes those already set, on every path, host and parent domain they can live on.
 */
export function interceptCookies(guard: Guard, vendors: CookieVendor[]) {
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  const read = () => String(descriptor.get!.call(document));
  const write = (cookie: string) => descriptor.set!.call(document, cookie);
  const forbidden = (name: string) => {
    const vendor = ownerOf(vendors, name);
    return vendor && !guard.isAllowed(vendor.purposes) ? vendor : undefined;
  };

  Object.defineProperty(Document.prototype, 'cookie', {
    ...descriptor,
    set(this: Document, value: unknown) {
      const cookie = String(value);
      const vendor = forbidden(cookie.split('=')[0]!.trim());
      if (vendor && !isDeletion(cookie)) refuse(guard, 'cookie', cookie.split(';')[0]!.split('=')[0]!, { vendor: vendor.id, purposes: vendor.purposes });
      else descriptor.set!.call(this, value);
    },
  });

  return {
    clearForbidden(): void {
      const names = read().split(';').map((pair) => pair.split('=')[0]!.trim()).filter((name) => name && forbidden(name));
      for (const name of names) for (const scope of cookieScopes()) write(`${name}=; ${expired}; ${scope}`);
    },
  };
}

/** Every path from the page's up to `/`, each host-only and for this host and all its parent domains. */
function cookieScopes(): string[] {
  const segments = location.pathname.split('/').slice(1);
  const paths = ['/', ...segments.map((_, index) => `/${segments.slice(0, index + 1).join('/')}`)];
  const labels = location.hostname.split('.');
  const domains = ['', ...labels.slice(0, -1).map((_, index) => `; domain=${labels.slice(index).join('.')}`),
    ...labels.slice(0, -1).map((_, index) => `; domain=.${labels.slice(index).join('.')}`)];
  return paths.flatMap((path) => domains.map((domain) => `path=${path}${domain}`));
}
