import type { Session } from './session.ts';

/** An answer other than 2xx, with the collector's sentence and the fields it named. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly issues: string[] = []) {
    super(issues.length > 0 ? `${message}: ${issues.join('; ')}` : message);
  }
}

/**
 * The console's only way to the collector: /v1/admin/* on this origin with the session's key. A 401 means the key
 * stopped working (revoked meanwhile), so the session ends and the sign-in page says why.
 */
export function createApi(session: Session) {
  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const key = session.key.value;
    if (!key) throw new ApiError(401, 'not signed in');
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) session.revoked();
    if (!response.ok) throw await errorOf(response);
    return response;
  }
  return {
    get: async <T>(path: string): Promise<T> => (await call('GET', path)).json() as Promise<T>,
    post: async <T>(path: string, body: unknown): Promise<T> => (await call('POST', path, body)).json() as Promise<T>,
    /** A file behind the key (a CSV, an attestation): fetched, then handed to the browser as a download. */
    async download(path: string, fallbackName: string): Promise<void> {
      const response = await call('GET', path);
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}
export type Api = ReturnType<typeof createApi>;

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = await response.json() as { error?: unknown; issues?: unknown };
    const issues = Array.isArray(body.issues) ? body.issues.filter((issue): issue is string => typeof issue === 'string') : [];
    return new ApiError(response.status, typeof body.error === 'string' ? body.error : `HTTP ${response.status}`, issues);
  } catch {
    return new ApiError(response.status, `HTTP ${response.status}`);
  }
}
