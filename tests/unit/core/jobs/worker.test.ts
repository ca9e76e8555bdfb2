/**
 * The real thing: jobs on worker threads (worker.ts loaded through tsx inside the
 * thread, as in the CLI and web host), progress pushed to listeners and readable by
 * polling, cancel, and a worker killed in the middle of its write transaction.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { searchColumns } from '../../../../electron/core/customers/search';
import { openDatabase } from '../../../../electron/core/db/connection';
import type { JobProgress } from '../../../../shared/domain/jobs';
import { writeCustomerSheet, writeXlsx } from '../../../fixtures/excel';
import { ADMIN_PASSWORD, call, expectOk, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { finished, generatedOnce, inspect, upload } from '../../helpers/excel';

vi.setConfig({ testTimeout: 120_000 });

let t: TestCore;
let admin: string;
const file = (name: string) => path.join(t.dir, name);
/** writeCustomerSheet(big.xlsx, n), generated once per size in this file (the same rows give the same file). */
const bigSheet = (n: number) => generatedOnce(file('big.xlsx'), `customers ${n}`, (f) => writeCustomerSheet(f, n));

beforeEach(async () => {
  t = openTestCore();
  admin = await setupAndLogin(t.core, 'tobacco');
});
afterEach(() => t.close());

async function start(f: string, extra: { dryRun?: boolean } = {}) {
  const uploadId = await upload(t.core, admin, f);
  const insp = await inspect(t.core, admin, uploadId, 'customers');
  return expectOk(
    await call(t.core, admin, 'imports.start', { uploadId, kind: 'customers', headerRow: insp.headerRow, mapping: insp.columns.map((c) => c.field), ...extra }),
  );
}

function counts() {
  return t.db
    .prepare(
      `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM contacts) AS contacts,
              (SELECT count(*) FROM customer_changes) AS changes, (SELECT count(*) FROM import_batches) AS batches,
              (SELECT count(*) FROM import_batch_rows) AS batchRows`,
    )
    .get();
}

describe('jobs on worker threads', () => {
  it('imports on a worker, with progress pushed and polled', async () => {
    // Big enough (> 512 KB) for the pinyin helper threads to be used.
    await bigSheet(12000);
    const events: JobProgress[] = [];
    const off = t.core.jobs.onProgress((p) => events.push(p));
    const status = await start(file('big.xlsx'));
    expect(status.state).toBe('running');
    expect(t.core.jobs.workerOf(status.jobId)).not.toBeNull();
    const polled = expectOk(await call(t.core, admin, 'jobs.status', { jobId: status.jobId }));
    expect(polled.jobId).toBe(status.jobId);
    const done = await finished(t.core, admin, status);
    off();
    expect(done.state).toBe('done');
    expect(done.result).toMatchObject({ kind: 'import', inserted: 12000, invalid: 0, committed: true });
    expect(events.some((e) => e.phase === 'read' && e.rowsRead > 0)).toBe(true);
    expect(events.some((e) => e.phase === 'write')).toBe(true);
    expect(events.at(-1)?.phase).toBe('finish');
    expect(counts()).toMatchObject({ customers: 12000, batches: 1 });
    // Pinyin columns computed off-thread are exactly the archive's own.
    const rows = t.db.prepare('SELECT name, mobile, name_pinyin, name_initials, name_bigrams, search_phones FROM customers WHERE id % 997 = 1').all() as {
      name: string;
      mobile: string;
      name_pinyin: string;
      name_initials: string;
      name_bigrams: string;
      search_phones: string;
    }[];
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      const s = searchColumns({ name: r.name, mobile: r.mobile, contacts: [] });
      expect([r.name_pinyin, r.name_initials, r.name_bigrams, r.search_phones]).toEqual([s.namePinyin, s.nameInitials, s.nameBigrams, s.searchPhones]);
    }
    // The search index was filled set-wise and the per-row trigger is back.
    const ftsOk = () => {
      t.db.exec("INSERT INTO customer_fts_tri(customer_fts_tri, rank) VALUES ('integrity-check', 1)");
      t.db.exec("INSERT INTO customer_fts_bi(customer_fts_bi, rank) VALUES ('integrity-check', 1)");
      return t.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name = 'customers_fts_ai'").get();
    };
    expect(ftsOk()).toEqual({ n: 1 });
    expect(expectOk(await call(t.core, admin, 'customers.list', { q: '烟酒店1001号' })).rows.map((r) => r.code)).toEqual(['K0001001']);
    expect(expectOk(await call(t.core, admin, 'customers.list', { q: '13000009999' })).rows.map((r) => r.code)).toEqual(['K0009999']);

    // Undo on a worker too: every inserted customer goes, the index stays consistent.
    const undo = await finished(t.core, admin, expectOk(await call(t.core, admin, 'imports.undo', { batchId: (done.result as { batchId: number }).batchId })));
    expect(undo.result).toMatchObject({ removed: 12000, softDeleted: 0 });
    expect(counts()).toMatchObject({ customers: 0, changes: 0 });
    expect(ftsOk()).toEqual({ n: 1 });
  });

  it("a big import's pages reach the database file once the job has answered, not at the user's next save", async () => {
    await bigSheet(12000);
    // Nothing pending in the WAL before the import: the file grows only by what is copied after it.
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const sizeBefore = statSync(t.db.name).size;
    const done = await finished(t.core, admin, await start(file('big.xlsx')));
    expect(done.result).toMatchObject({ inserted: 12000, committed: true });
    // The import committed without a checkpoint (durableCommit.ts); its job thread checkpoints
    // after answering, while this connection writes nothing at all.
    const deadline = Date.now() + 20_000;
    while (statSync(t.db.name).size <= sizeBefore + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(t.db.name).size).toBeGreaterThan(sizeBefore + 1_000_000);
  });

  it('cancel rolls everything back', async () => {
    await bigSheet(20000);
    const status = await start(file('big.xlsx'));
    // Asked for while the progress event is handled (not a turn later, when the job may be done).
    const cancelled = await new Promise<ReturnType<typeof call<'jobs.cancel'>>>((resolve) => {
      const off = t.core.jobs.onProgress((p) => {
        if (p.jobId === status.jobId && (p.rowsRead > 2000 || p.phase === 'write')) {
          off();
          resolve(call(t.core, admin, 'jobs.cancel', { jobId: status.jobId }));
        }
      });
    });
    expect(expectOk(await cancelled).state).toBe('running');
    const done = await finished(t.core, admin, status);
    expect(done.state).toBe('cancelled');
    expect(done.error?.message).toContain('已取消');
    expect(counts()).toEqual({ customers: 0, contacts: 0, changes: 0, batches: 0, batchRows: 0 });
  });

  it('a worker terminated in the middle of its write transaction leaves the database unchanged', async () => {
    await writeXlsx(file('one.xlsx'), [
      ['客户名称', '客户类型', '手机号'],
      ['先有的客户', '个人', '13800000001'],
    ]);
    await finished(t.core, admin, await start(file('one.xlsx')));
    const before = counts();
    await bigSheet(20000);
    const status = await start(file('big.xlsx'));
    await new Promise<void>((resolve) => {
      const off = t.core.jobs.onProgress((p) => {
        // Rows are written while the file is still read (pipelined): the transaction is open.
        if (p.jobId === status.jobId && p.rowsWritten > 0) {
          off();
          void t.core.jobs.workerOf(status.jobId)!.terminate();
          resolve();
        }
      });
    });
    const done = await finished(t.core, admin, status);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toContain('数据未改动');
    expect(counts()).toEqual(before);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('a process killed (SIGKILL) in the middle of an import leaves the database unchanged and consistent', async () => {
    await bigSheet(20000);
    const before = counts();
    const dbPath = t.core.dbPath;
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/fixtures/importChild.ts'), t.dir, file('big.xlsx')], {
      env: { ...process.env, BD_PASSWORD: ADMIN_PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const killedWhile = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('{')) continue;
          const p = JSON.parse(line) as { phase: string; written: number };
          if (p.phase === 'write' && p.written > 0) {
            child.kill('SIGKILL');
            resolve(`write ${p.written}`);
          }
        }
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before the write phase`)));
    });
    await new Promise((r) => child.once('close', r));
    expect(killedWhile).toMatch(/^write \d+$/);
    // A fresh connection, as after a restart: the uncommitted transaction is gone.
    const db = openDatabase(dbPath, { migrate: false });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    expect(counts()).toEqual(before);
  });
});

describe('a job thread started ahead (runner.prepare)', () => {
  /** Resolves once `w` has exited. */
  const exited = (w: Worker) => new Promise<void>((resolve) => w.once('exit', () => resolve()));
  /** The customers' search columns, compared with what the archive computes itself. */
  function pinyinAsArchive(): boolean {
    const rows = t.db.prepare('SELECT name, mobile, name_pinyin, name_initials, name_bigrams FROM customers WHERE id % 1009 = 1').all() as Record<string, string>[];
    return rows.length > 5 && rows.every((r) => {
      const s = searchColumns({ name: r.name, mobile: r.mobile, contacts: [] });
      return r.name_pinyin === s.namePinyin && r.name_initials === s.nameInitials && r.name_bigrams === s.nameBigrams;
    });
  }

  it('starts once a file is inspected and runs the import the user then starts, with its spare helpers', async () => {
    await bigSheet(12000);
    const uploadId = await upload(t.core, admin, file('big.xlsx'));
    // Not while the file is inspected: on two cores its boot would slow the mapping screen.
    expect(t.core.jobs.standbyWorker()).toBeNull();
    expect(await t.core.jobs.prepared()).toBe(false);
    const insp = await inspect(t.core, admin, uploadId, 'customers');
    const ahead = t.core.jobs.standbyWorker();
    expect(ahead).not.toBeNull();
    const gone = exited(ahead!);
    // It and its spare helpers load their modules and say so.
    expect(await t.core.jobs.prepared()).toBe(true);
    // Inspecting again (another header row, another sheet) keeps it.
    await inspect(t.core, admin, uploadId, 'customers');
    expect(t.core.jobs.standbyWorker()).toBe(ahead);
    const status = expectOk(await call(t.core, admin, 'imports.start', { uploadId, kind: 'customers', headerRow: insp.headerRow, mapping: insp.columns.map((c) => c.field) }));
    expect(t.core.jobs.workerOf(status.jobId)).toBe(ahead);
    expect(t.core.jobs.standbyWorker()).toBeNull();
    const done = await finished(t.core, admin, status);
    expect(done.result).toMatchObject({ inserted: 12000, invalid: 0, committed: true });
    expect(counts()).toMatchObject({ customers: 12000, batches: 1 });
    expect(pinyinAsArchive()).toBe(true);
    // Its job done, the thread ends by itself (spare helpers it did not need do not keep it alive).
    await gone;
  });

  it('after a dry run a new one stands by for the import; after the import none', async () => {
    await bigSheet(12000);
    const dry = await finished(t.core, admin, await start(file('big.xlsx'), { dryRun: true }));
    expect(dry.result).toMatchObject({ inserted: 12000, committed: false });
    const next = t.core.jobs.standbyWorker();
    expect(next).not.toBeNull();
    expect(await t.core.jobs.prepared()).toBe(true);
    const uploadId = await upload(t.core, admin, file('big.xlsx'));
    const insp = await inspect(t.core, admin, uploadId, 'customers');
    // Inspecting while one stands by starts no other.
    expect(t.core.jobs.standbyWorker()).toBe(next);
    const status = expectOk(await call(t.core, admin, 'imports.start', { uploadId, kind: 'customers', headerRow: insp.headerRow, mapping: insp.columns.map((c) => c.field) }));
    expect(t.core.jobs.workerOf(status.jobId)).toBe(next);
    expect((await finished(t.core, admin, status)).result).toMatchObject({ inserted: 12000, committed: true });
    expect(t.core.jobs.standbyWorker()).toBeNull();
  });

  it('one that died is replaced by a fresh thread with fresh helpers, and the import is the same', async () => {
    await bigSheet(12000);
    const uploadId = await upload(t.core, admin, file('big.xlsx'));
    const insp = await inspect(t.core, admin, uploadId, 'customers');
    const ahead = t.core.jobs.standbyWorker()!;
    await Promise.all([exited(ahead), ahead.terminate()]);
    expect(t.core.jobs.standbyWorker()).toBeNull();
    const status = expectOk(await call(t.core, admin, 'imports.start', { uploadId, kind: 'customers', headerRow: insp.headerRow, mapping: insp.columns.map((c) => c.field) }));
    const worker = t.core.jobs.workerOf(status.jobId);
    expect(worker).not.toBeNull();
    expect(worker).not.toBe(ahead);
    expect((await finished(t.core, admin, status)).result).toMatchObject({ inserted: 12000, invalid: 0, committed: true });
    expect(pinyinAsArchive()).toBe(true);
  });

  it('one nobody uses is stopped after a while, and the next job starts its own', async () => {
    const quick = openTestCore(undefined, { standbyMs: 300 });
    try {
      const token = await setupAndLogin(quick.core, 'tobacco');
      await writeCustomerSheet(path.join(quick.dir, 'small.xlsx'), 50);
      const uploadId = await upload(quick.core, token, path.join(quick.dir, 'small.xlsx'));
      const insp = await inspect(quick.core, token, uploadId, 'customers');
      const ahead = quick.core.jobs.standbyWorker()!;
      expect(ahead).not.toBeNull();
      await exited(ahead);
      expect(quick.core.jobs.standbyWorker()).toBeNull();
      expect(await quick.core.jobs.prepared()).toBe(false);
      const status = expectOk(await call(quick.core, token, 'imports.start', { uploadId, kind: 'customers', headerRow: insp.headerRow, mapping: insp.columns.map((c) => c.field) }));
      expect((await finished(quick.core, token, status)).result).toMatchObject({ inserted: 50, committed: true });
    } finally {
      quick.close();
    }
  });
});
