import type { MessagePort, Worker } from 'node:worker_threads';
import type { ApiError } from '../../../shared/api/result';
import { AppError } from '../errors';
import { startWorker } from '../jobs/spawn';
import { openTable, type SheetRow } from './read';

/**
 * Rows per message, and messages in flight before the reader waits: bounds memory on
 * both sides (16,000 rows, a few MB). Deep enough that the reader keeps parsing through
 * the job thread's pauses (loading the archive's keys when the header row arrives).
 */
const BATCH_ROWS = 500;
const MAX_IN_FLIGHT = 32;

export interface ReadRequest {
  file: string;
  fileName: string;
  sheet?: string;
}

type ReaderMessage = { type: 'rows'; rows: SheetRow[]; bytes: number } | { type: 'end'; bytes: number } | { type: 'error'; error: ApiError };

/** Body of a reader thread (see worker.ts): parses the sheet and sends rows in batches, waiting for acknowledgements. */
export async function serveRows(port: MessagePort | { postMessage(m: unknown): void; on(e: 'message', l: (m: unknown) => void): void }, req: ReadRequest): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    inFlight--;
    wake?.();
    wake = null;
  });
  let bytes = 0;
  try {
    const table = openTable(req.file, req.fileName, { sheet: req.sheet });
    let batch: SheetRow[] = [];
    for await (const row of table.rows((n) => (bytes = n))) {
      batch.push(row);
      if (batch.length < BATCH_ROWS) continue;
      port.postMessage({ type: 'rows', rows: batch, bytes } satisfies ReaderMessage);
      batch = [];
      if (++inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    }
    if (batch.length) port.postMessage({ type: 'rows', rows: batch, bytes } satisfies ReaderMessage);
    port.postMessage({ type: 'end', bytes } satisfies ReaderMessage);
  } catch (e) {
    const error: ApiError = e instanceof AppError ? e.toApiError() : { code: 'BAD_INPUT', message: `读取文件时出错：${e instanceof Error ? e.message : String(e)}` };
    port.postMessage({ type: 'error', error } satisfies ReaderMessage);
  }
}

/**
 * The rows of a large .xlsx, parsed on their own thread: exceljs's XML parsing is
 * about half of an import's work, and on a second core it runs while the job
 * thread checks and writes the rows it already has.
 */
export async function* threadedRows(workerEntry: string, req: ReadRequest, onBytes?: (n: number) => void): AsyncGenerator<SheetRow> {
  const worker: Worker = startWorker(workerEntry, { role: 'read', ...req });
  const queue: ReaderMessage[] = [];
  let notify: (() => void) | null = null;
  let crashed: Error | null = null;
  worker.on('message', (m: ReaderMessage) => {
    queue.push(m);
    notify?.();
    notify = null;
  });
  worker.on('error', (e) => {
    crashed = e;
    notify?.();
  });
  worker.on('exit', () => {
    if (!crashed) crashed = new Error('reader exited');
    notify?.();
  });
  try {
    for (;;) {
      if (!queue.length) {
        if (crashed && !queue.length) throw new AppError('INTERNAL', '读取文件的后台线程意外中止，数据未改动');
        await new Promise<void>((resolve) => (notify = resolve));
        continue;
      }
      const m = queue.shift()!;
      if (m.type === 'error') throw new AppError(m.error.code, m.error.message, { field: m.error.field });
      onBytes?.(m.bytes);
      if (m.type === 'end') return;
      worker.postMessage('ack');
      for (const row of m.rows) yield row;
    }
  } finally {
    void worker.terminate();
  }
}
