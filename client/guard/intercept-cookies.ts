import { cookieName, forbiddenCookieVendors, forbiddenOwner } from '../core/vendor-cookies.ts';
import { config } from './config.ts';
import { isAllowed } from './consent.ts';
import { refuse } from './guard.ts';
import { wrapSetter } from './patch.ts';

/** Whether some vendor's declared cookies are forbidden now, so that those already set must go. */
export const cookiesToClear = () => forbiddenCookieVendors(config.vendors, isAllowed).length > 0;

function isDeletion(cookie: string): boolean {
  const expires = /;\s*expires\s*=([^;]*)/i.exec(cookie);
  return /;\s*max-age\s*=\s*(0|-)/i.test(cookie) || (!!expires && Date.parse(expires[1]!) <= Date.now());
}

/** `document.cookie` writes of a vendor's declared cookies are dropped while its purposes are forbidden; deleting still works. */
export function interceptCookies(): void {
  wrapSetter(Document.prototype, 'cookie', (_, value, nativeSet) => {
    const cookie = String(value);
    const vendor = forbiddenOwner(cookieName(cookie), forbiddenCookieVendors(config.vendors, isAllowed));
    if (vendor && !isDeletion(cookie)) refuse('cookie', cookieName(cookie), { vendor: vendor.id, purposes: vendor.purposes });
    else nativeSet(value);
  });
}
