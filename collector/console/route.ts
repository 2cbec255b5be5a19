import { signal } from '@preact/signals-core';

/** What the queue is narrowed to; each is passed to GET /v1/admin/requests as is, which validates it. */
export const queueFilterNames = ['status', 'type', 'jurisdiction', 'site', 'id', 'cursor'] as const;
export type QueueFilters = Partial<Record<(typeof queueFilterNames)[number], string>>;

export type Route =
  | { page: 'queue'; filters: QueueFilters }
  | { page: 'request'; id: string }
  | { page: 'dashboard' };

const requestId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Pages live in the fragment (#/queue?status=open, #/requests/ID, #/dashboard): the collector serves one page, back
 * and forward work, a link can be opened in a new tab, and nothing of it reaches a server log.
 */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const request = /^\/requests\/(.+)$/.exec(path);
  if (request && requestId.test(request[1]!)) return { page: 'request', id: request[1]! };
  if (path === '/dashboard') return { page: 'dashboard' };
  const params = new URLSearchParams(search);
  const filters: QueueFilters = {};
  for (const name of queueFilterNames) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return { page: 'queue', filters };
}

export function href(route: Route): string {
  if (route.page === 'request') return `#/requests/${route.id}`;
  if (route.page === 'dashboard') return '#/dashboard';
  const params = new URLSearchParams(Object.entries(route.filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const search = params.toString();
  return `#/queue${search ? `?${search}` : ''}`;
}

export function isRequestId(text: string): boolean {
  return requestId.test(text);
}

export function createRouter() {
  const route = signal<Route>(parseRoute(location.hash));
  addEventListener('hashchange', () => { route.value = parseRoute(location.hash); });
  return { route, go: (to: Route) => { location.hash = href(to); } };
}
export type Router = ReturnType<typeof createRouter>;
