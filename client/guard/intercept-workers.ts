import { hostMatches } from './classify.ts';
import { config } from './config.ts';
import { isAllowed } from './consent.ts';
import { wrapConstructor } from './patch.ts';
import type { Realm } from './realm.ts';
import { readArgumentOnce, trusted } from './trusted-types.ts';

/**
 * Runs first in a worker the page built from a blob (how off-main-thread tag runners start), where no page script
 * reaches: the vendor hosts held as the worker starts are refused in it, as on the page. It is given as source
 * text, so it uses nothing from outside but its arguments.
 */
function workerGuard(matches: typeof hostMatches, hosts: string[]): void {
  const scope = self as any;
  const refuse = (url: unknown) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(String((url as Request | undefined)?.url ?? url), location.href);
    } catch {}
    if (parsed && /^(https?|wss?):$/.test(parsed.protocol) && hosts.some((host) => matches(host, parsed))) throw new DOMException(`Cordon held ${url}`, 'SecurityError');
  };
  const { fetch, importScripts } = scope;
  scope.fetch = (input: unknown, init: unknown) => {
    try {
      refuse(input);
    } catch {
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    return fetch(input, init);
  };
  if (importScripts) scope.importScripts = (...urls: unknown[]) => (urls.forEach(refuse), importScripts(...urls));
  for (const name of ['WebSocket', 'EventSource', 'WebTransport', 'Worker']) {
    if (scope[name]) scope[name] = new Proxy(scope[name], { construct: (target, args, newTarget) => (refuse(args[0]), Reflect.construct(target, args, newTarget)) });
  }
  const { open } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    refuse(args[1]);
    return (open as (...a: unknown[]) => void).apply(this, args);
  };
}

/**
 * A worker from a blob or data URL runs code the page assembled; it starts with the guard ahead of that code, read
 * from the URL at once (pages revoke a blob URL as soon as the worker is made). A data URL stays one, so the worker
 * keeps its opaque origin and gains no access to the site's. A worker script of the site's own is the site's code,
 * as its own scripts are.
 */
export function interceptWorkers(realm: Realm): void {
  for (const name of ['Worker', 'SharedWorker']) {
    wrapConstructor(realm, name, (args) => {
      const hosts = config.vendors.filter(({ purposes }) => !isAllowed(purposes)).flatMap((vendor) => vendor.hosts);
      const url = readArgumentOnce(args, 0);
      if (hosts.length === 0 || !/^(blob|data):/.test(url)) return;
      const source = new realm.XMLHttpRequest();
      source.open('GET', url, false);
      source.send();
      const guarded = `(${workerGuard})(${hostMatches},${JSON.stringify(hosts)});\n${source.responseText}`;
      args[0] = trusted('createScriptURL', url.startsWith('data:') ? `data:text/javascript,${encodeURIComponent(guarded)}`
        : URL.createObjectURL(new Blob([guarded], { type: 'text/javascript' })));
    });
  }
}
