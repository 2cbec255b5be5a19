import type { HeldKind } from '../../shared/client.ts';
import { blockedTarget, refuse } from './guard.ts';
import { wrapMethod } from './patch.ts';

/**
 * fetch, XMLHttpRequest and sendBeacon to a forbidden vendor fail the way a network error does, at once: callers
 * see a TypeError, an `error` event or `false`, and nothing waits on a request that will never be made.
 */
export function interceptNetwork(): void {
  const blocked = (kind: HeldKind, url: unknown): boolean => {
    const text = String(url);
    const target = blockedTarget(text);
    if (target) refuse(kind, text, target);
    return !!target;
  };

  const nativeFetch = window.fetch;
  window.fetch = (input, init) =>
    blocked('fetch', (input as Request | undefined)?.url ?? input) ? Promise.reject(new TypeError('Failed to fetch')) : nativeFetch(input, init);

  // The prototype's send, not the instance's: a library may call XMLHttpRequest.prototype.send on a request itself.
  const xhrUrls = new WeakMap<XMLHttpRequest, unknown>();
  wrapMethod(XMLHttpRequest.prototype, 'open', (args, xhr: XMLHttpRequest) => xhrUrls.set(xhr, args[1]));
  const { send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
    if (!blocked('xhr', xhrUrls.get(this))) return send.call(this, body);
    setTimeout(() => {
      for (const type of ['error', 'loadend']) this.dispatchEvent(new ProgressEvent(type));
    });
  };

  const sendBeacon = navigator.sendBeacon?.bind(navigator);
  if (sendBeacon) navigator.sendBeacon = (url, data) => !blocked('beacon', url) && sendBeacon(url, data);
}
