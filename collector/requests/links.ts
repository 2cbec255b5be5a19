import type { CordonConfig, Site } from '../../shared/config.ts';
import type { Jurisdiction, RequestType } from '../../shared/requests.ts';
import { legalTimeZone } from '../../shared/legal-time-zone.ts';
import { statusSecret } from './secrets.ts';
import type { RequestRow } from './transitions.ts';

/**
 * Status links point at the configured public address; without one, at the address the call came in on, which is
 * right for a collector reached directly and wrong behind a proxy (set `requests.publicUrl` there).
 */
export function linkBase(config: CordonConfig, requestUrl: string): string {
  return (config.requests.publicUrl ?? new URL(requestUrl).origin).replace(/\/+$/, '');
}

export function statusUrl(base: string, site: Site, requestId: string, withSecret = true): string {
  const path = `${base}/v1/requests/${requestId}`;
  return withSecret ? `${path}?secret=${statusSecret(site, requestId)}` : path;
}

/** Dates in mail are the dates where the law counts them. */
export function timeZoneOf(config: CordonConfig, law: Jurisdiction | null): string {
  return law === 'gdpr' ? config.requests.gdprTimeZone : legalTimeZone;
}

/** What every mail about a request says of it; its link opens the status page in the mail's language. */
export function aboutRequest(
  config: CordonConfig, site: Site, base: string, row: Pick<RequestRow, 'id' | 'type' | 'receivedAt' | 'currentDueAt' | 'jurisdiction' | 'lang'>,
) {
  return {
    type: row.type as RequestType,
    receivedAt: row.receivedAt,
    dueAt: row.currentDueAt,
    statusUrl: `${statusUrl(base, site, row.id)}&lang=${row.lang}`,
    timeZone: timeZoneOf(config, row.jurisdiction as Jurisdiction | null),
    lang: row.lang,
  };
}
