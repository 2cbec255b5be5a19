import { Hono } from 'hono';
import { z } from 'zod';
import {
  AdminPreview, AdminPreviewBody, AdminRequestDetail, AdminSites, NoticeId, NoticesPage, NoticesQuery, OptOutRate, OptOutRateQuery, OutboxNotice,
  QueuePage, RequestId,
} from '../../shared/admin.ts';
import { PreferenceRecord } from '../../shared/record.ts';
import { QueueQuery } from '../../shared/requests.ts';
import { Status, StatusBatchBody, StatusQuery } from '../../shared/status.ts';
import { IdentifyBody } from './identify.ts';

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  apiKey?: 'any' | 'admin';
  /** The `{name}` parts of the path. */
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
}

const ErrorBody = z.object({ error: z.string(), issues: z.array(z.string()).optional() });

/** The public routes, described from the same zod schemas that validate them, so the document cannot drift. */
export const operations: Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness and database reachability' },
  { method: 'get', path: '/.well-known/gpc.json', summary: 'Global Privacy Control support resource' },
  { method: 'post', path: '/v1/records', summary: 'Store preference records (idempotent by id; JSON or text/plain)', body: z.union([PreferenceRecord, z.array(PreferenceRecord)]) },
  { method: 'post', path: '/v1/identify', summary: 'Link a device to an account with a site-signed token', body: IdentifyBody },
  { method: 'get', path: '/v1/status', summary: 'Opt-out status of one subject', apiKey: 'any', query: StatusQuery, response: Status },
  { method: 'post', path: '/v1/status/batch', summary: 'Opt-out status of up to 10,000 subjects, in order', apiKey: 'any', body: StatusBatchBody, response: z.object({ statuses: z.array(Status) }) },
  // What the privacy-ops console at /console reads and does.
  { method: 'get', path: '/v1/admin/requests', summary: 'The request queue, nearest deadline first, with the deadline clock; filtered, cursor-paged', apiKey: 'admin', query: QueueQuery, response: QueuePage },
  { method: 'get', path: '/v1/admin/requests/{id}', params: { id: RequestId }, summary: 'One request: deadlines, evidence, contact while open, history, per-store results and partner notices', apiKey: 'admin', response: AdminRequestDetail },
  { method: 'post', path: '/v1/admin/requests/{id}/preview', params: { id: RequestId }, summary: 'What an action would tell the consumer (the mail) and where the request would stand; changes nothing', apiKey: 'admin', body: AdminPreviewBody, response: AdminPreview },
  { method: 'get', path: '/v1/admin/notices', summary: 'Partner notices waiting or dead-lettered, newest first, with counts', apiKey: 'admin', query: NoticesQuery, response: NoticesPage },
  { method: 'post', path: '/v1/admin/notices/{id}/retry', params: { id: NoticeId }, summary: 'Send a waiting or dead-lettered notice again now (one more attempt)', apiKey: 'admin', response: OutboxNotice },
  { method: 'get', path: '/v1/admin/opt-out-rate', summary: 'Per site and week, browsers that chose and how many ended the week opted out', apiKey: 'admin', query: OptOutRateQuery, response: OptOutRate },
  { method: 'get', path: '/v1/admin/sites', summary: 'The configured sites', apiKey: 'admin', response: AdminSites },
  { method: 'get', path: '/console', summary: 'The privacy-ops console (HTML; sign in with an admin API key)' },
];

export function openApiDocument(list: Operation[] = operations) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of list) {
    paths[op.path] ??= {};
    const parameters = [...pathParameters(op.params), ...(op.query ? queryParameters(op.query) : [])];
    paths[op.path]![op.method] = {
      summary: op.summary,
      ...(op.apiKey ? { security: [{ apiKey: [] }] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      responses: {
        '200': { description: 'OK', ...(op.response ? { content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } } : {}) },
        '4XX': { description: 'The request is wrong; `issues` names each bad field', content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Cordon collector', version: '1' },
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

function pathParameters(params: Record<string, z.ZodType> = {}) {
  return Object.entries(params).map(([name, schema]) => ({ name, in: 'path', required: true, schema: jsonSchema(schema, 'input') }));
}

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, schema: jsonSchema(field as z.ZodType, 'input'),
  }));
}

export function openApiRoutes() {
  const document = openApiDocument();
  return new Hono().get('/openapi.json', (c) => c.json(document));
}
