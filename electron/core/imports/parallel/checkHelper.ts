/**
 * The check helper of a pipelined customer import (pipeline.ts): a thread with its own
 * read connection that reads the file and checks every row exactly as the sequential
 * import does, and sends the plans on in batches to the job thread, which writes them
 * meanwhile. It never writes: what it checked against is the archive as committed.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ApiError } from '../../../../shared/api/result';
import { importFields } from '../../../../shared/domain/imports';
import { openDatabase, type Db } from '../../db/connection';
import { AppError } from '../../errors';
import { describeForLog, storageError } from '../../db/sqliteErrors';
import { openTable, type TableSource } from '../../excel/read';
import type { JobUser } from '../../jobs/types';
import { Collector } from '../engine/collector';
import { customerChecks, customerKeysFor, type CustomerChecks } from '../customers/customerSheet';
import { packCustomer, type PackedCustomer } from '../../customers/bulkWrite';
import type { UpdatePlan } from '../customers/writer';
import { keyProbe, type KeyFilterData, type KeyProbe } from './keyFilter';
import type { ImportParams } from '../engine/params';
import type { SearchHelperMessage } from './searchPool';
import { loopSheet, PROGRESS_EVERY_ROWS } from '../engine/sheetLoop';

export interface CheckHelperInput {
  role: 'check';
  dbPath: string;
  nativeBinding?: string;
  params: ImportParams;
  user: JobUser;
  /** ISO time the job was started (the checks' "today"). */
  now: string;
  fileSize: number;
  /** Where each batch's new names go as soon as it is checked: the search helper (searchPool.batchNameSearch). */
  names?: MessagePort;
}

/** What a Collector holds, as it crosses threads (its methods stay behind). */
export type CollectorState = Pick<Collector, 'counts' | 'errors' | 'errorCount' | 'warnings' | 'warningCount' | 'rows' | 'rowsTruncated' | 'invalidRows'>;

export type CheckHelperMessage =
  /** First of all: the helper has booted (the job thread then builds the key filter for it). */
  | { type: 'started' }
  /** `seq`: the batch's number, under which the search helper answers for its new names. */
  | { type: 'batch'; seq: number; inserts: PackedCustomer[]; updates: UpdatePlan[]; read: number; lastRow: number; bytes: number; invalid: number }
  | { type: 'end'; headers: string[]; read: number; collector: CollectorState }
  | { type: 'error'; error: ApiError; internal?: string };

/** Rows per batch sent to the writer: small enough to start writing at once, large enough to keep messages few. */
export const CHECK_BATCH_ROWS = 1000;

/**
 * What the job thread tells its check helper: the archive's key filter (or null when it
 * could not build one), then each batch it is done with.
 */
export type CheckHelperControl = { type: 'keys'; filter: KeyFilterData | null } | { type: 'written'; seq: number };

/**
 * Batches the helper may be ahead of the writer. A batch waiting on the writing thread
 * is live data its garbage collector copies again at every scavenge: forty batches
 * queued there made each scavenge take 10–90 ms. A few keep the writer fed.
 */
export const CHECK_BATCHES_AHEAD = 3;

/**
 * The table, waiting after its first row for the job thread's key filter: the helper
 * opens the file (its zip directory, styles, the first shared strings) meanwhile, and no
 * row is checked without it.
 */
function afterKeys(table: TableSource, keys: Promise<unknown>): TableSource {
  return {
    ...table,
    async *rows(onBytes) {
      const rows = table.rows(onBytes);
      const first = await rows.next();
      await keys;
      if (first.done) return;
      yield first.value;
      yield* rows;
    },
  };
}

export async function serveCustomerChecks(port: MessagePort, input: CheckHelperInput): Promise<void> {
  const send = (m: CheckHelperMessage) => port.postMessage(m);
  send({ type: 'started' });
  let probe: KeyProbe | undefined;
  let keysArrived: () => void = () => undefined;
  const keys = new Promise<void>((resolve) => (keysArrived = resolve));
  let written = -1;
  let writerCaughtUp: (() => void) | null = null;
  port.on('message', (m: CheckHelperControl) => {
    if (m.type === 'keys') {
      if (m.filter) probe = keyProbe(m.filter);
      keysArrived();
    } else {
      written = Math.max(written, m.seq);
      writerCaughtUp?.();
    }
  });
  let db: Db | null = null;
  try {
    db = openDatabase(input.dbPath, { nativeBinding: input.nativeBinding, migrate: false, optimize: false });
    const p = input.params;
    const table = afterKeys(openTable(p.filePath, p.fileName, { sheet: p.sheet }), keys);
    const collector = new Collector();
    let checks: CustomerChecks | null = null;
    let seq = 0;
    const flush = (read: number, lastRow: number, bytes: number) => {
      if (!checks) return;
      const { inserts, updates } = checks.take();
      if (inserts.length) input.names?.postMessage({ id: seq, names: inserts.map((i) => i.values.name) } satisfies SearchHelperMessage);
      send({ type: 'batch', seq: seq++, inserts: inserts.map((i) => packCustomer(i.row, i.values)), updates, read, lastRow, bytes, invalid: collector.counts.invalid });
    };
    const connection = db;
    const { headers, read, lastRow } = await loopSheet({
      table,
      headerRow: p.headerRow,
      mapping: p.mapping,
      fields: importFields(p.kind, p.metrics),
      onHeader(_headers, columns) {
        const env = { db: connection, user: input.user, now: new Date(input.now), mode: p.mode, columns, collector, metrics: p.metrics };
        const made = customerChecks(env, customerKeysFor(env, input.fileSize, probe));
        checks = made;
        return (row) => made.add(row);
      },
      async onProgress(read, lastRow, bytes) {
        if (read % CHECK_BATCH_ROWS >= PROGRESS_EVERY_ROWS) return;
        flush(read, lastRow, bytes);
        while (seq - 1 - written > CHECK_BATCHES_AHEAD) await new Promise<void>((resolve) => (writerCaughtUp = resolve));
        writerCaughtUp = null;
      },
    });
    flush(read, lastRow, table.size);
    const { counts, errors, errorCount, warnings, warningCount, rows, rowsTruncated, invalidRows } = collector;
    send({ type: 'end', headers, read, collector: { counts, errors, errorCount, warnings, warningCount, rows, rowsTruncated, invalidRows } });
  } catch (e) {
    const storage = storageError(e);
    if (e instanceof AppError) send({ type: 'error', error: e.toApiError() });
    else if (storage) send({ type: 'error', error: storage, internal: describeForLog(e) });
    else send({ type: 'error', error: { code: 'INTERNAL', message: '后台任务出错，数据未改动。请重试或联系管理员。' }, internal: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    db?.close();
  }
}
