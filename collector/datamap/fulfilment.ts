import type { CordonConfig, Site } from '../../shared/config.ts';
import type { Disclosure } from '../../shared/disclosure.ts';
import type { RequestType, ResultFacts } from '../../shared/requests.ts';
import type { Db, Tx } from '../db/connect.ts';
import { describeDatabaseError as failed } from '../db/errors.ts';
import { findSite } from '../deps.ts';
import {
  earlierStoreResults, type Fulfilment, type FulfilmentOutcome, type FulfilmentRequest, type FulfilmentResult,
} from '../requests/fulfilment.ts';
import { describeResult } from '../requests/result-text.ts';
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
  const facts: ResultFacts = {
    kind: 'know', rows: disclosure.tables.reduce((sum, part) => sum + part.rows, 0), tables: disclosure.tables.length,
    categories: disclosure.categories.map((entry) => entry.category), download: specific,
  };
  const stored = disclosure.tables.map((part) => ({ store: part.store, table: part.table, rows: part.rows, withheld: part.withheld.map((entry) => entry.kind) }));
  return { kind: 'complete', result: complied(facts, disclosure), stores: stored };
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
  return { kind: 'complete', result: complied(deletionFacts(erased, told)), stores: [...erased, { notices: told, cancelled }] };
}

function deletionFacts(erased: StoreErasure[], told: string[]): ResultFacts {
  const tables = erased.flatMap((entry) => entry.tables).filter((entry) => entry.rows > 0);
  return {
    kind: 'delete',
    removed: tables.filter((entry) => entry.action !== 'retained').map((entry) => entry.table),
    kept: tables.filter((entry) => entry.action === 'retained').map((entry) => ({
      table: entry.table, rows: entry.rows, basis: entry.retained!.basis, until: entry.retained!.until,
      deidentified: Boolean(entry.columns && entry.columns.length > 0),
    })),
    told: told.length,
  };
}

/** The record keeps the sentence in English; the consumer reads it from the facts in their own language. */
function complied(facts: ResultFacts, data?: Disclosure): FulfilmentResult {
  return { outcome: 'complied', summary: describeResult(facts, 'en'), facts, ...(data ? { data } : {}) };
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
  const facts: ResultFacts = {
    kind: 'correct', fields: Object.keys(fields) as (keyof typeof fields)[], tables: corrected.flatMap((entry) => entry.tables).length, told: told.length,
  };
  return { kind: 'complete', result: complied(facts), stores: [...corrected, { notices: told }] };
}
