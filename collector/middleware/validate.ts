import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { describeIssues } from '../../shared/validation.ts';

/** Every error answer has one shape: a sentence, and for validation the path of each bad field. */
export function problem(c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503, error: string, issues?: string[]) {
  return c.json(issues ? { error, issues } : { error }, status);
}

export function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = (c: Context) => problem(c, 413, `the body is larger than ${maxSize} bytes`);
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  // A declared length is checked from the header alone (the HTTP parser delivers exactly that many bytes):
  // Hono's bodyLimit first builds the web Request, which under @hono/node-server costs more than the rest of a
  // small request.
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (Number(length) > maxSize) return tooLarge(c);
    await next();
  };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Reads a JSON body (or a text/plain one carrying JSON, which is what sendBeacon can send without a preflight)
 * and validates it; the failure answer names the field.
 */
export async function readBody<S extends z.ZodType>(
  c: Context, schema: S, options: { allowTextPlain?: boolean } = {},
): Promise<Parsed<z.infer<S>>> {
  const raw = await readJson(c, options);
  return raw.ok ? validate(c, schema, raw.value) : raw;
}

export async function readJson(c: Context, options: { allowTextPlain?: boolean } = {}): Promise<Parsed<unknown>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const accepted = type === 'application/json' || (options.allowTextPlain && type === 'text/plain');
  if (!accepted) {
    const expected = options.allowTextPlain ? 'application/json or text/plain' : 'application/json';
    return { ok: false, response: problem(c, 415, `content-type must be ${expected}`) };
  }
  try {
    return { ok: true, value: JSON.parse(await c.req.text()) };
  } catch {
    return { ok: false, response: problem(c, 400, 'the body is not valid JSON') };
  }
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): Parsed<z.infer<S>> {
  return validate(c, schema, c.req.query(), 'invalid query');
}

export function validate<S extends z.ZodType>(c: Context, schema: S, raw: unknown, error = 'invalid body'): Parsed<z.infer<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: problem(c, 400, error, describeIssues(result.error)) };
}
