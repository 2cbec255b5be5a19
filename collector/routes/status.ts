import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Site } from '../../shared/config.ts';
import { Status, StatusBatchAnswer, StatusBatchBody, StatusQuery, subjectOfQuery, type Subject } from '../../shared/status.ts';
import { findSite, type AppDeps } from '../deps.ts';
import { requireApiKey, type ApiKeyEnv } from '../middleware/api-key.ts';
import { limitBody, problem, readBody, readQuery } from '../middleware/validate.ts';
import { createBatcher } from '../services/batcher.ts';
import { lookupStatusesJson } from '../services/status.ts';
import type { RouteGroup } from './openapi.ts';

/** 10,000 subjects of up to ~330 bytes each. */
const maxBatchBodyBytes = 4 * 1024 * 1024;
/**
 * Batches of single lookups in flight per site. Two keep the database busy while the next batch gathers; more only split the
 * same requests into smaller batches, and each batch costs a round trip on both sides (measured on 2 cores: 8 in
 * flight gave batches of ~10 and more CPU per lookup, 2 gave ~14 and the best throughput and p99).
 */
const lookupsInFlight = 2;

export const statusApi: RouteGroup = {
  apiKey: 'any',
  operations: [
    { method: 'get', path: '/v1/status', summary: 'Opt-out status of one subject: exactly one of account, device or email', query: StatusQuery, response: Status },
    { method: 'post', path: '/v1/status/batch', summary: 'Opt-out status of up to 10,000 subjects, in order', body: StatusBatchBody, response: StatusBatchAnswer },
  ],
};

export function statusRoutes(deps: AppDeps) {
  const lookupOne = new Map(deps.config.sites.map((site) => [
    site.id, createBatcher<Subject, string>((subjects) => lookupStatusesJson(deps.db, site, subjects), { maxBatch: 1_000, maxInFlight: lookupsInFlight }),
  ]));

  return new Hono<ApiKeyEnv>()
    // Exact paths: a wildcard would also match /v1/status and run the body limit there, which makes the Node
    // adapter build a full Request for every GET.
    .use('/v1/status', requireApiKey(deps, { admin: false }))
    .use('/v1/status/batch', requireApiKey(deps, { admin: false }), limitBody(maxBatchBodyBytes))
    .get('/v1/status', async (c) => {
      const query = readQuery(c, StatusQuery);
      if (!query.ok) return query.response;
      const site = resolveSite(c, deps, query.value.site);
      if (site instanceof Response) return site;
      return jsonText(c, await lookupOne.get(site.id)!(subjectOfQuery(query.value)));
    })
    .post('/v1/status/batch', async (c) => {
      const body = await readBody(c, StatusBatchBody);
      if (!body.ok) return body.response;
      const site = resolveSite(c, deps, body.value.site);
      if (site instanceof Response) return site;
      const statuses = await lookupStatusesJson(deps.db, site, body.value.subjects);
      return jsonText(c, `{"statuses":[${statuses.join(',')}]}`);
    });
}

/** Answers JSON the lookup already wrote, as `c.json` would answer the object. */
function jsonText(c: Context, json: string): Response {
  return c.body(json, 200, { 'content-type': 'application/json' });
}

/** The site may be left out when the collector serves only one. */
function resolveSite(c: Context, { config }: AppDeps, id: string | undefined): Site | Response {
  if (id === undefined) {
    if (config.sites.length === 1) return config.sites[0]!;
    return problem(c, 400, 'invalid query', ['site: this collector serves several sites; name one']);
  }
  return findSite(config, id) ?? problem(c, 400, 'invalid query', [`site: no site "${id}" is configured`]);
}
