import type { HeldKind } from '../../shared/client.ts';
import { blockedTarget, refuse } from './guard.ts';
import { replaceMethod, wrapConstructor, wrapMethod } from './patch.ts';
import type { Realm } from './realm.ts';
import { readArgumentOnce } from './trusted-types.ts';

/**
 * fetch, fetchLater, XMLHttpRequest and sendBeacon to a forbidden vendor fail the way a network error does, at once: callers
 * see a TypeError, an `error` event or `false`, and nothing waits on a request that will never be made. Sockets (streams too),
 * event streams, WebTransport and worklet modules are refused as a Content Security Policy refuses them, with a
 * SecurityError.
 */
export function interceptNetwork(realm: Realm): void {
  // A Request's URL, read through its own getter: any other object (one with a `url` of its own) is a string to fetch.
  const requestUrl = Object.getOwnPropertyDescriptor(realm.Request.prototype, 'url')!.get!;
  const blocked = (kind: HeldKind, args: unknown[], index = 0): boolean => {
    let text: string;
    try {
      text = requestUrl.call(args[index]);
    } catch {
      text = readArgumentOnce(args, index);
    }
    const target = blockedTarget(text, [], realm.document.baseURI);
    if (target) refuse(kind, text, target);
    return !!target;
  };

  const failedFetch = () => Promise.reject(new TypeError('Failed to fetch'));
  replaceMethod(realm, 'fetch', (native, self, args) => (blocked('fetch', args) ? failedFetch() : native.apply(self, args)));
  // A cache fetches what it is given to keep.
  replaceMethod(realm.Cache?.prototype, 'add', (native, self, args) => (blocked('fetch', args) ? failedFetch() : native.apply(self, args)));
  replaceMethod(realm.Cache?.prototype, 'addAll', (native, self, args) => {
    const requests = [...(args[0] as Iterable<unknown>)];
    args[0] = requests;
    return requests.map((_, index) => blocked('fetch', requests, index)).includes(true) ? failedFetch() : native.apply(self, args);
  });
  // A deferred fetch is refused at once, as one to a bad URL is.
  replaceMethod(realm, 'fetchLater', (native, self, args) => {
    if (blocked('fetch', args)) throw new TypeError('Failed to fetch');
    return native.apply(self, args);
  });

  // The prototype's send, not the instance's: a library may call XMLHttpRequest.prototype.send on a request itself.
  const xhrUrls = new WeakMap<XMLHttpRequest, unknown>();
  const { prototype } = realm.XMLHttpRequest;
  wrapMethod(prototype, 'open', (args, xhr: XMLHttpRequest) => void xhrUrls.set(xhr, readArgumentOnce(args, 1)));
  replaceMethod(prototype, 'send', (native, xhr: XMLHttpRequest, args) => {
    if (!blocked('xhr', [xhrUrls.get(xhr)])) return native.apply(xhr, args);
    setTimeout(() => {
      for (const type of ['error', 'loadend']) xhr.dispatchEvent(new ProgressEvent(type));
    });
  });

  // The prototype's, which a tag can call on the navigator itself.
  replaceMethod(realm.Navigator.prototype, 'sendBeacon', (native, self, args) => !blocked('beacon', args) && native.apply(self, args));

  const securityError = (url: unknown) => new DOMException(`Cordon held ${url}`, 'SecurityError');
  // FedCM fetches an identity provider's config and well-known files, with its cookies, before the visitor sees anything.
  replaceMethod(realm.CredentialsContainer?.prototype, 'get', (native, self, args) => {
    const identity = readIdentityOnce(args);
    const provider = identity?.providers.find((provider) => blocked('fetch', [provider.configURL]));
    return provider ? Promise.reject(securityError(provider.configURL)) : native.apply(self, args);
  });
  // A payment method named by a URL has its manifest fetched from there as soon as the page asks what it can pay with.
  wrapConstructor(realm, 'PaymentRequest', (args) => {
    const methods = [...(args[0] as { supportedMethods: unknown }[])].map((method) => ({ __proto__: method, supportedMethods: String(method.supportedMethods) }));
    args[0] = methods;
    const held = methods.find(({ supportedMethods }) => blocked('fetch', [supportedMethods]));
    if (held) throw securityError(held.supportedMethods);
  });
  // A connection sends STUN and TURN requests, which tell its ICE servers the visitor's address, as soon as it
  // gathers candidates: it is given none of a held vendor's, and a refused server is not asked again later.
  const withoutHeldServers = (args: unknown[]) => {
    const configuration = args[0] as { iceServers?: Iterable<IceServer> } | undefined;
    if (!configuration?.iceServers) return;
    const iceServers = [...configuration.iceServers].map((server) => ({ __proto__: server, urls: iceUrlsOnce(server).filter((url) => !heldIceUrl(url)) }));
    args[0] = { __proto__: configuration, iceServers: iceServers.filter(({ urls }) => urls.length > 0) };
  };
  const heldIceUrl = (url: string) => {
    const target = blockedTarget(iceHostUrl(url));
    if (target) refuse('webrtc', url, target);
    return !!target;
  };
  for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection']) wrapConstructor(realm, name, withoutHeldServers);
  wrapMethod(realm.RTCPeerConnection?.prototype, 'setConfiguration', withoutHeldServers);
  for (const name of ['WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport'] as const) {
    wrapConstructor(realm, name, (args) => {
      if (blocked(name.toLowerCase() as HeldKind, args)) throw securityError(args[0]);
    });
  }
  replaceMethod(realm.Worklet?.prototype, 'addModule', (native, self, args) =>
    (blocked('worklet', args) ? Promise.reject(securityError(args[0])) : native.apply(self, args)));
}

interface IdentityOptions {
  identity?: { providers: { configURL: string }[] };
}

/**
 * The FedCM providers a call names, each configURL read once: the browser is given options whose identity and
 * providers are copies of the page's, carrying that string, and which read anything else from the page's own.
 */
function readIdentityOnce(args: unknown[]): IdentityOptions['identity'] {
  const options = args[0] as IdentityOptions | undefined;
  const identity = options?.identity;
  if (!identity?.providers) return undefined;
  const providers = [...identity.providers].map((provider) => ({ __proto__: provider, configURL: String(provider.configURL) }));
  const copy = { __proto__: identity, providers };
  args[0] = { __proto__: options, identity: copy };
  return copy;
}

interface IceServer {
  urls?: string | Iterable<string>;
  /** Deprecated, but still read when there is no `urls`. */
  url?: string;
}

/** A server's URLs, read once, as the browser reads them: `urls`, a string or a list, or else the old `url`. */
function iceUrlsOnce({ urls, url }: IceServer): string[] {
  const given = urls ?? url;
  return (typeof given === 'string' ? [given] : [...(given ?? [])]).map(String);
}

/**
 * `stun:host:port`, `turns:host?transport=tcp`: an ICE server's URL names its host as an http URL's would, which
 * the browser's URL parser reads (a STUN URL has no host it knows).
 */
const iceHostUrl = (url: string) => url.replace(/^[^:]*:(\/\/)?/, 'http://');
