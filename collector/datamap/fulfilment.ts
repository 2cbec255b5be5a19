import type { CordonConfig, Site } from '../../shared/config.ts';
import type { Disclosure } from '../../shared/disclosure.ts';
import type { RequestType } from '../../shared/requests.ts';
import type { Db, Tx } from '../db/connect.ts';
import { describeDatabaseError as failed } from '../db/errors.ts';
import { findSite } from '../deps.ts';
import {
  earlierStoreResults, type Fulfilment, type FulfilmentOutcome, type FulfilmentRequest,
} from '../requests/fulfilment.ts';
import { correctInStore, type StoreCorrection } from './correct.ts';
import { cordonData, devicesOf } from './cordon-data.ts';
import { disclose } from './disclose.ts';
import { eraseFromStore, type StoreErasure } from './erase.ts';
import { matchingPoints, resolveIdentity } from './identity.ts';
import { journalDeletion } from './journal.ts';
import { cancelPendingAbout, enqueueRequestNotices, partnerSubject } from './notices.ts';
import type { OpenStore, OpenStores } from './stores.ts';
import { suppress } from './suppression.ts';
import type { Identity, Window } from './traversal.ts';

const knowTypes: readonly RequestType[] = ['know-categories', 'know-specific', 'access', 'portability'];
const deleteTypes: readonly RequestType[] = ['delete', 'erasure'];
const correctTypes: readonly RequestType[] = ['correct', 'rectification'];

/** Since when a know request looks: 12 months back, or 2022-01-01 when the consumer asked for everything (§7024). */
export function knowWindow(request: FulfilmentRequest, now: Date): Window {
  if (request.contact?.window === 'since-2022') return { from: new Date('2022-01-01T00:00:00Z') };
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  return { from };
}

interface Run { request: FulfilmentRequest; site: Site; tx: Tx; now: Date; dbOf: (open: OpenStore) => Db | Tx }

/** Know, delete and correct requests carried out across every store of the data map. */
export function dataMapFulfilment(config: CordonConfig, stores: OpenStores): Fulfilment {
  return {
    async matchDataPoints(request, points) {
      if (!request.contact || stores.list.length === 0) return [];
      return matchingPoints(stores.list, request.contact.email, points, (open) => open.db);
    },

    async fulfil(request, { tx, now }) {
      const site = findSite(config, request.site);
      if (!site || !request.contact || stores.list.length === 0) return undefined;
      const run: Run = { request, site, tx, now, dbOf: (open) => (open.shared ? tx : open.db) };
      if (knowTypes.includes(request.type)) return answerKnow(run, config, stores);
      if (deleteTypes.includes(request.type)) return carryOutDelete(run, config, stores);
      if (correctTypes.includes(request.type)) return carryOutCorrection(run, config, stores);
      return undefined;
    },
  };
}

async function identify(run: Run, stores: OpenStores): Promise<Identity> {
  return resolveIdentity(stores.list, run.request.contact!.email.trim().toLowerCase(), run.dbOf);
}

async function answerKnow(run: Run, config: CordonConfig, stores: OpenStores): Promise<FulfilmentOutcome> {
  const who = await identify(run, stores);
  const specific = run.request.type !== 'know-categories';
  const disclosure: Disclosure = {
    ...await disclose({
      config, site: run.site, stores: stores.list, dbOf: run.dbOf, who, window: knowWindow(run.request, run.now), specific, now: run.now,
      cordon: await cordonData(run.tx, run.request, who.accounts),
    }),
    ...(specific ? { download: `/v1/requests/${run.request.id}/export.zip` } : {}),
  };
  const rows = disclosure.tables.reduce((sum, part) => sum + part.rows, 0);
  const summary = rows === 0
    ? 'We searched every data store we keep and found no personal information about you beyond your privacy preferences.'
    : `We found ${rows} record${rows === 1 ? '' : 's'} about you in ${disclosure.tables.length} table${disclosure.tables.length === 1 ? '' : 's'}`
      + ` (${disclosure.categories.map((entry) => entry.category).join(', ')}).${specific ? ' The full copy is in the download.' : ''}`;
  const stored = disclosure.tables.map((part) => ({ store: part.store, table: part.table, rows: part.rows, withheld: part.withheld.map((entry) => entry.kind) }));
  return { kind: 'complete', result: { outcome: 'complied', summary, data: disclosure }, stores: stored };
}

type StoreResult = StoreErasure | StoreCorrection | { store: string; status: 'failed'; error: string };

/** Runs `work` on each store not done by an earlier run; a failing store is reported, the others still run. */
async function eachStore<R extends { store: string }>(
  run: Run, stores: OpenStores, work: (open: OpenStore) => Promise<R>,
): Promise<{ results: (R | StoreResult)[]; errors: string[] }> {
  const earlier = (await earlierStoreResults(run.tx, run.request.id)) as StoreResult[];
  const done = new Map(earlier.filter((entry) => entry.status === 'done').map((entry) => [entry.store, entry]));
  const results: (R | StoreResult)[] = [];
  const errors: string[] = [];
  for (const open of stores.list) {
    const previous = done.get(open.store.id);
    if (previous) {
      results.push(previous);
      continue;
    }
    try {
      results.push(await work(open));
    } catch (error) {
      errors.push(`${open.store.id}: ${failed(error)}`);
      results.push({ store: open.store.id, status: 'failed', error: failed(error) });
    }
  }
  return { results, errors };
}

async function carryOutDelete(run: Run, config: CordonConfig, stores: OpenStores): Promise<FulfilmentOutcome> {
  const who = await identify(run, stores);
  const devices = await devicesOf(run.tx, run.site.id, who.accounts, run.request.emailHash);
  const { results, errors } = await eachStore(run, stores, (open) => eraseFromStore(run.site, open, run.dbOf(open), who, run.now));
  if (errors.length > 0) return { kind: 'retry', error: errors.join('; '), stores: results };
  const erased = results as StoreErasure[];
  await journalDeletion(run.tx, run.site, run.request.id, who, erased.map((entry) => entry.store), run.now);
  await suppress(run.tx, run.site, who.email, 'deletion', run.now);
  const cancelled = await cancelPendingAbout(run.tx, run.site.id, { accounts: who.accounts, devices, emailHash: run.request.emailHash });
  const told = await enqueueRequestNotices(run.tx, config, 'delete', run.request, run.now, { subject: partnerSubject(who) });
  return { kind: 'complete', result: { outcome: 'complied', summary: deletionSummary(erased, told) }, stores: [...erased, { notices: told, cancelled }] };
}

function deletionSummary(erased: StoreErasure[], told: string[]): string {
  const tables = erased.flatMap((entry) => entry.tables);
  const removed = tables.filter((entry) => entry.action !== 'retained' && entry.rows > 0);
  const kept = tables.filter((entry) => entry.action === 'retained' && entry.rows > 0);
  const parts = [
    removed.length === 0 ? 'We found no personal information about you to delete.'
      : `We deleted or de-identified your information in ${removed.map((entry) => entry.table.replace(/_/g, ' ')).join(', ')}.`,
    ...kept.map((entry) => `We keep ${entry.rows} ${entry.table.replace(/_/g, ' ')} record${entry.rows === 1 ? '' : 's'} for ${entry.retained!.basis} until ${entry.retained!.until}`
      + `${entry.columns && entry.columns.length > 0 ? ', with the fields that identify you removed' : ''}, as the law requires.`),
    told.length > 0 ? `We told ${told.length} service provider${told.length === 1 ? '' : 's'} to delete it too.` : '',
    'Your opt-out choices are kept so that they keep being honoured.',
  ];
  return parts.filter(Boolean).join(' ');
}

async function carryOutCorrection(run: Run, config: CordonConfig, stores: OpenStores): Promise<FulfilmentOutcome | undefined> {
  const details = run.request.contact!.details;
  const fields = typeof details === 'object' && details && 'fields' in details ? details.fields : undefined;
  if (!fields || Object.keys(fields).length === 0) return undefined;
  const who = await identify(run, stores);
  const { results, errors } = await eachStore(run, stores, (open) => correctInStore(open, run.dbOf(open), who, fields));
  if (errors.length > 0) return { kind: 'retry', error: errors.join('; '), stores: results };
  const corrected = results as StoreCorrection[];
  const told = await enqueueRequestNotices(run.tx, config, 'correct', run.request, run.now, { subject: partnerSubject(who), fields });
  const tables = corrected.flatMap((entry) => entry.tables).length;
  // §7023: the summary names what was corrected, never the values.
  const summary = tables === 0
    ? 'We found none of the information you asked us to correct in our records.'
    : `We corrected ${Object.keys(fields).join(', ')} wherever we hold it (${tables} table${tables === 1 ? '' : 's'}).`
      + `${told.length > 0 ? ` We told ${told.length} service provider${told.length === 1 ? '' : 's'} to correct it too.` : ''}`;
  return { kind: 'complete', result: { outcome: 'complied', summary }, stores: [...corrected, { notices: told }] };
}
