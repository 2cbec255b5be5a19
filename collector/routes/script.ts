import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { clientConfig } from '../../shared/client.ts';
import { SiteId } from '../../shared/record.ts';
import { heldFrameScript, uiLanguages, uiScript } from '../../shared/ui-languages.ts';
import { findSite, type AppDeps } from '../deps.ts';
import { problem } from '../middleware/validate.ts';
import type { RouteGroup } from './openapi.ts';

const distDir = new URL('../../dist/client/', import.meta.url);
/** The guard carries this placeholder (the minifier may pick any quote) where the site's configuration goes. */
const placeholder = /([`'"])__CORDON_CONFIG__\1/g;
const lateScripts = new Set([...uiLanguages.map(uiScript), 'apply.js', ...uiLanguages.map(heldFrameScript), 'sync.js', 'gpp.js']);

export const scriptApi: RouteGroup = {
  operations: [{
    method: 'get', path: '/s/:site/:file', params: { site: SiteId, file: z.enum(['cordon.js', ...lateScripts]) },
    summary: 'A site\'s browser script: cordon.js, the guard with the site\'s configuration inlined, for the page\'s head; or one it loads later', response: 'text/javascript',
  }],
};

interface Served {
  body: string;
  etag: string;
}

/**
 * `GET /s/:site/cordon.js`: the guard with the site's configuration inlined, so no decision waits on the network;
 * `GET /s/:site/{ui.<lang>,apply,held-frame.<lang>,sync,gpp}.js`: the scripts the guard loads later. Built by
 * `npm run build`, read once.
 */
export function scriptRoutes({ config }: AppDeps) {
  const cache = new Map<string, Promise<Served>>();
  const served = (key: string, make: () => Promise<string>) => {
    if (!cache.has(key)) cache.set(key, make().then((body) => ({ body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` })));
    return cache.get(key)!;
  };
  return new Hono().get('/s/:site/:file', async (c) => {
    const site = findSite(config, c.req.param('site'));
    if (!site) return problem(c, 404, `no site "${c.req.param('site')}" is configured`);
    const file = c.req.param('file');
    if (file !== 'cordon.js' && !lateScripts.has(file)) return problem(c, 404, `no script "${file}"; the site's script is cordon.js`);
    const script = file === 'cordon.js'
      ? served(`guard:${site.id}`, async () => inlineConfig(await readBuilt(file), JSON.stringify(clientConfig(site))))
      : served(file, () => readBuilt(file));
    try {
      return answer(c, await script, file === 'cordon.js' ? 300 : 3600);
    } catch (error) {
      cache.clear();
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return problem(c, 503, `the browser script is not built: run "npm run build" (missing dist/client/${file})`);
    }
  });
}

function readBuilt(file: string): Promise<string> {
  return readFile(new URL(file, distDir), 'utf8');
}

export function inlineConfig(guard: string, configJson: string): string {
  const places = guard.match(placeholder)?.length ?? 0;
  if (places !== 1) throw new Error(`the built guard has ${places} configuration placeholders, expected exactly one`);
  return guard.replace(placeholder, () => JSON.stringify(configJson));
}

function answer(c: Context, { body, etag }: Served, maxAge: number) {
  c.header('etag', etag);
  c.header('cache-control', `public, max-age=${maxAge}`);
  // Sites that isolate themselves (COEP) may still load it from the collector's origin.
  c.header('cross-origin-resource-policy', 'cross-origin');
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  c.header('content-type', 'text/javascript; charset=utf-8');
  return c.body(body);
}
