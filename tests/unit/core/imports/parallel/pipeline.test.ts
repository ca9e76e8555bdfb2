/**
 * The pipelined customer import (pipeline.ts): on a worker, a big customer file is
 * checked on a helper thread while the job thread already writes. It must store
 * exactly what the sequential import stores, and a refusal, a dry run, a cancel or a
 * terminated worker while it is still reading must leave the database as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../../../electron/core/app';
import { ftsAutomerge } from '../../../../../electron/core/customers/bulk';
import { CHECK_BATCH_ROWS, CHECK_BATCHES_AHEAD, serveCustomerChecks, type CheckHelperControl, type CheckHelperMessage } from '../../../../../electron/core/imports/parallel/checkHelper';
import type { Db } from '../../../../../electron/core/db/connection';
import type { ImportReport } from '../../../../../shared/domain/imports';
import type { JobProgress } from '../../../../../shared/domain/jobs';
import { writeXlsx, type FixtureCell } from '../../../../fixtures/excel';
import { call, createAndLogin, expectOk, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../../helpers/core';
import { finished, generatedOnce, importFile, inspect, openInlineCore, undoBatch, upload } from '../../../helpers/excel';

vi.setConfig({ testTimeout: 180_000 });

/** Rows enough for a file above POOL_MIN_BYTES (512 KB), so a worker job takes the pipelined path. */
const ROWS = 15_000;
const HEADER: FixtureCell[] = ['客户编码', '客户名称', '客户类型', '手机号', '许可证号', '经营地址', '客户分级', '客户经理', '联系人1姓名', '联系人1手机', '标签', '备注'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * A branch's big list: every tenth row without a code (numbered by the import), some
 * rows with a manager, a contact or a tag, one code used twice and one invalid phone.
 */
function bigList(invalidAt: number | null = ROWS - 100): FixtureCell[][] {
  const rows: FixtureCell[][] = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    const code = i % 10 === 0 ? '' : i === 501 ? 'P0000499' : `P${pad(i, 7)}`;
    rows.push([
      code,
      `${['张', '王', '李', '赵', '刘', '单'][i % 6]}记${['便利店', '烟酒店', '超市', '重庆小面'][i % 4]}${i}号`,
      '零售户',
      i === invalidAt ? '1380000' : `13${pad(i, 9)}`,
      `3301${pad(i, 8)}`,
      `城关镇和平路${i}号`,
      ['A', 'B', 'C', 'D'][i % 4],
      i % 5 === 0 ? 'zhangsan' : '',
      i % 4 === 0 ? `联系人${i}` : '',
      i % 4 === 0 ? `139${pad(i, 8)}` : '',
      i % 6 === 0 ? '新开户' : '',
      i % 3 ? '' : '老客户',
    ]);
  }
  return rows;
}

/**
 * What a user can see of the archive, keyed by code (row ids depend on the write order).
 * The history lookup names its index: the worker core's job connection for the big import
 * analyses the tables as it opens (PRAGMA optimize), while they hold the one existing customer,
 * and with statistics saying one row SQLite scans all of customer_changes once per customer
 * (15,000 × 15,000 rows, 5–10 s a call on a busy machine). The rows found are the same.
 */
function archive(db: Db) {
  const customers = db
    .prepare(
      `SELECT c.code, c.name, c.kind, c.mobile, c.address, c.tier, u.name AS manager, c.status, c.notes, c.version, c.deleted_at,
              c.name_pinyin, c.name_initials, c.name_bigrams, c.search_phones,
              (SELECT group_concat(k.name || ':' || k.mobile || ':' || k.sort, '|') FROM contacts k WHERE k.customer_id = c.id) AS contacts,
              (SELECT group_concat(t.tag, '|') FROM customer_tags t WHERE t.customer_id = c.id) AS tags,
              (SELECT group_concat(h.action || ':' || h.field || ':' || coalesce(h.new_value, ''), '|') FROM customer_changes h INDEXED BY customer_changes_customer WHERE h.customer_id = c.id) AS history
       FROM customers c LEFT JOIN users u ON u.id = c.manager_id ORDER BY c.code`,
    )
    .all();
  const search = (q: string) =>
    (db.prepare('SELECT c.code FROM customer_fts_bi f JOIN customers c ON c.id = f.rowid WHERE customer_fts_bi MATCH ? ORDER BY c.code').all(q) as { code: string }[]).map(
      (r) => r.code,
    );
  db.exec("INSERT INTO customer_fts_tri(customer_fts_tri, rank) VALUES ('integrity-check', 1)");
  db.exec("INSERT INTO customer_fts_bi(customer_fts_bi, rank) VALUES ('integrity-check', 1)");
  return {
    customers,
    found: search('小面'),
    trigger: db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'customers_fts_ai'").get(),
    // Off while a big import indexes its rows, then as it was.
    automerge: [ftsAutomerge(db, 'customer_fts_tri'), ftsAutomerge(db, 'customer_fts_bi')],
  };
}

function stored(db: Db) {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM customer_tags) AS tags,
              (SELECT count(*) FROM customer_changes) AS changes, (SELECT count(*) FROM import_batches) AS batches,
              (SELECT v FROM customer_fts_tri_config WHERE k = 'automerge') AS triAutomerge,
              (SELECT v FROM customer_fts_bi_config WHERE k = 'automerge') AS biAutomerge`,
    )
    .get();
}

/** A report without what differs between two runs by nature (batch ids, the job's file). */
const comparable = (r: ImportReport) => ({ ...r, batchId: null });

let piped: TestCore;
let seq: TestCore;
let adminP: string;
let adminS: string;
const clockDate = new Date(2026, 10, 23, 9, 0, 0);
const file = (name: string) => path.join(piped.dir, name);
/** bigList(invalidAt) written to big.xlsx, generated once per variant in this file. */
const bigFile = (invalidAt: number | null = ROWS - 100) => generatedOnce(file('big.xlsx'), `bigList ${invalidAt}`, (f) => writeXlsx(f, bigList(invalidAt)));

beforeEach(async () => {
  piped = openTestCore(makeClock(clockDate));
  seq = openInlineCore(makeClock(clockDate));
  adminP = await setupAndLogin(piped.core, 'tobacco');
  adminS = await setupAndLogin(seq.core, 'tobacco');
  await createAndLogin(piped.core, adminP, 'zhangsan', 'manager');
  await createAndLogin(seq.core, adminS, 'zhangsan', 'manager');
});
afterEach(() => {
  piped.close();
  seq.close();
});

/** Starts an import on the worker core and records its progress events. */
async function startPiped(f: string, extra: { dryRun?: boolean; allOrNothing?: boolean; mode?: 'add' | 'update' | 'skip' } = {}) {
  const events: JobProgress[] = [];
  const off = piped.core.jobs.onProgress((p) => events.push(p));
  const uploadId = await upload(piped.core, adminP, f);
  const insp = await inspect(piped.core, adminP, uploadId, 'customers');
  const status = expectOk(
    await call(piped.core, adminP, 'imports.start', { uploadId, kind: 'customers', headerRow: insp.headerRow, mapping: insp.columns.map((c) => c.field), ...extra }),
  );
  return { status, events, off };
}

/** Written while still reading: the job thread wrote rows before the file was fully checked. */
const overlapped = (events: JobProgress[]) => events.some((e) => e.phase === 'read' && (e.rowsWritten ?? 0) > 0);

async function importBoth(f: string, opts: { mode?: 'add' | 'update' | 'skip' } = {}) {
  const run = await startPiped(f, opts);
  const done = await finished(piped.core, adminP, run.status);
  run.off();
  expect(done.state).toBe('done');
  const sequential = await importFile(seq.core, adminS, f, 'customers', opts);
  return { piped: done.result as ImportReport, seq: sequential.report, overlapped: overlapped(run.events) };
}

describe('pipelined customer import', () => {
  it('stores exactly what the sequential import stores: codes, contacts, tags, pinyin, search index, history, undo', async () => {
    // One customer already in both archives: the file's row with its code is a duplicate.
    await writeXlsx(file('one.xlsx'), [HEADER, ['P0000011', '先有的客户', '零售户', '13800000001', '330199999999', '', 'A', '', '', '', '', '']]);
    await importFile(piped.core, adminP, file('one.xlsx'), 'customers');
    await importFile(seq.core, adminS, file('one.xlsx'), 'customers');

    // A setting of the branch's own survives the import's switching automerge off for its load.
    for (const db of [piped.db, seq.db]) db.exec("INSERT INTO customer_fts_tri (customer_fts_tri, rank) VALUES ('automerge', 6)");
    await bigFile();
    const first = await importBoth(file('big.xlsx'));
    expect(archive(piped.db).automerge).toEqual([6, 4]);
    expect(first.overlapped).toBe(true);
    expect(comparable(first.piped)).toEqual(comparable(first.seq));
    // The existing customer, the code used twice and the bad phone, each reported on its row.
    expect(first.piped).toMatchObject({ committed: true, inserted: ROWS - 3, invalid: 3 });
    expect(first.piped.errors.map((e) => e.row)).toEqual([13, 503, ROWS - 100 + 2]);
    expect(archive(piped.db)).toEqual(archive(seq.db));
    // Every fourth name has 小面, less the existing customer's row (row 13).
    expect(archive(piped.db).found.length).toBe(ROWS / 4 - 1);
    // Rows without a code were numbered from the branch's sequence in file order.
    const auto = piped.db.prepare("SELECT code FROM customers WHERE code NOT LIKE 'P%' ORDER BY code LIMIT 2").all();
    expect(auto).toEqual(seq.db.prepare("SELECT code FROM customers WHERE code NOT LIKE 'P%' ORDER BY code LIMIT 2").all());

    // Updating by code: 3,000 customers change tier and address, a few new ones come in.
    const update: FixtureCell[][] = [HEADER];
    for (let i = 1; i <= 3000; i++) if (i % 10) update.push([`P${pad(i, 7)}`, null, null, null, null, `新址${i}号`, 'D', null, null, null, null, null]);
    for (let i = 0; i < 9000; i++) update.push([`Q${pad(i, 7)}`, `新客户${i}`, '零售户', `15${pad(i, 9)}`, `3302${pad(i, 8)}`, `新区${i}号`, 'B', null, null, null, null, null]);
    await writeXlsx(file('update.xlsx'), update);
    const second = await importBoth(file('update.xlsx'), { mode: 'update' });
    expect(comparable(second.piped)).toEqual(comparable(second.seq));
    // P0000501 never came in: its row carried the duplicated code.
    expect(second.piped).toMatchObject({ committed: true, updated: 2699, inserted: 9000 });
    expect(archive(piped.db)).toEqual(archive(seq.db));

    // Undo the update, then the first import: the same archives again, down to the one customer.
    await undoBatch(piped.core, adminP, second.piped.batchId!);
    await undoBatch(seq.core, adminS, second.seq.batchId!);
    expect(archive(piped.db)).toEqual(archive(seq.db));
    await undoBatch(piped.core, adminP, first.piped.batchId!);
    await undoBatch(seq.core, adminS, first.seq.batchId!);
    expect(archive(piped.db)).toEqual(archive(seq.db));
    // Customers the later batch had touched are kept as deleted records (their history stays), as undo always does.
    expect(piped.db.prepare('SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL').get()).toEqual({ n: 1 });
  });

  it('"import only if every row is valid": an invalid row late in the file rolls back what was already written', async () => {
    const before = stored(piped.db);
    const rows = bigList(ROWS - 5);
    rows[502][0] = 'P0000501'; // no duplicate early on: rows are written until the invalid one comes
    await writeXlsx(file('big.xlsx'), rows);
    const run = await startPiped(file('big.xlsx'), { allOrNothing: true });
    const done = await finished(piped.core, adminP, run.status);
    run.off();
    const r = done.result as ImportReport;
    expect(overlapped(run.events)).toBe(true);
    expect(r).toMatchObject({ committed: false, inserted: 0, batchId: null });
    expect(r.summary).toContain('未导入任何数据');
    expect(r.errors.map((e) => e.row)).toContain(ROWS - 5 + 2);
    expect(stored(piped.db)).toEqual(before);
    expect(archive(piped.db).trigger).toEqual({ n: 1 });
  });

  it('a dry run reports what would be stored and stores nothing', async () => {
    const before = stored(piped.db);
    await bigFile();
    const run = await startPiped(file('big.xlsx'), { dryRun: true });
    const done = await finished(piped.core, adminP, run.status);
    run.off();
    expect(done.result).toMatchObject({ dryRun: true, committed: false, inserted: ROWS - 2, invalid: 2 });
    expect(stored(piped.db)).toEqual(before);
  });

  it('cancelled, or its worker terminated, while rows are being written and the file is still being read: nothing stored', async () => {
    await bigFile(null);
    const before = stored(piped.db);
    const stopWhileReading = async (core: Core, stop: (jobId: string) => Promise<void>) => {
      const run = await startPiped(file('big.xlsx'));
      const stopped = await new Promise<boolean>((resolve) => {
        const off = core.jobs.onProgress((p) => {
          if (p.jobId !== run.status.jobId) return;
          if (p.phase === 'read' && (p.rowsWritten ?? 0) > 0) {
            off();
            void stop(run.status.jobId).then(() => resolve(true));
          } else if (p.phase === 'finish') {
            off();
            resolve(false);
          }
        });
      });
      expect(stopped).toBe(true);
      const done = await finished(core, adminP, run.status);
      run.off();
      return done;
    };
    const cancelled = await stopWhileReading(piped.core, async (jobId) => {
      expectOk(await call(piped.core, adminP, 'jobs.cancel', { jobId }));
    });
    expect(cancelled.state).toBe('cancelled');
    expect(stored(piped.db)).toEqual(before);

    const killed = await stopWhileReading(piped.core, async (jobId) => {
      await piped.core.jobs.workerOf(jobId)!.terminate();
    });
    expect(killed.state).toBe('failed');
    expect(killed.error?.message).toContain('数据未改动');
    expect(stored(piped.db)).toEqual(before);
    expect(piped.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(piped.db.pragma('foreign_key_check')).toEqual([]);
    expect(archive(piped.db).trigger).toEqual({ n: 1 });
  });

  it('a file damaged in the middle: the check helper reports it, the job fails with the reader\'s message and nothing is stored', async () => {
    await bigFile(null);
    const bytes = readFileSync(file('big.xlsx'));
    // Garble compressed sheet data well after the rows the preview reads; the zip directory stays intact.
    for (let i = Math.floor(bytes.length * 0.6); i < Math.floor(bytes.length * 0.6) + 4096; i++) bytes[i] ^= 0x5a;
    writeFileSync(file('damaged.xlsx'), bytes);
    const before = stored(piped.db);
    const run = await startPiped(file('damaged.xlsx'));
    const done = await finished(piped.core, adminP, run.status);
    run.off();
    expect(done.state).toBe('failed');
    // The damage was met while reading, after rows had been checked (not when the file was opened).
    expect(run.events.some((e) => e.phase === 'read' && e.rowsRead > 0)).toBe(true);
    expect(done.error?.message).toMatch(/^文件已损坏或不是有效的 \.xlsx 文件/);
    expect(stored(piped.db)).toEqual(before);
    expect(archive(piped.db).trigger).toEqual({ n: 1 });
  });

  it('the check helper stays a few batches ahead of the writer and goes on as batches are written', async () => {
    await bigFile(null);
    const user = { id: 1, name: 'admin', displayName: '管理员', role: 'admin' as const, fullExport: true };
    const listeners: ((m: CheckHelperControl) => void)[] = [];
    const batches: number[] = [];
    let ended = false;
    const port = {
      on: (_e: 'message', l: (m: CheckHelperControl) => void) => listeners.push(l),
      postMessage: (m: CheckHelperMessage) => {
        if (m.type === 'batch') batches.push(m.seq);
        if (m.type === 'end' || m.type === 'error') ended = true;
      },
    };
    const tell = (m: CheckHelperControl) => listeners.forEach((l) => l(m));
    const params = {
      kind: 'customers' as const,
      filePath: file('big.xlsx'),
      fileName: 'big.xlsx',
      headerRow: 1,
      mapping: ['code', 'name', 'kind', 'mobile', 'licenceNo', 'address', 'tier', 'manager', 'contact1.name', 'contact1.mobile', 'tags', 'notes'],
      mode: 'add' as const,
      allOrNothing: false,
      dryRun: false,
      metrics: [],
    };
    const served = serveCustomerChecks(port as unknown as MessagePort, { role: 'check', dbPath: piped.db.name, params, user, now: clockDate.toISOString(), fileSize: 1 << 20 });
    tell({ type: 'keys', filter: null });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const sent = async (n: number) => {
      for (let waited = 0; batches.length < n && waited < 60_000; waited += 20) await sleep(20);
      // Given time to run further, it does not.
      await sleep(500);
      return [...batches];
    };
    const ahead = CHECK_BATCHES_AHEAD + 1;
    // Nothing written yet: the helper sends the batches it may be ahead by, and waits.
    expect(await sent(ahead)).toEqual([...Array(ahead).keys()]);
    tell({ type: 'written', seq: 1 });
    expect(await sent(ahead + 2)).toEqual([...Array(ahead + 2).keys()]);
    expect(ended).toBe(false);
    // As the writer catches up, the rest of the file is checked and reported.
    for (let seq = 2; !ended; seq++) {
      tell({ type: 'written', seq });
      await new Promise((r) => setTimeout(r, 5));
    }
    await served;
    // Every batch, numbered in order (the last flush may be a short one).
    expect(batches.length).toBeGreaterThanOrEqual(ROWS / CHECK_BATCH_ROWS);
    expect(batches).toEqual(batches.map((_, i) => i));
  });
});

