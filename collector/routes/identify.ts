import { Hono } from 'hono';
import { z } from 'zod';
import { DeviceId, SiteId } from '../../shared/record.ts';
import { IdentifyAnswer } from '../../shared/status.ts';
import { findSite, type AppDeps } from '../deps.ts';
import { originMatchesSite, siteCors } from '../middleware/site-cors.ts';
import { limitBody, problem, readBody } from '../middleware/validate.ts';
import { verifyAccountToken } from '../services/account-token.ts';
import { linkDevice } from '../services/identity.ts';
import type { RouteGroup } from './openapi.ts';

export const IdentifyBody = z.strictObject({ site: SiteId, deviceId: DeviceId, token: z.string().min(1).max(4096) });

export const identifyApi: RouteGroup = {
  operations: [{ method: 'post', path: '/v1/identify', summary: 'Link a device to an account with a site-signed token (JSON or text/plain)', body: IdentifyBody, response: IdentifyAnswer }],
};

export function identifyRoutes({ db, config, clock }: AppDeps) {
  return new Hono()
    .use('/v1/identify', siteCors(config), limitBody(8 * 1024))
    .post('/v1/identify', async (c) => {
      const body = await readBody(c, IdentifyBody, { allowTextPlain: true });
      if (!body.ok) return body.response;
      const site = findSite(config, body.value.site);
      if (!site) return problem(c, 400, 'invalid body', [`site: no site "${body.value.site}" is configured`]);
      if (!originMatchesSite(c.req.header('origin'), site.origins)) {
        return problem(c, 403, `this origin may not link devices for site "${site.id}"`);
      }
      const now = clock();
      const token = verifyAccountToken(site, body.value.token, now);
      if (!token) return problem(c, 401, 'the token is not signed with this site\'s secret, or it has expired');
      const state = await linkDevice(db, config, site, { deviceId: body.value.deviceId, account: token.account, email: token.email, now });
      const { saleOptOut, sharingOptOut, limitSensitive, gpc, source, updatedAt } = state;
      return c.json({ account: token.account, choices: { saleOptOut, sharingOptOut, limitSensitive }, gpc, source, updatedAt: updatedAt.toISOString() } satisfies IdentifyAnswer);
    });
}
