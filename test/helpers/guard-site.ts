import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { parseConfig } from '../../collector/config/load.ts';
import { launchBrowser } from './browser.ts';
import { startCollector, type RunningCollector } from './collector.ts';
import { siteSecret } from './fixtures.ts';
import { startWebServer, type WebServer } from './web.ts';

export interface VendorHit {
  host: string;
  path: string;
  method: string;
}

export interface GuardSite {
  collector: RunningCollector;
  siteUrl: string;
  vendorPort: number;
  /**
   * Requests that reached the vendors' server, by host name without the port; a datagram (a STUN or TURN request
   * to the vendors' port) names no host, and is a hit of host `udp` and path `/stun`.
   */
  hits(): VendorHit[];
  hitsTo(...hosts: string[]): VendorHit[];
  /** Paths the site's own server was asked for: its pages, and what the browser prefetched of them. */
  sitePaths(): string[];
  resetHits(): void;
  close(): Promise<void>;
}

/**
 * A site on `localhost` (or `siteHost`, which the browser must resolve to loopback) embedding the collector's script, and one server answering for every vendor host under
 * `*.localhost` (Chromium resolves those to loopback), counting what actually arrives. Pages are HTML strings in
 * which `{{collector}}` and `{{vendor}}` stand for the collector's URL and the vendors' port.
 */
export interface GuardSiteOptions {
  regime?: 'opt-out' | 'opt-in';
  unknownThirdParty?: 'allow' | 'block';
  headers?: Record<string, string>;
  siteHost?: string;
  /** Vendors' answers may be cached, as a returning visitor has them (the bench); tests count every request instead. */
  cacheableVendors?: boolean;
}

export async function startGuardSite(pages: Record<string, string>, options: GuardSiteOptions = {}): Promise<GuardSite> {
  if (!existsSync(new URL('../../dist/client/cordon.js', import.meta.url))) throw new Error('the browser script is not built: run npm run build');
  const hits: VendorHit[] = [];
  const vendors = await startWebServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://vendor');
    const host = (request.headers.host ?? '').split(':')[0]!;
    hits.push({ host, path: url.pathname, method: request.method ?? 'GET' });
    response.setHeader('access-control-allow-origin', '*');
    if (options.cacheableVendors) response.setHeader('cache-control', 'max-age=3600');
    if (url.pathname.endsWith('.js')) {
      response.setHeader('content-type', 'text/javascript');
      response.end(vendorScript(host, url));
    } else if (url.pathname.endsWith('.html')) {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><title>${host}</title><p>${host}</p>`);
    } else {
      response.setHeader('content-type', 'text/plain');
      response.end('ok');
    }
  });
  const datagrams = await listenForDatagrams(vendors.port, () => hits.push({ host: 'udp', path: '/stun', method: 'STUN' }));
  const sitePaths: string[] = [];
  let siteServer: WebServer | undefined;
  let collector: RunningCollector | undefined;
  siteServer = await startWebServer((request: IncomingMessage, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    sitePaths.push(path);
    const page = pages[path];
    if (page === undefined || !collector) {
      response.statusCode = 404;
      response.end('no such page');
      return;
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) response.setHeader(name, fill(value, collector.url, vendors.port));
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(fill(page, collector.url, vendors.port));
  });
  const siteUrl = `http://${options.siteHost ?? 'localhost'}:${siteServer.port}`;
  const vendorHost = (name: string) => `${name}.localhost:${vendors.port}`;
  collector = await startCollector('pglite', {
    config: parseConfig({
      sites: [{
        id: 'demo', origins: [siteUrl], regime: options.regime ?? 'opt-out', secret: siteSecret,
        unknownThirdParty: options.unknownThirdParty ?? 'allow',
        vendors: [
          { id: 'analytics', name: 'Shop Analytics', hosts: [vendorHost('analytics')], purposes: ['analytics'] },
          { id: 'adpixel', name: 'Ad Pixel', hosts: [vendorHost('ads')], purposes: ['sharing'], cookies: ['_adp'] },
          { id: 'broker', name: 'Data Broker', hosts: [vendorHost('broker')], purposes: ['sale'], cookies: ['_dbk*'] },
          { id: 'quiz', name: 'Health Quiz', hosts: [vendorHost('quiz')], purposes: ['sensitive'] },
        ],
      }],
    }),
  });
  return {
    collector,
    siteUrl,
    vendorPort: vendors.port,
    hits: () => [...hits],
    hitsTo: (...hosts) => hits.filter((hit) => hosts.includes(hit.host)),
    sitePaths: () => [...sitePaths],
    resetHits: () => void hits.splice(0),
    async close() {
      await siteServer?.close();
      await vendors.close();
      for (const socket of datagrams) socket.close();
      await collector?.close();
    },
  };
}

/**
 * A Chromium (`launchBrowser`, with `browserArgs`) and a guard site (`startGuardSite`, with `pages` and `options`)
 * for the suite it is called in, or for the file when called at its top level: started before its tests, closed
 * after them; read them once the tests run.
 */
export function guardSiteInChromium(pages: Record<string, string>, options: GuardSiteOptions = {}, browserArgs: string[] = []): { browser: () => Browser; site: () => GuardSite } {
  let browser: Browser | undefined;
  let site: GuardSite | undefined;
  before(async () => {
    browser = await launchBrowser(browserArgs);
    site = await startGuardSite(pages, options);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  return { browser: () => browser!, site: () => site! };
}

/** Sockets on the vendors' port number, on both loopback addresses, as a WebRTC peer sends its ICE requests there. */
async function listenForDatagrams(port: number, arrived: () => void) {
  return Promise.all((['udp4', 'udp6'] as const).map((type) => new Promise<ReturnType<typeof createSocket>>((resolve) => {
    const socket = createSocket(type, arrived);
    socket.bind(port, type === 'udp4' ? '127.0.0.1' : '::1', () => resolve(socket));
  })));
}

function fill(text: string, collectorUrl: string, vendorPort: number): string {
  return text.replaceAll('{{collector}}', collectorUrl).replaceAll('{{vendor}}', String(vendorPort));
}

/**
 * What a vendor's tag does when it runs: notes itself on the page, and sets the cookie `?cookie=` names, the way
 * tags write first-party cookies.
 */
function vendorScript(host: string, url: URL): string {
  const cookie = url.searchParams.get('cookie');
  return `(window.__ran = window.__ran || []).push(${JSON.stringify(`${host}${url.pathname}`)});`
    + (cookie ? `document.cookie = ${JSON.stringify(`${cookie}=1; path=/`)};` : '');
}
