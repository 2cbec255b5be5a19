import { hostMatches, ownHosts } from './classify.ts';
import { config } from './config.ts';
import { isAllowed } from './consent.ts';
import { wrapConstructor } from './patch.ts';
import type { Realm } from './realm.ts';
import { readArgumentOnce, trusted } from './trusted-types.ts';

/**
 * Runs first in a worker the page built from a blob (how off-main-thread tag runners start), where no page script
 * reaches: the vendor hosts held as the worker starts are refused in it, as on the page, and, where the site blocks
 * hosts no vendor names, every host but those `open` (its own and the allowed vendors'). It is given as source text,
 * so it uses nothing from outside but its arguments.
 */
function workerGuard(matches: typeof hostMatches, hosts: string[], open: string[] | false, guardedUrl: typeof guardedWorkerUrl): void {
  const scope = self as any;
  const refuse = (url: unknown) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(String((url as Request | undefined)?.url ?? url), location.href);
    } catch {}
    const reaches = (list: string[]) => list.some((host) => matches(host, parsed!));
    if (parsed && /^(https?|wss?):$/.test(parsed.protocol) && (reaches(hosts) || (open && !reaches(open)))) throw new DOMException(`Cordon held ${url}`, 'SecurityError');
  };
  type Native = (this: unknown, ...args: unknown[]) => unknown;
  // Where the browser defines it (fetch on WorkerGlobalScope.prototype): a worker's own property would leave the
  // native one behind it, for `delete self.fetch` to reveal.
  const replace = (object: any, name: string, around: (native: Native, self: unknown, args: any[]) => unknown) => {
    while (object && !Object.hasOwn(object, name)) object = Object.getPrototypeOf(object);
    const native = object?.[name];
    if (native) object[name] = function (this: unknown, ...args: unknown[]) { return around(native, this, args); };
  };
  const fetching = (native: Native, self: unknown, args: unknown[], urls: unknown[]) => {
    try {
      urls.forEach(refuse);
    } catch {
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    return native.apply(self, args);
  };
  replace(scope, 'fetch', (native, self, args) => fetching(native, self, args, args.slice(0, 1)));
  // A cache fetches what it is given to keep.
  replace(scope.Cache?.prototype, 'add', (native, self, args) => fetching(native, self, args, args.slice(0, 1)));
  replace(scope.Cache?.prototype, 'addAll', (native, self, args) => fetching(native, self, args, (args[0] = [...args[0]])));
  replace(scope, 'importScripts', (native, self, urls) => (urls.forEach(refuse), native.apply(self, urls)));
  // A worker this one makes from a blob or data URL starts with this guard too.
  const guard = `(${workerGuard})(${matches},${JSON.stringify(hosts)},${JSON.stringify(open)},${guardedUrl});`;
  const wrap = (name: string, check: (args: any[]) => void) => {
    const native = scope[name];
    if (native) {
      scope[name] = native.prototype.constructor = new Proxy(native, {
        construct: (target, args, newTarget) => (check(args), Reflect.construct(target, args, newTarget)),
      });
    }
  };
  for (const name of ['WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'Worker']) {
    wrap(name, (args) => {
      // Read once, as the browser reads it: an object cannot show the guard one URL and the browser another.
      if (args.length > 0 && !scope.trustedTypes?.isScriptURL(args[0])) args[0] = String(args[0]);
      refuse(args[0]);
      if (name === 'Worker' && /^(blob|data):/.test(args[0])) args[0] = guardedUrl(args[0], guard);
    });
  }
  // A font face fetches what its CSS source names; a source with an escape is held whole, as this guard has no CSS
  // parser to decode it with.
  wrap('FontFace', (args) => {
    if (ArrayBuffer.isView(args[1]) || args[1] instanceof ArrayBuffer) return;
    const css = (args[1] = String(args[1]));
    try {
      if (css.includes('\\')) throw css;
      for (const [, url] of css.matchAll(/(?:url\(\s*|["'])([^"'()\s]+)/gi)) refuse(url);
    } catch {
      args[1] = 'local(cordon-held)';
    }
  });
  const { open: nativeOpen } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    refuse(args[1]);
    return (nativeOpen as (...a: unknown[]) => void).apply(this, args);
  };
}

/**
 * A worker from a blob or data URL runs code the page assembled; it starts with the guard ahead of that code. A data
 * URL stays one, so the worker keeps its opaque origin and gains no access to the site's. A worker script of the
 * site's own is the site's code, as its own scripts are.
 */
export function interceptWorkers(realm: Realm): void {
  for (const name of ['Worker', 'SharedWorker']) {
    wrapConstructor(realm, name, (args) => {
      const hostsOf = (allowed: boolean) => config.vendors.filter(({ purposes }) => isAllowed(purposes) === allowed).flatMap((vendor) => vendor.hosts);
      const hosts = hostsOf(false);
      const open = config.unknownThirdParty === 'block' && [...ownHosts, ...hostsOf(true)];
      const url = readArgumentOnce(args, 0);
      if ((hosts.length === 0 && !open) || !/^(blob|data):/.test(url)) return;
      const guard = `(${workerGuard})(${hostMatches},${JSON.stringify(hosts)},${JSON.stringify(open)},${guardedWorkerUrl});`;
      args[0] = trusted('createScriptURL', guardedWorkerUrl(url, guard, realm.XMLHttpRequest));
    });
  }
}

/**
 * A worker script from a blob or data URL, with the guard ahead of its text; a blob URL is read at once (pages revoke
 * one as soon as the worker is made). Self-contained, as workers get its source.
 */
function guardedWorkerUrl(url: string, guard: string, Request = XMLHttpRequest): string {
  const source = new Request();
  source.open('GET', url, false);
  source.send();
  const guarded = `${guard}\n${source.responseText}`;
  return url.startsWith('data:') ? `data:text/javascript,${encodeURIComponent(guarded)}` : URL.createObjectURL(new Blob([guarded], { type: 'text/javascript' }));
}
