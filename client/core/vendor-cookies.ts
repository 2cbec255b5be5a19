import type { ClientConfig } from '../../shared/client.ts';

type Vendor = ClientConfig['vendors'][number];

/** The vendors that declare cookies while their purposes are not allowed. */
export const forbiddenCookieVendors = (vendors: Vendor[], isAllowed: (purposes: readonly string[]) => boolean) =>
  vendors.filter(({ cookies, purposes }) => cookies.length > 0 && !isAllowed(purposes));

/** The forbidden vendor that declared the cookie (`_ga*` matches every name it starts). */
export function forbiddenOwner(name: string, vendors: Vendor[]): Vendor | undefined {
  return vendors.find(({ cookies }) => cookies.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern)));
}

export const cookieName = (cookie: string) => cookie.split(/[=;]/)[0]!.trim();
