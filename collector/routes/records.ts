import { Hono } from 'hono';
import { z } from 'zod';
import { PreferenceRecord, StoredRecords } from '../../shared/record.ts';
import { findSite, type AppDeps } from '../deps.ts';
import { limitBody, problem, readJson, validate } from '../middleware/validate.ts';
import { originMatchesSite, siteCors } from '../middleware/site-cors.ts';
import { createBatcher } from '../services/batcher.ts';
import type { IngestPressure } from '../services/ingest-pressure.ts';
import { storeRecords } from '../services/preferences.ts';
import type { RouteGroup } from './openapi.ts';

/** A browser's offline queue flushed at once: an array, so each error names its index. */
const RecordQueue = z.array(PreferenceRecord).min(1).max(100);
const recordsSchemaFor = (raw: unknown) => (Array.isArray(raw) ? RecordQueue : PreferenceRecord);
export const maxRecordsBodyBytes = 64 * 1024;

export const recordApi: RouteGroup = {
  operations: [{
    method: 'post', path: '/v1/records', summary: 'Store preference records, one or a queue of them (idempotent by id; JSON or text/plain)',
    body: z.union([PreferenceRecord, RecordQueue]), response: StoredRecords, creates: true,
  }],
};

export function recordRoutes({ db, config, clock }: AppDeps, pressure: IngestPressure) {
  // Group commit: records arriving together share one transaction; each answer still waits for its commit. Two
  // batches in flight, so one's round trips and commit overlap the next one's work; row locks order their writes.
  const storeOne = createBatcher<PreferenceRecord, boolean>(async (records) => {
    const fresh = await storeRecords(db, config, records, clock());
    const answered = new Set<string>();
    return records.map((record) => {
      const isNew = fresh.has(record.id) && !answered.has(record.id);
      answered.add(record.id);
      return isNew;
    });
  }, { maxBatch: 500, maxInFlight: 2, onSaturated: pressure.report });

  return new Hono()
    .use('/v1/records', siteCors(config), limitBody(maxRecordsBodyBytes))
    .post('/v1/records', async (c) => {
      const raw = await readJson(c, { allowTextPlain: true });
      if (!raw.ok) return raw.response;
      const body = validate(c, recordsSchemaFor(raw.value), raw.value);
      if (!body.ok) return body.response;
      const records = Array.isArray(body.value) ? body.value : [body.value];
      for (const [index, record] of records.entries()) {
        const site = findSite(config, record.site);
        const where = Array.isArray(body.value) ? `[${index}].site` : 'site';
        if (!site) return problem(c, 400, 'invalid body', [`${where}: no site "${record.site}" is configured`]);
        if (!originMatchesSite(c.req.header('origin'), site.origins)) {
          return problem(c, 403, `this origin may not write records for site "${site.id}"`);
        }
      }
      const isNew = await Promise.all(records.map(storeOne));
      // 201 for what this call stored, 200 when every id was already stored: both mean "it is kept".
      return c.json({ stored: records.map((record, i) => ({ id: record.id, duplicate: !isNew[i] })) } satisfies StoredRecords,
        isNew.some(Boolean) ? 201 : 200);
    });
}
