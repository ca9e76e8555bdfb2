import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../../../electron/core/app';
import { MAX_PENDING_UPLOAD_BYTES, UPLOAD_IDLE_MS } from '../../../../../electron/core/imports/engine/uploads';
import { writeCsv } from '../../../../fixtures/excel';
import { call, callRaw, createAndLogin, expectErr, expectOk, setupAndLogin, type TestCore } from '../../../helpers/core';
import { finished, inspect, openInlineCore, upload } from '../../../helpers/excel';

/**
 * Issue 15 item 4: an upload (names, ID numbers, mobiles) does not outlive its import, an
 * abandoned one goes after its idle time, a killed process's at the next start, and one
 * account cannot pile up uploads.
 */

let t: TestCore;
let admin: string;
let tmp: string;
beforeEach(async () => {
  t = openInlineCore();
  admin = await setupAndLogin(t.core);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-uploads-'));
});
afterEach(() => {
  t.close();
  rmSync(tmp, { recursive: true, force: true });
});

const uploadsDir = (dataDir = t.dir) => path.join(dataDir, 'tmp', 'uploads');
const uploadsLeft = (dataDir = t.dir) => (existsSync(uploadsDir(dataDir)) ? readdirSync(uploadsDir(dataDir)) : []);

function customersCsv(name = '客户.csv'): string {
  return writeCsv(path.join(tmp, name), [['客户名称', '客户类型', '手机号'], ['张三', '个人', '13812345678'], ['李四', '个人', '13912345678']], 'utf-8');
}

async function start(uploadId: string, dryRun: boolean) {
  const ins = await inspect(t.core, admin, uploadId, 'customers');
  const status = expectOk(
    await call(t.core, admin, 'imports.start', { uploadId, kind: 'customers', headerRow: ins.headerRow, mapping: ins.columns.map((c) => c.field), dryRun }),
  );
  return finished(t.core, admin, status);
}

describe('an upload lives until its import ends', () => {
  it('a dry run keeps it for the import; the import removes it', async () => {
    const uploadId = await upload(t.core, admin, customersCsv());
    expect(uploadsLeft()).toHaveLength(1);
    expect((await start(uploadId, true)).state).toBe('done');
    expect(uploadsLeft()).toHaveLength(1);
    expect((await start(uploadId, false)).state).toBe('done');
    expect(uploadsLeft()).toEqual([]);
    // Asking for it again: the usual Chinese answer for an upload that is gone.
    expect(expectErr(await call(t.core, admin, 'imports.inspect', { uploadId, kind: 'customers' }), 'NOT_FOUND').message).toContain('请重新选择文件');
  });

  it('a cancelled or failed import removes it too', async () => {
    const uploadId = await upload(t.core, admin, customersCsv());
    const ins = await inspect(t.core, admin, uploadId, 'customers');
    const status = expectOk(
      await call(t.core, admin, 'imports.start', { uploadId, kind: 'customers', headerRow: ins.headerRow, mapping: ins.columns.map((c) => c.field) }),
    );
    // Inline jobs start on the next tick: the cancel flag is up before the first row.
    expectOk(await call(t.core, admin, 'jobs.cancel', { jobId: status.jobId }));
    expect((await finished(t.core, admin, status)).state).toBe('cancelled');
    expect(uploadsLeft()).toEqual([]);
  });

  it('one not used for its idle time is removed by the next upload (and by the core every few minutes)', async () => {
    await upload(t.core, admin, customersCsv('a.csv'));
    const [left] = uploadsLeft();
    const dir = path.join(uploadsDir(), left);
    const long = new Date(Date.now() - UPLOAD_IDLE_MS - 60_000);
    for (const f of readdirSync(dir)) utimesSync(path.join(dir, f), long, long);
    utimesSync(dir, long, long);
    await upload(t.core, admin, customersCsv('b.csv'));
    expect(uploadsLeft()).toHaveLength(1);
    expect(uploadsLeft()).not.toContain(left);
  });

  it('the core removes its own uploads when it closes', async () => {
    await upload(t.core, admin, customersCsv());
    expect(uploadsLeft()).toHaveLength(1);
    t.core.close();
    expect(uploadsLeft()).toEqual([]);
    // afterEach closes again: harmless.
    t = { ...t, close: () => rmSync(t.dir, { recursive: true, force: true }) };
  });

  it('a file named .. is stored under a safe name and inspected in Chinese, not an internal error', async () => {
    const data = Buffer.from('客户名称,客户类型\n张三,个人\n').toString('base64');
    const r = expectOk(await call(t.core, admin, 'imports.upload', { fileName: '..', data }));
    expect(r.fileName).toBe('upload');
    const ins = await callRaw(t.core, admin, 'imports.inspect', { uploadId: r.uploadId, kind: 'customers' });
    if (!ins.ok) expect(ins.error.code).not.toBe('INTERNAL');
    for (const name of ['.', '../..', 'a/..', 'CON.xlsx', '.owner']) {
      const u = await callRaw(t.core, admin, 'imports.upload', { fileName: name, data });
      expect(u.ok, `${name}: ${JSON.stringify(u)}`).toBe(true);
    }
  });
});

describe('leftovers of a killed process', () => {
  it('are removed at the next start; a live process keeps its own', () => {
    const dataDir = path.join(tmp, 'data');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const mark = (name: string, pid: number) => {
      const dir = path.join(uploadsDir(dataDir), name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, '身份证号.xlsx'), 'personal data');
      writeFileSync(path.join(dir, '.owner'), JSON.stringify({ pid }));
    };
    mark(`1-${'a'.repeat(24)}`, dead);
    mark(`1-${'b'.repeat(24)}`, process.pid);
    const jobDir = path.join(dataDir, 'tmp', 'jobs', 'killed-job');
    mkdirSync(jobDir, { recursive: true });
    writeFileSync(path.join(jobDir, '.owner'), JSON.stringify({ pid: dead }));
    const core = openCore({ dataDir });
    try {
      expect(uploadsLeft(dataDir)).toEqual([`1-${'b'.repeat(24)}`]);
      expect(existsSync(jobDir)).toBe(false);
    } finally {
      core.close();
    }
  });
});

describe('how much one account may upload at once', () => {
  it('pending uploads over the limit are refused in Chinese; another account is not affected', async () => {
    const mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
    const data = Buffer.from('客户名称,客户类型\n张三,个人\n').toString('base64');
    const first = expectOk(await call(t.core, mgr.token, 'imports.upload', { fileName: 'a.csv', data }));
    // Grow the pending upload to the limit without writing 100 MB (a sparse file counts its size).
    const dir = path.join(uploadsDir(), `${mgr.id}-${first.uploadId}`);
    truncateSync(path.join(dir, 'a.csv'), MAX_PENDING_UPLOAD_BYTES);
    const err = expectErr(await call(t.core, mgr.token, 'imports.upload', { fileName: 'b.csv', data }), 'BAD_INPUT');
    expect(err.message).toContain('每个账号');
    expect(err.message).toContain('MB');
    expect(err.message).not.toMatch(/[A-Za-z]{4,}/);
    expectOk(await call(t.core, admin, 'imports.upload', { fileName: 'c.csv', data }));
  });
});

describe('job files are not kept once handed over', () => {
  it('an export is deleted when its last piece has been downloaded; asking again is NOT_FOUND in Chinese', async () => {
    const done = await finished(t.core, admin, expectOk(await call(t.core, admin, 'exports.start', { kind: 'customers', format: 'csv', filter: {} })));
    expect(done.state).toBe('done');
    const jobDir = path.join(t.dir, 'tmp', 'jobs', done.jobId);
    expect(readdirSync(jobDir).filter((f) => f !== '.owner')).toHaveLength(1);
    let offset: number | null = 0;
    while (offset !== null) offset = expectOk(await call(t.core, admin, 'jobs.download', { jobId: done.jobId, file: 'output', offset })).nextOffset;
    expect(existsSync(jobDir)).toBe(false);
    const again = expectErr(await call(t.core, admin, 'jobs.download', { jobId: done.jobId, file: 'output', offset: 0 }), 'NOT_FOUND');
    expect(again.message).toContain('已下载过');
  });
});
