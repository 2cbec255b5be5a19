import { Hono } from 'hono';
import { z } from 'zod';
import { SuppressionCheck, SuppressionList } from '../../shared/datamap.ts';
import { Email } from '../../shared/status.ts';
import { suppressedAmong, suppressionEntries } from '../datamap/suppression.ts';
import { findSite, type AppDeps } from '../deps.ts';
import type { ApiKeyEnv } from '../middleware/api-key.ts';
import { problem, readBody, readQuery } from '../middleware/validate.ts';
import type { Operation } from './openapi.ts';

const SuppressionQuery = z.strictObject({ site: z.string().min(1), format: z.enum(['json', 'csv']).default('json') });
const SuppressionCheckBody = z.strictObject({ site: z.string().min(1), emails: z.array(Email).min(1).max(10_000) });

export const suppressionOperations: Operation[] = [
  { method: 'get', path: '/v1/admin/suppression', query: SuppressionQuery, response: [SuppressionList, 'text/csv'], summary: 'The site\'s suppression list as keyed hashes (JSON, or CSV with format=csv)' },
  { method: 'post', path: '/v1/admin/suppression/check', body: SuppressionCheckBody, response: SuppressionCheck, summary: 'Which of these addresses must not be mailed' },
];

/**
 * The suppression list (mounted under the admin routes, so an admin key is needed): exported as keyed hashes, or
 * asked which addresses of a mailing list must not be mailed.
 */
export function suppressionRoutes({ db, config }: AppDeps) {
  return new Hono<ApiKeyEnv>()
    .get('/v1/admin/suppression', async (c) => {
      const query = readQuery(c, SuppressionQuery);
      if (!query.ok) return query.response;
      const site = findSite(config, query.value.site);
      if (!site) return problem(c, 400, 'invalid query', [`site: no site "${query.value.site}" is configured`]);
      const entries = await suppressionEntries(db, site);
      if (query.value.format === 'json') {
        const list = entries.map((entry) => ({ ...entry, addedAt: entry.addedAt.toISOString() }));
        return c.json({ site: site.id, hash: 'HMAC-SHA256 of the trimmed, lower-cased address', entries: list } satisfies SuppressionList);
      }
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', `attachment; filename="suppression-${site.id}.csv"`);
      return c.body(`email_hmac_sha256,reason,added_at\r\n${entries.map((entry) => `${entry.emailHash},${entry.reason},${entry.addedAt.toISOString()}\r\n`).join('')}`);
    })
    .post('/v1/admin/suppression/check', async (c) => {
      const body = await readBody(c, SuppressionCheckBody);
      if (!body.ok) return body.response;
      const site = findSite(config, body.value.site);
      if (!site) return problem(c, 400, 'invalid body', [`site: no site "${body.value.site}" is configured`]);
      return c.json({ suppressed: await suppressedAmong(db, site, body.value.emails) } satisfies SuppressionCheck);
    });
}
