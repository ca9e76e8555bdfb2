import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import type { InputOf } from '../../../shared/api/contract';
import { TRANSFER_CHUNK_BYTES, type FileChunk, type JobStatus } from '../../../shared/domain/jobs';
import type { ExportReport } from '../../../shared/domain/exports';
import type { ImportInspection, ImportKind, ImportReport, UndoReport } from '../../../shared/domain/imports';
import { call, expectOk, makeClock, TEST_PASSWORD_COST, type TestClock, type TestCore } from './core';

/**
 * A core whose jobs run inline (on the test's thread, same connection): for tests
 * about what an import or export does. The worker path itself is tested in
 * worker.test.ts and kill.test.ts with real worker threads.
 */
export function openInlineCore(clock: TestClock = makeClock(new Date(2026, 10, 23, 9, 0, 0))): TestCore {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-excel-'));
  const core = openCore({ dataDir: dir, now: clock.now, jobs: { inline: true }, passwordCost: TEST_PASSWORD_COST });
  return {
    core,
    db: core.db,
    dir,
    clock,
    close: () => {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const generated = new Map<string, Buffer>();

/**
 * A generated fixture at `dest`: `write` makes it the first time `key` is asked for in a test
 * file, later calls copy those bytes. For big sheets several tests use unchanged (exceljs takes
 * one to a few seconds for 15,000 rows on a busy machine).
 */
export async function generatedOnce(dest: string, key: string, write: (file: string) => Promise<unknown>): Promise<string> {
  const bytes = generated.get(key);
  if (bytes) {
    writeFileSync(dest, bytes);
    return dest;
  }
  await write(dest);
  generated.set(key, readFileSync(dest));
  return dest;
}

/** Uploads a file as the screens do (base64 pieces) and returns its uploadId. */
export async function upload(core: Core, token: string, file: string, fileName = file.split('/').pop()!): Promise<string> {
  const bytes = readFileSync(file);
  let uploadId: string | undefined;
  for (let offset = 0; offset < Math.max(1, bytes.length); offset += TRANSFER_CHUNK_BYTES) {
    const data = bytes.subarray(offset, offset + TRANSFER_CHUNK_BYTES).toString('base64');
    const r = expectOk(await call(core, token, 'imports.upload', { fileName, data, ...(uploadId ? { uploadId } : {}) }));
    uploadId = r.uploadId;
  }
  return uploadId!;
}

export async function inspect(core: Core, token: string, uploadId: string, kind: ImportKind, extra: Partial<InputOf<'imports.inspect'>> = {}): Promise<ImportInspection> {
  return expectOk(await call(core, token, 'imports.inspect', { uploadId, kind, ...extra }));
}

/** Waits for a job and returns its final status. */
export async function finished(core: Core, token: string, status: JobStatus): Promise<JobStatus> {
  const me = expectOk(await call(core, token, 'auth.me', {}))!;
  return core.jobs.wait(status.jobId, { id: me.user.id, role: me.user.role });
}

export interface ImportRun {
  status: JobStatus;
  report: ImportReport;
  inspection: ImportInspection;
}

/** Upload → inspect → start with the suggested mapping (or `mapping`) → wait. */
export async function importFile(
  core: Core,
  token: string,
  file: string,
  kind: ImportKind,
  opts: Partial<Omit<InputOf<'imports.start'>, 'uploadId' | 'kind'>> & { fileName?: string; contactsSheet?: string } = {},
): Promise<ImportRun> {
  const { fileName, contactsSheet, ...start } = opts;
  const uploadId = await upload(core, token, file, fileName);
  const inspection = await inspect(core, token, uploadId, kind, { ...(start.sheet ? { sheet: start.sheet } : {}), ...(contactsSheet !== undefined ? { contactsSheet } : {}) });
  // A detected contacts sheet is imported with its suggested mapping, as the CLI does.
  const c = inspection.contacts;
  const detected = c ? { contacts: { sheet: c.sheet, headerRow: c.headerRow, mapping: c.columns.map((x) => x.field) } } : {};
  const status = expectOk(
    await call(core, token, 'imports.start', {
      uploadId,
      kind,
      headerRow: inspection.headerRow,
      mapping: inspection.columns.map((c) => c.field),
      ...detected,
      ...start,
    }),
  );
  const done = await finished(core, token, status);
  if (done.state !== 'done') expect.fail(`import job ${done.state}: ${done.error?.message}`);
  return { status: done, report: done.result as ImportReport, inspection };
}

export async function undoBatch(core: Core, token: string, batchId: number): Promise<UndoReport> {
  const done = await finished(core, token, expectOk(await call(core, token, 'imports.undo', { batchId })));
  if (done.state !== 'done') expect.fail(`undo job ${done.state}: ${done.error?.message}`);
  return done.result as UndoReport;
}

/** Downloads a job's file (all pieces) to `dest`. */
export async function download(core: Core, token: string, jobId: string, file: 'output' | 'errors', dest: string): Promise<string> {
  const parts: Buffer[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const chunk: FileChunk = expectOk(await call(core, token, 'jobs.download', { jobId, file, offset }));
    parts.push(Buffer.from(chunk.data, 'base64'));
    offset = chunk.nextOffset;
  }
  writeFileSync(dest, Buffer.concat(parts));
  return dest;
}

export async function exportTo(core: Core, token: string, input: InputOf<'exports.start'>, dest: string): Promise<ExportReport> {
  const done = await finished(core, token, expectOk(await call(core, token, 'exports.start', input)));
  if (done.state !== 'done') expect.fail(`export job ${done.state}: ${done.error?.message}`);
  await download(core, token, done.jobId, 'output', dest);
  return done.result as ExportReport;
}
