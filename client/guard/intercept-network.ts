import { blockedTarget, refuse, type Guard } from './guard.ts';

const xhrUrls = new WeakMap<XMLHttpRequest, string>();

/**
 * fetch, XMLHttpRequest and sendBeacon to a forbidden vendor fail the way a network error does, at once: callers
 * see a TypeError, an `error` event or `false`, and nothing waits on a request that will never be made.
 */
export function interceptNetwork(guard: Guard, nativeFetch: typeof fetch): void {
  const blocked = (kind: 'fetch' | 'xhr' | 'beacon', url: string): boolean => {
    const target = blockedTarget(guard, url);
    if (target) refuse(guard, kind, url, target);
    return Boolean(target);
  };

  window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    const url = input instanceof Request ? input.url : String(input);
    return blocked('fetch', url) ? Promise.reject(new TypeError('Failed to fetch')) : nativeFetch.call(window, input, init);
  };

  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    xhrUrls.set(this, String(args[1]));
    return (open as (...a: unknown[]) => void).apply(this, args);
  };
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (!blocked('xhr', xhrUrls.get(this) ?? '')) return send.call(this, body);
    setTimeout(() => {
      for (const type of ['error', 'loadend']) this.dispatchEvent(new ProgressEvent(type));
    });
  };

  const sendBeacon = navigator.sendBeacon?.bind(navigator);
  if (sendBeacon) {
    navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => !blocked('beacon', String(url)) && sendBeacon(url, data);
  }
}
