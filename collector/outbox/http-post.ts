import http from 'node:http';
import https from 'node:https';

export interface PostAnswer { status: number; text: string }

/** Connections to partners are kept open between messages: a busy outbox sends thousands a second. */
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export class PostTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * One POST with node's http client rather than fetch, which builds web streams and a WebAssembly parser state
 * for every request and costs several times more CPU per message. Rejects on a network error or after
 * `timeoutMs` in all (PostTimeout).
 */
export function postText(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      agent: secure ? agents.https : agents.http,
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
    });
    const timer = setTimeout(() => request.destroy(new PostTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(body);
  });
}
