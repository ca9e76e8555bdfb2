/**
 * A big customer import on both cores. A check helper (checkHelper.ts) reads the file
 * and checks the rows on its own read connection, a search helper computes the pinyin,
 * and this thread writes the checked rows batch by batch into ONE immediate transaction
 * while the rest of the file is still being checked.
 *
 * The checks, the writer and the closing writes are the sequential import's own, so
 * both end in the same rows. What changes is how long the write lock is held: from the
 * first checked batch on instead of from the last (the app keeps reading through WAL;
 * its saves wait, as they do for the sequential import's write). A cancel, an error, a
 * refused all-or-nothing import or a killed process before COMMIT leaves the database
 * as it was.
 *
 * Why the sequential import (engine/run.ts) stays a path of its own rather than a
 * pipeline of one thread: this one needs a worker to host its helpers (a job run on the
 * calling thread, as in tests, has none), costs a helper boot and holds the write lock
 * from its first batch, which only pays off from a few thousand rows; and a contacts
 * sheet is read after the main sheet on the same thread, because which customer each of
 * its rows means depends on what the checks decided for every main-sheet row
 * (contactSheet.recordSheetCustomers). What could be shared is shared: the checks
 * (customerSheet.ts), the writer (writer.ts, writing through customers/bulkWrite.ts) and
 * the closing writes (closing.ts); only the loop that drives them differs.
 */
import { statSync } from 'node:fs';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { formatCount } from '../../../../shared/format';
import { localTimestamp } from '../../clock';
import { commitDurablyDeferringCheckpoint } from '../../db/durableCommit';
import { withPageCache } from '../../db/pageCache';
import { AppError } from '../../errors';
import { startWorker } from '../../jobs/spawn';
import type { TaskContext } from '../../jobs/types';
import { createBatch } from '../engine/batches';
import type { CheckHelperControl, CheckHelperInput, CheckHelperMessage } from './checkHelper';
import { closeBatch, DryRunRollback, invalidRows, WRITE_CACHE_KIB, type ImportOutcome, type ReadBar } from '../engine/closing';
import { Collector } from '../engine/collector';
import { customerWriter, type CustomerWriter } from '../customers/writer';
import { KEY_COLUMNS } from '../../customers/lookups';
import { buildKeyFilter, KEY_FIELDS, type KeyFilterData } from './keyFilter';
import type { ImportParams } from '../engine/params';
import { batchNameSearch, computeNameSearch, POOL_MIN_BYTES, type BatchNameSearch, type SearchHelperInput } from './searchPool';
import type { HelperInput, SpareHelpers } from './spareHelpers';

const fmt = formatCount;

/**
 * Customer files this large (several thousand rows) are worth the two helper threads;
 * smaller ones, a contacts sheet (read after the main sheet) and jobs run on the
 * calling thread (tests) go the sequential way.
 */
function pipelined(ctx: TaskContext, p: ImportParams, fileSize: number): boolean {
  return p.kind === 'customers' && !p.contacts && !!ctx.workerEntry && fileSize >= POOL_MIN_BYTES;
}

/** A worker's messages, queued from the moment it is started (none is lost before anyone reads them). */
function messagesOf<T>(worker: Worker, last: (m: T) => boolean): AsyncIterable<T> {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let ended = false;
  worker.on('message', (m: T) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e instanceof Error ? e : new Error(String(e));
    wake?.();
  });
  worker.on('exit', () => {
    if (!ended) failure ??= new Error('import check helper stopped without an answer');
    wake?.();
  });
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const m = queue.shift();
        if (m !== undefined) {
          if (last(m)) ended = true;
          yield m;
          if (ended) return;
          continue;
        }
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    },
  };
}

/** The archive's keys for the columns the file maps (the others are never looked up); null if they cannot be read. */
function archiveKeyFilter(ctx: TaskContext, p: ImportParams): KeyFilterData | null {
  const columns = KEY_COLUMNS.filter((c) => p.mapping.includes(KEY_FIELDS[c]));
  try {
    return buildKeyFilter(ctx.db, columns);
  } catch {
    return null; // The check helper then loads the keys itself.
  }
}

/** The two helper threads of a pipelined import, running. */
export interface PipelineHelpers {
  checks: AsyncIterable<CheckHelperMessage>;
  names: BatchNameSearch;
  /** Tells the check helper this batch is done with (it stays only a few batches ahead). */
  written(seq: number): void;
  close(): void;
}

/**
 * Starts the helpers of a big customer import, or returns null when the import goes
 * the sequential way. Called before this thread opens the file. Spare helpers (`spare`,
 * started by a job thread started ahead) are at work at once; fresh ones take a third of
 * a second to boot, which they spend while this thread still prepares.
 */
export function startPipelineHelpers(ctx: TaskContext, p: ImportParams, spare?: SpareHelpers): PipelineHelpers | null {
  let fileSize: number;
  try {
    fileSize = statSync(p.filePath).size;
  } catch {
    return null; // Opening the file says what is wrong with it.
  }
  if (!pipelined(ctx, p, fileSize)) return null;
  const entry = ctx.workerEntry!;
  // A helper started ahead (runner.prepare) is already booted; otherwise one is started now.
  const start = (input: HelperInput, transfer: MessagePort[]) => spare?.take(input, transfer) ?? startWorker(entry, input, transfer);
  // The check helper sends each batch's names straight to the search helper, which answers this thread.
  const channel = new MessageChannel();
  const names = batchNameSearch(() => start({ role: 'search', names: channel.port2 } satisfies SearchHelperInput, [channel.port2]));
  const input: CheckHelperInput = {
    role: 'check',
    dbPath: ctx.db.name,
    nativeBinding: ctx.nativeBinding,
    params: p,
    user: ctx.user,
    now: ctx.now.toISOString(),
    fileSize,
    names: channel.port1,
  };
  const helper = start(input, [channel.port1]);
  // Built once the helper has booted (booting, the two helpers use both cores), while it
  // opens the file: this thread has nothing to write yet.
  helper.once('message', () => helper.postMessage({ type: 'keys', filter: archiveKeyFilter(ctx, p) } satisfies CheckHelperControl));
  return {
    checks: messagesOf<CheckHelperMessage>(helper, (x) => x.type === 'end' || x.type === 'error'),
    names,
    written: (seq) => helper.postMessage({ type: 'written', seq } satisfies CheckHelperControl),
    close() {
      void helper.terminate();
      names.close();
    },
  };
}

export function pipelinedImport(ctx: TaskContext, p: ImportParams, helpers: PipelineHelpers, bar: ReadBar): Promise<ImportOutcome> {
  // The write touches index pages all over a large archive (a larger page cache), and its
  // COMMIT is on disk when the job answers; the checkpoint waits until after the answer.
  return withPageCache(ctx.db, WRITE_CACHE_KIB, () => commitDurablyDeferringCheckpoint(ctx.db, () => pipeline(ctx, p, helpers, bar)));
}

async function pipeline(ctx: TaskContext, p: ImportParams, helpers: PipelineHelpers, bar: ReadBar): Promise<ImportOutcome> {
  const db = ctx.db;
  const at = localTimestamp(ctx.now);
  const { names } = helpers;
  const plan = { inserts: 0, updates: 0 };
  // Created at the first batch to write (inside the transaction), dropped on a rollback.
  let writer = null as CustomerWriter | null;
  let batchId = null as number | null;
  let refused = false;
  let written = 0;
  let writes: Promise<void> = Promise.resolve();
  let writeError: unknown = null;

  const begin = () => {
    db.exec('BEGIN IMMEDIATE');
    batchId = createBatch(db, { kind: p.kind, mode: p.mode, fileName: p.fileName, userId: ctx.user.id, at });
    // Rows whose pinyin the helper could not give (it failed) get it computed here.
    writer = customerWriter(db, computeNameSearch, { at, userId: ctx.user.id, batchId }, { setWiseFts: true, progress: (n) => (written = n) });
  };
  const rollback = () => {
    if (db.inTransaction) db.exec('ROLLBACK');
    writer = null;
  };

  try {
    let end: Extract<CheckHelperMessage, { type: 'end' }> | null = null;
    for await (const m of helpers.checks) {
      if (writeError) throw writeError;
      ctx.checkCancelled();
      if (m.type === 'started') continue;
      if (m.type === 'error') {
        if (m.internal) throw new Error(m.internal);
        const { code, message, ...extra } = m.error;
        throw new AppError(code, message, extra);
      }
      if (m.type === 'end') {
        end = m;
        break;
      }
      plan.inserts += m.inserts.length;
      plan.updates += m.updates.length;
      ctx.progress({
        phase: 'read',
        ...bar(m.lastRow, m.bytes),
        rowsRead: m.read,
        rowsValidated: m.read,
        rowsWritten: written,
        // Writing waits for each batch's pinyin: on a busy machine it can lag well behind the reading.
        message: written ? `已读取并检查 ${fmt(m.read)} 行，已写入 ${fmt(written)} 条` : `已读取并检查 ${fmt(m.read)} 行`,
      });
      if (p.allOrNothing && m.invalid > 0 && !refused) {
        // Nothing of this file will be stored: stop writing now, keep checking for the report.
        refused = true;
        await writes;
        rollback();
        // No row of it will be written: its pinyin is not worth the processor.
        names.close();
      }
      if (refused || (!m.inserts.length && !m.updates.length)) {
        helpers.written(m.seq);
        continue;
      }
      if (!writer) begin();
      // Written in order once the batch's pinyin is in (usually already); each answer goes onto its row.
      const searched = m.inserts.length ? names.result(m.seq) : null;
      writes = writes
        .then(() => searched)
        .then((results) => {
          if (writeError || !writer) return;
          if (results) m.inserts.forEach((row, k) => (row.search = results[k]));
          writer.insert(m.inserts);
          writer.update(m.updates);
        })
        .finally(() => helpers.written(m.seq))
        .catch((e: unknown) => {
          writeError ??= e;
        });
    }
    if (!end) throw new Error('import check helper ended without its report');
    const toWrite = plan.inserts + plan.updates;
    ctx.progress({ phase: 'write', done: written, total: toWrite, rowsRead: end.read, rowsValidated: end.read, rowsWritten: written, message: p.dryRun ? '正在预演写入…' : '正在写入数据库…' });
    await writes;
    if (writeError) throw writeError;
    ctx.checkCancelled();

    const collector = Object.assign(new Collector(), end.collector);
    refused = p.allOrNothing && invalidRows({ collector, contacts: null }) > 0;
    const outcome: ImportOutcome = { headers: end.headers, collector, plan, contacts: null, refused, batchId: null, committed: false };
    const open: CustomerWriter | null = writer;
    if (refused || !open || batchId === null) {
      rollback();
      return outcome;
    }
    ctx.progress({ phase: 'write', done: written, total: toWrite, rowsWritten: written, message: p.dryRun ? '正在完成预演…' : '正在完成写入…' });
    open.finish();
    ctx.checkCancelled();
    try {
      closeBatch(ctx, p, batchId, outcome);
    } catch (e) {
      if (e instanceof DryRunRollback) {
        rollback();
        return outcome;
      }
      throw e;
    }
    db.exec('COMMIT');
    return { ...outcome, batchId, committed: true };
  } catch (e) {
    await writes;
    rollback();
    throw e;
  }
}
