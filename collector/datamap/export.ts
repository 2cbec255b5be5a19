import { sql } from 'drizzle-orm';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { Disclosure } from '../../shared/disclosure.ts';
import type { Db, Tx } from '../db/connect.ts';
import { copyCsvOut, selectRows } from '../db/rows.ts';
import { disclosedColumns, ownedRows } from './disclose.ts';
import type { OpenStore } from './stores.ts';
import type { Identity, Window } from './traversal.ts';

const fetchRows = 5_000;

/** Who the download is about: the identities the answer was built from, kept sealed with it. */
export const exportIdentity = (disclosure: Disclosure): Identity => disclosure.identities;

export interface ExportInput {
  stores: OpenStore[];
  dbOf: (open: OpenStore) => Db | Tx;
  who: Identity;
  window: Window;
  disclosure: Disclosure;
}

/**
 * The whole answer as a zip: `disclosure.json` (the summary) and one CSV per table with every row in the window.
 * Rows come through a cursor a few thousand at a time and leave compressed before the next are read, and the
 * reading waits while the client is slow: memory stays bounded whatever the consumer's number of rows.
 */
export function exportZip(input: ExportInput): ReadableStream<Uint8Array> {
  return producerStream(async (write) => {
    const zip = new Zip();
    const pending: Uint8Array[] = [];
    let failure: Error | null = null;
    zip.ondata = (error, chunk) => {
      if (error) failure = error;
      else pending.push(chunk);
    };
    const flush = async () => {
      if (failure) throw failure;
      while (pending.length > 0) await write(pending.shift()!);
    };
    const summary = new ZipDeflate('disclosure.json', { level: 6 });
    zip.add(summary);
    summary.push(strToU8(JSON.stringify(input.disclosure, null, 2)), true);
    await flush();
    for (const part of input.disclosure.tables) {
      const open = input.stores.find((candidate) => candidate.store.id === part.store)!;
      const entry = new ZipDeflate(`${part.store}/${part.table}.csv`, { level: 1 });
      zip.add(entry);
      await streamTableCsv(input, open, part.table, async (bytes) => {
        entry.push(bytes);
        await flush();
      });
      entry.push(new Uint8Array(0), true);
      await flush();
    }
    zip.end();
    await flush();
  });
}

/** One table's rows as CSV lines ending in LF, as Postgres's COPY writes them, in either way of reading. */
async function streamTableCsv(input: ExportInput, open: OpenStore, table: string, write: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  const { shown } = disclosedColumns(open.store, table);
  const query = ownedRows(open.store, table, input.who, input.window, shown);
  await write(strToU8(`${shown.map(csvField).join(',')}\n`));
  const textColumns = sql`select ${sql.join(shown.map((column) => sql`${sql.identifier(column)}::text`), sql`, `)} from (${query}) x`;
  const copied = await copyCsvOut(input.dbOf(open), textColumns);
  if (copied) {
    // On a real Postgres the server writes the CSV itself, at the speed of a bare COPY.
    for await (const chunk of copied) await write(chunk);
    return;
  }
  await input.dbOf(open).transaction(async (tx) => {
    // A cursor, not LIMIT/OFFSET pages: each fetch continues where the last stopped, so the cost stays linear.
    await tx.execute(sql`declare cordon_export no scroll cursor for ${textColumns}`);
    for (;;) {
      const rows = await selectRows<Record<string, string | null>>(tx, sql`fetch forward ${sql.raw(String(fetchRows))} from cordon_export`);
      if (rows.length === 0) break;
      let text = '';
      for (const row of rows) text += `${shown.map((column) => csvField(row[column] ?? null)).join(',')}\n`;
      await write(strToU8(text));
      if (rows.length < fetchRows) break;
    }
    await tx.execute(sql`close cordon_export`);
  });
}

/** RFC 4180 quoting, as COPY's CSV does: quoted when it holds a comma, quote or line break. Values stay exact: the file is for machines too (portability). */
function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A byte stream fed by a producer that waits whenever the reader has enough queued: the producer's `write`
 * resolves only when there is room again. A reader that goes away stops the producer at its next write.
 */
function producerStream(produce: (write: (chunk: Uint8Array) => Promise<void>) => Promise<void>): ReadableStream<Uint8Array> {
  let room: (() => void) | undefined;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = async (chunk: Uint8Array) => {
        if (cancelled) throw new Error('the download was cancelled');
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => { room = resolve; });
      };
      produce(write).then(() => controller.close(), (error: unknown) => {
        if (!cancelled) controller.error(error);
      });
    },
    pull() {
      room?.();
      room = undefined;
    },
    cancel() {
      cancelled = true;
      room?.();
    },
  }, { highWaterMark: 8 });
}
