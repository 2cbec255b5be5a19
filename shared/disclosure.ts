import { z } from 'zod';
import { Category, SensitiveKind } from './datamap.ts';

/** Rows shown per table in `result.data`; the whole set is in the export download. */
export const disclosedRowsPerTable = 50;

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One table's part of a know/access answer: how many rows, which columns, and (for specific pieces) the rows. */
export const DisclosedTable = z.object({
  store: z.string(),
  table: z.string(),
  rows: z.number().int().min(0),
  categories: z.array(Category),
  columns: z.array(z.string()),
  /** Specific pieces only: up to `disclosedRowsPerTable` rows; `truncated` when the download holds more. */
  records: z.array(z.record(z.string(), Cell)).optional(),
  truncated: z.boolean().optional(),
  /** §7024(d): columns held about the consumer but never disclosed; only their kind is named. */
  withheld: z.array(z.object({ column: z.string(), kind: SensitiveKind })),
});
export type DisclosedTable = z.infer<typeof DisclosedTable>;

/** What a know, access or portability request answers, built from the data map. */
export const Disclosure = z.object({
  kind: z.enum(['categories', 'specific']),
  /** Rows are those whose timestamp falls in this window (tables without a timestamp: all rows). */
  window: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
  categories: z.array(z.object({
    category: Category,
    sensitive: z.array(SensitiveKind),
    sources: z.array(z.string()),
    purposes: z.array(z.string()),
    stores: z.array(z.string()),
  })),
  /** Who receives personal information: partners (service providers, third parties) with what they are sent. */
  recipients: z.array(z.object({ id: z.string(), signals: z.array(z.string()) })),
  tables: z.array(DisclosedTable),
  /** What Cordon itself holds about the consumer: preference records, device links, earlier requests. */
  cordon: z.object({
    preferenceRecords: z.number().int().min(0),
    devices: z.array(z.string()),
    requests: z.array(z.object({ id: z.string(), type: z.string(), receivedAt: z.iso.datetime(), status: z.string() })),
  }),
  /** The identities the consumer was found by in the stores. */
  identities: z.object({ email: z.string(), accounts: z.array(z.string()) }),
  /** Where the full answer (JSON + CSV per table, zipped) can be downloaded, relative to the status URL. */
  download: z.string().optional(),
});
export type Disclosure = z.infer<typeof Disclosure>;
