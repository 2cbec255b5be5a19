import { signal } from '@preact/signals-core';
import type {
  AdminPreview, AdminPreviewBody, AdminRequestDetail, AdminSites, Metrics, NoticesPage, OptOutRate, QueuePage,
} from '../../shared/admin.ts';
import { createApi } from './api.ts';
import { legalYear } from './format.ts';
import { createLanguage } from './language.ts';
import { loadable, messageOf, type Loadable } from './loadable.ts';
import { createRouter, type QueueFilters, type Route } from './route.ts';
import { createSession } from './session.ts';

export type ActionKind = AdminPreviewBody['action'];

/** One action being decided: the body staff filled in, what the collector says the consumer would be told, the sending. */
export interface PendingAction {
  kind: ActionKind;
  body: AdminPreviewBody;
  preview: Loadable<AdminPreview>;
  sending: boolean;
  error: string | null;
}

/** The console's whole state and everything it asks the collector; views read it and call these. */
export function createConsole() {
  const session = createSession();
  const api = createApi(session);
  const router = createRouter();
  const language = createLanguage();
  const sites = loadable<AdminSites>();
  const queue = loadable<QueuePage>();
  const detail = loadable<AdminRequestDetail>();
  const action = signal<PendingAction | null>(null);
  /** The last thing done, said to screen readers by a live region and shown to everyone. */
  const announcement = signal('');
  const year = signal(legalYear());
  const metrics = loadable<Metrics>();
  const dueSoon = loadable<QueuePage>();
  const noticeState = signal<'pending' | 'dead'>('dead');
  const notices = loadable<NoticesPage>();
  const optOut = loadable<OptOutRate>();

  const queuePath = (filters: QueueFilters) => {
    const params = new URLSearchParams({ limit: '50' });
    for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
    return `/v1/admin/requests?${params}`;
  };

  function loadDashboard() {
    void metrics.load(() => api.get(`/v1/admin/metrics?year=${year.value}`));
    void dueSoon.load(() => api.get('/v1/admin/requests?status=open&dueWithinDays=7&limit=50'));
    void loadNotices();
    void optOut.load(() => api.get('/v1/admin/opt-out-rate?weeks=12'));
  }
  const loadNotices = () => notices.load(() => api.get(`/v1/admin/notices?status=${noticeState.value}&limit=50`));

  /** What a page needs when it is entered. */
  function enter(route: Route) {
    if (sites.value.peek().state !== 'ready') void sites.load(() => api.get('/v1/admin/sites'));
    if (route.page === 'queue') void queue.load(() => api.get(queuePath(route.filters)));
    if (route.page === 'request') {
      const shown = detail.value.peek();
      if (shown.state !== 'ready' || shown.data.id !== route.id) detail.reset();
      action.value = null;
      void detail.load(() => api.get(`/v1/admin/requests/${route.id}`));
    }
    if (route.page === 'dashboard') loadDashboard();
  }

  async function preview(id: string, body: AdminPreviewBody) {
    action.value = { kind: body.action, body, preview: { state: 'loading' }, sending: false, error: null };
    try {
      const answer = await api.post<AdminPreview>(`/v1/admin/requests/${id}/preview`, body);
      if (action.value?.body === body) action.value = { ...action.value, preview: { state: 'ready', data: answer } };
    } catch (error) {
      if (action.value?.body === body) action.value = { ...action.value, preview: { state: 'failed', message: messageOf(error) } };
    }
  }

  /** Takes the confirmed action with exactly the body that was previewed. */
  async function confirm(id: string, strings: { done: Record<ActionKind, string> }) {
    const pending = action.value;
    if (!pending || pending.sending) return;
    action.value = { ...pending, sending: true, error: null };
    const { action: kind, ...body } = pending.body;
    try {
      await api.post(`/v1/admin/requests/${id}/${kind}`, body);
      // Said once the page shows the request as it now stands.
      await detail.load(() => api.get(`/v1/admin/requests/${id}`));
      action.value = null;
      announcement.value = strings.done[kind];
    } catch (error) {
      action.value = { ...pending, sending: false, error: messageOf(error) };
    }
  }

  async function retryNotice(id: number, said: string) {
    try {
      await api.post(`/v1/admin/notices/${id}/retry`, {});
      announcement.value = said;
    } catch (error) {
      announcement.value = messageOf(error);
    }
    await loadNotices();
  }

  return {
    session, api, router, language, sites, queue, detail, action, announcement, year, metrics, dueSoon, noticeState, notices, optOut,
    enter, preview, confirm, retryNotice, loadNotices, loadDashboard,
    cancelAction: () => { action.value = null; },
    reloadDetail: (id: string) => detail.load(() => api.get(`/v1/admin/requests/${id}`)),
  };
}
export type ConsoleApp = ReturnType<typeof createConsole>;
