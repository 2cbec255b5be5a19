import { Hono } from 'hono';
import { Notice } from '../../shared/notice.ts';
import { SiteId } from '../../shared/record.ts';
import { buildNotice } from '../datamap/notice.ts';
import { renderNoticeHtml } from '../datamap/notice-html.ts';
import { findSite, type AppDeps } from '../deps.ts';
import type { RouteGroup } from './openapi.ts';

/** A page of markup and one stylesheet in it: nothing else may load or run. */
const htmlPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const noticeApi: RouteGroup = {
  operations: [
    { method: 'get', path: '/v1/sites/:site/notice.json', params: { site: SiteId }, summary: 'The data section of the site\'s privacy notice', response: Notice },
    { method: 'get', path: '/v1/sites/:site/notice.html', params: { site: SiteId }, summary: 'The same notice as a page for people', response: 'text/html' },
  ],
};

/** The privacy notice's data section, public: notice.json for machines and notice.html for people, from one build. */
export function noticeRoutes({ config }: AppDeps) {
  const noticeOf = (siteId: string) => {
    const site = findSite(config, siteId);
    return site && buildNotice(config, site);
  };
  return new Hono()
    .get('/v1/sites/:site/notice.json', (c) => {
      const notice = noticeOf(c.req.param('site'));
      return notice ? c.json(notice) : c.json({ error: `no site "${c.req.param('site')}" is configured` }, 404);
    })
    .get('/v1/sites/:site/notice.html', (c) => {
      const notice = noticeOf(c.req.param('site'));
      if (!notice) return c.json({ error: `no site "${c.req.param('site')}" is configured` }, 404);
      c.header('content-security-policy', htmlPolicy);
      return c.html(renderNoticeHtml(notice));
    });
}
