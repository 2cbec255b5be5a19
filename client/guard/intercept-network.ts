import type { HeldKind } from '../../shared/client.ts';
import { blockedTarget, refuse } from './guard.ts';
import { wrapMethod } from './patch.ts';

/**
 * fetch, XMLHttpRequest and sendBeacon to a forbidden vendor fail the way a network error does, at once: callers
 * see a TypeError, an `error` event or `false`, and nothing waits on a request that will never be made.
 */
export function interceptNetwork(): void {
  const blocked = (kind: HeldKind, url: unknown): boolean => {
    const target = blockedTarget(String(url));
    if (target) refuse(kind, String(url), target);
    return !!target;
  };

  const nativeFetch = window.fetch;
  window.fetch = (input, init) =>
    blocked('fetch', (input as Request | undefined)?.url ?? input) ? Promise.reject(new TypeError('Failed to fetch')) : nativeFetch(input, init);

  // Decided as it is opened, which fixes the URL: a refused request's send fails, and opening it again for an
  // allowed URL gives it its own send back.
  wrapMethod(XMLHttpRequest.prototype, 'open', (args, xhr: XMLHttpRequest) => {
    if (!blocked('xhr', args[1])) return void delete (xhr as Partial<XMLHttpRequest>).send;
    xhr.send = () => setTimeout(() => {
      for (const type of ['error', 'loadend']) xhr.dispatchEvent(new ProgressEvent(type));
    });
  });

  const sendBeacon = navigator.sendBeacon?.bind(navigator);
  if (sendBeacon) navigator.sendBeacon = (url, data) => !blocked('beacon', url) && sendBeacon(url, data);
}
