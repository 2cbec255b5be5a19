import { z } from 'zod';

/** What the collector tells about itself, to load balancers and to browsers that look for GPC support. */

/** `GET /healthz`: 200 with the database up, 503 with it down; both say which. */
export const Health = z.object({ ok: z.boolean(), database: z.enum(['up', 'down']) });
export type Health = z.infer<typeof Health>;

/** `GET /.well-known/gpc.json`, the GPC specification's support resource. */
export const GpcSupport = z.object({ gpc: z.boolean(), lastUpdate: z.iso.date() });
export type GpcSupport = z.infer<typeof GpcSupport>;

/** `GET /openapi.json`: this API as an OpenAPI 3.1 document, whose operations describe themselves. */
export const OpenApiDocument = z.object({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.object({ title: z.string(), version: z.string() }),
  components: z.record(z.string(), z.unknown()),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;
