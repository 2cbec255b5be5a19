import { config, script } from './config.ts';
import { isAllowed } from './consent.ts';
import { trusted } from './trusted-types.ts';

/**
 * `import()` is part of the language: no page script can wrap it. An import map can: a `null` entry makes every
 * module under a prefix fail to resolve, fetching nothing. The vendors held as the page starts get one for each of
 * their hosts (a `*.` pattern covers the bare domain only); an import map cannot be taken back, so a module
 * import of theirs stays refused on this page after an opt-in, and works from the next. A same-origin frame's
 * document gets one too, as its scripts import by the map of their own document.
 */
export function holdModules(realm: Window): void {
  const hosts = config.vendors.filter(({ purposes }) => !isAllowed(purposes)).flatMap((vendor) => vendor.hosts);
  const imports = Object.fromEntries(hosts.flatMap((host) => ['http', 'https'].map((scheme) => [`${scheme}://${host.replace(/^\*\./, '')}/`, null])));
  if (hosts.length === 0 || !HTMLScriptElement.supports?.('importmap')) return;
  const map = realm.document.createElement('script');
  map.type = 'importmap';
  map.nonce = script?.nonce ?? '';
  map.textContent = trusted('createScript', JSON.stringify({ imports }));
  // A frame's document may be between an open() and its first write, with no head yet.
  (realm.document.head ?? realm.document.documentElement)?.append(map);
}
