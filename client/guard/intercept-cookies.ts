import { cookieName, forbiddenCookieVendors, forbiddenOwner } from '../core/vendor-cookies.ts';
import { config } from './config.ts';
import { isAllowed } from './consent.ts';
import { refuse } from './guard.ts';
import { replaceMethod, wrapSetter } from './patch.ts';
import type { Realm } from './realm.ts';

/**
 * Deleting writes the cookie empty with an expiry; the expiry's date is not checked, as an empty value carries
 * nothing a vendor could use whenever it expires.
 */
const isDeletion = (cookie: string) => /^[^=;]*=\s*;.*\b(max-age|expires)\s*=/i.test(cookie);

/** The forbidden vendor that declared a cookie, whose write is dropped and remembered. */
function refusedOwner(name: string): boolean {
  const vendor = forbiddenOwner(name, forbiddenCookieVendors(config.vendors, isAllowed));
  if (vendor) refuse('cookie', name, { vendor: vendor.id, purposes: vendor.purposes });
  return !!vendor;
}

/**
 * `document.cookie` and `cookieStore.set` writes of a vendor's declared cookies are dropped while its purposes are
 * forbidden; deleting still works.
 */
export function interceptCookies(realm: Realm): void {
  wrapSetter(realm.Document.prototype, 'cookie', (_, value, nativeSet) => {
    const cookie = String(value);
    if (isDeletion(cookie) || !refusedOwner(cookieName(cookie))) nativeSet(value);
  });
  replaceMethod(realm.CookieStore?.prototype, 'set', (native, self, args) => {
    const name = typeof args[0] === 'string' ? args[0] : (args[0] as { name?: string } | undefined)?.name;
    return refusedOwner(String(name)) ? Promise.resolve() : native.apply(self, args);
  });
}
