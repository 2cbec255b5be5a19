import { cookieName, forbiddenCookieVendors, forbiddenOwner } from '../core/vendor-cookies.ts';
import { config } from './config.ts';
import { isAllowed } from './consent.ts';
import { refuse } from './guard.ts';
import { wrapSetter } from './patch.ts';

/**
 * Deleting writes the cookie empty with an expiry; the expiry's date is not checked, as an empty value carries
 * nothing a vendor could use whenever it expires.
 */
const isDeletion = (cookie: string) => /^[^=;]*=\s*;.*\b(max-age|expires)\s*=/i.test(cookie);

/** `document.cookie` writes of a vendor's declared cookies are dropped while its purposes are forbidden; deleting still works. */
export function interceptCookies(): void {
  wrapSetter(Document.prototype, 'cookie', (_, value, nativeSet) => {
    const cookie = String(value);
    const name = cookieName(cookie);
    const vendor = forbiddenOwner(name, forbiddenCookieVendors(config.vendors, isAllowed));
    if (vendor && !isDeletion(cookie)) refuse('cookie', name, { vendor: vendor.id, purposes: vendor.purposes });
    else nativeSet(value);
  });
}
