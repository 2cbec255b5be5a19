import { Hono } from 'hono';
import { z } from 'zod';
import { OpenApiDocument } from '../../shared/service.ts';
import { adminApi } from './admin.ts';
import { consoleApi } from './console.ts';
import { gpcApi } from './gpc.ts';
import { healthApi } from './health.ts';
import { identifyApi } from './identify.ts';
import { noticeApi } from './notice.ts';
import { recordApi } from './records.ts';
import { requestApi } from './requests.ts';
import { scriptApi } from './script.ts';
import { statusApi } from './status.ts';

type MediaType = 'text/html' | 'text/javascript' | 'text/css' | 'text/csv' | 'application/zip';
/** The schema of a JSON answer, or the media type of any other. */
type Answer = z.ZodType | MediaType;

/** One route as the document tells it, declared beside its handler from the very schemas the handler validates with. */
export interface Operation {
  method: 'get' | 'post';
  /** As the router registers it (`:id`); the document writes `{id}`. */
  path: string;
  summary: string;
  /** A schema for each `:name` in the path. */
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  /** A JSON body. */
  body?: z.ZodType;
  /** The same route posted as an HTML form, by a page that runs no script. */
  form?: z.ZodType;
  /**
   * What it answers. A route with several media types (JSON, or CSV when asked; a script or a stylesheet) lists
   * them: at most one JSON schema, first, since the document keys each answer by its media type.
   */
  response?: Answer | readonly [Answer, ...MediaType[]];
  /** Answers 201 when it stored something new, 200 when all of it was stored before. */
  creates?: true;
}

/** What one router serves, and the API key its middleware asks for (an admin key, or any key). */
export interface RouteGroup {
  apiKey?: 'any' | 'admin';
  operations: Operation[];
}

const documentApi: RouteGroup = { operations: [{ method: 'get', path: '/openapi.json', summary: 'This document', response: OpenApiDocument }] };

/** Every router the app mounts; the integration test checks that the app registers nothing this leaves out. */
const routeGroups = [healthApi, gpcApi, recordApi, identifyApi, noticeApi, statusApi, documentApi, requestApi, scriptApi, adminApi, consoleApi];

const ErrorBody = z.object({ error: z.string(), issues: z.array(z.string()).optional() });

function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { apiKey, operations } of routeGroups) {
    for (const operation of operations) {
      const path = operation.path.replace(/:(\w+)/g, '{$1}');
      paths[path] = { ...paths[path], [operation.method]: describeOperation(operation, apiKey) };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Cordon collector', version: '1' },
    components: {
      // OpenAPI 3.1 lets a non-OAuth scheme list roles: "admin" marks the routes an ordinary key is refused (403).
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key made with `cordon keys create`; admin routes need an admin key' } },
    },
    paths,
  } satisfies OpenApiDocument;
}

function describeOperation(operation: Operation, apiKey: RouteGroup['apiKey']) {
  const parameters = [...pathParameters(operation), ...queryParameters(operation.query)];
  const answer = { description: 'OK', ...answerContent(operation.response) };
  return {
    summary: operation.summary,
    ...(apiKey ? { security: [{ apiKey: apiKey === 'admin' ? ['admin'] : [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body || operation.form ? { requestBody: requestBody(operation) } : {}),
    responses: {
      '200': answer,
      ...(operation.creates ? { '201': { ...answer, description: 'Stored something new' } } : {}),
      '4XX': { description: 'The request is wrong; `issues` names each bad field', content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } },
    },
  };
}

function requestBody({ body, form }: Operation) {
  return {
    required: true,
    content: {
      ...(body ? { 'application/json': { schema: jsonSchema(body, 'input') } } : {}),
      ...(form ? { 'application/x-www-form-urlencoded': { schema: jsonSchema(form, 'input') } } : {}),
    },
  };
}

function answerContent(response: Operation['response']) {
  if (response === undefined) return {};
  return { content: Object.fromEntries([response].flat().map(mediaContent)) };
}

function mediaContent(answer: Answer) {
  return typeof answer === 'string' ? [answer, {}] : ['application/json', { schema: jsonSchema(answer, 'output') }];
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

/** Fails at startup on a path parameter without a schema, rather than leaving it undescribed. */
function pathParameters({ path, params = {} }: Operation) {
  return [...path.matchAll(/:(\w+)/g)].map(([, name]) => {
    const schema = params[name!];
    if (!schema) throw new Error(`openapi: ${path} declares no schema for :${name}`);
    return { name, in: 'path', required: true, schema: jsonSchema(schema, 'input') };
  });
}

function queryParameters(query: z.ZodObject | undefined) {
  return Object.entries(query?.shape ?? {}).map(([name, field]) => ({
    name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, schema: jsonSchema(field as z.ZodType, 'input'),
  }));
}

export function openApiRoutes() {
  const document = openApiDocument();
  return new Hono().get('/openapi.json', (c) => c.json(document));
}
