import { Hono } from 'hono';
import { NoticeId, NoticesPage, NoticesQuery, OutboxNotice } from '../../shared/admin.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiKeyEnv } from '../middleware/api-key.ts';
import { problem, readQuery } from '../middleware/validate.ts';
import { listDeliveries, retryDelivery } from '../outbox/deliveries.ts';
import type { Operation } from './openapi.ts';

export const deliveryOperations: Operation[] = [
  { method: 'get', path: '/v1/admin/notices', summary: 'Partner notices waiting or dead-lettered, newest first, with counts', query: NoticesQuery, response: NoticesPage },
  {
    method: 'post', path: '/v1/admin/notices/:id/retry', params: { id: NoticeId }, response: OutboxNotice,
    summary: 'Send a waiting or dead-lettered notice again now (one more attempt)',
  },
];

/**
 * Partner notices still waiting or dead-lettered, and a retry for one (mounted under the admin routes, so an admin
 * key is needed): what staff watch so that every notice reaches its partner within its deadline.
 */
export function deliveryRoutes({ db, clock }: AppDeps) {
  return new Hono<ApiKeyEnv>()
    .get('/v1/admin/notices', async (c) => {
      const query = readQuery(c, NoticesQuery);
      if (!query.ok) return query.response;
      return c.json(await listDeliveries(db, query.value));
    })
    .post('/v1/admin/notices/:id/retry', async (c) => {
      const id = NoticeId.safeParse(c.req.param('id'));
      if (!id.success) return problem(c, 400, 'invalid path', ['id: a notice id is a positive integer']);
      const retried = await retryDelivery(db, id.data, `key:${c.get('apiKey').id}`, clock());
      return retried ? c.json(retried) : problem(c, 409, `notice ${id.data} is not pending or dead-lettered (or does not exist)`);
    });
}
