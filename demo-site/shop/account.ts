import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Db } from '../../collector/db/connect.ts';
import { signAccountToken } from '../../collector/services/account-token.ts';
import { accountPage, signInPage } from './account-pages.ts';
import { customerByEmail, customerById, ordersOf, type Customer } from './database/customers.ts';
import type { PageContext } from './pages.ts';
import { passwordMatches } from './passwords.ts';

const cookieName = 'shop_session';
const sessionHours = 8;
const SignIn = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

export interface AccountOptions { db: Db; context: PageContext; siteSecret: string }

/**
 * Signing in to the shop: a session in a signed, HttpOnly cookie, the account page with the customer's orders, and
 * an account token the privacy form hands to Cordon, so a signed-in customer's request is verified by the account.
 */
export function accounts(options: AccountOptions) {
  // A key per process: a restart signs everyone out, which a demo can live with.
  const cookieKey = randomBytes(32).toString('hex');

  const signedIn = async (c: Context): Promise<Customer | undefined> => {
    const session = await getSignedCookie(c, cookieKey, cookieName);
    const [id, expires] = typeof session === 'string' ? session.split(':').map(Number) : [];
    if (!id || !expires || expires < Date.now()) return undefined;
    return customerById(options.db, id);
  };

  const routes = new Hono()
    .get('/account/sign-in', (c) => c.html(signInPage(options.context)))
    .post('/account/sign-in', async (c) => {
      const form = SignIn.safeParse(await c.req.parseBody());
      if (!form.success) return c.html(signInPage(options.context, 'Give your email address and your password.'), 400);
      const customer = await customerByEmail(options.db, form.data.email);
      // The same answer and about the same work whether or not the address has an account.
      const matches = await passwordMatches(form.data.password, customer?.passwordHash ?? unknownAccountHash);
      if (!customer || !matches) return c.html(signInPage(options.context, 'That email address and password do not match an account.'), 401);
      const expires = Date.now() + sessionHours * 3_600_000;
      await setSignedCookie(c, cookieName, `${customer.id}:${expires}`, cookieKey, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: sessionHours * 3600 });
      return c.redirect('/account', 303);
    })
    .post('/account/sign-out', (c) => {
      deleteCookie(c, cookieName, { path: '/' });
      return c.redirect('/', 303);
    })
    .get('/account', async (c) => {
      const customer = await signedIn(c);
      if (!customer) return c.redirect('/account/sign-in', 303);
      return c.html(accountPage(options.context, customer, await ordersOf(options.db, customer.id)));
    })
    .get('/account/token', async (c) => {
      const customer = await signedIn(c);
      if (!customer) return c.json({ error: 'not signed in' }, 401);
      c.header('cache-control', 'no-store');
      const exp = Math.floor(Date.now() / 1000) + 600;
      return c.json({ token: signAccountToken(options.siteSecret, { account: String(customer.id), email: customer.email, exp }) });
    });

  return { routes, signedIn };
}

/** A well-formed hash no password matches, checked when the address has no account. */
const unknownAccountHash = `scrypt$${'0'.repeat(32)}$${'0'.repeat(64)}`;
