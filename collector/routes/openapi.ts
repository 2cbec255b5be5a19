import { Hono } from 'hono';
import { z } from 'zod';
import { PreferenceRecord } from '../../shared/record.ts';
import { Status, StatusBatchBody, StatusQuery } from '../../shared/status.ts';
import { IdentifyBody } from './identify.ts';

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  apiKey?: 'any' | 'admin';
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
];

export function openApiDocument(list: Operation[] = operations) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of list) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      ...(op.apiKey ? { security: [{ apiKey: [] }] } : {}),
      ...(op.query ? { parameters: queryParameters(op.query) } : {}),
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

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, schema: jsonSchema(field as z.ZodType, 'input'),
  }));
}

export function openApiRoutes() {
  const document = openApiDocument();
  return new Hono().get('/openapi.json', (c) => c.json(document));
}
