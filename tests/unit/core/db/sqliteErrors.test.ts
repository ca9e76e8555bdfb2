import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../../electron/core/app';
import { storageError } from '../../../../electron/core/db/sqliteErrors';
import { AppError } from '../../../../electron/core/errors';
import { ADMIN_NAME, ADMIN_PASSWORD, call, expectErr, expectOk, login, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';

/** SQLite's and Node's English, which must never reach the user. */
const ENGLISH = /SqliteError|SQLITE_|not a database|malformed|unable to open|readonly|disk is full|database or disk/i;
const CJK = /[\u4e00-\u9fff]/;

let dir: string | null = null;
let t: TestCore | null = null;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
  t = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/**
 * A full disk, without root or a small file system: the database may not grow by another page,
 * and the pages it has are filled to the last byte (rows of shrinking size until none fits).
 */
function fillDatabase(db: TestCore['db']): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const fill = db.prepare("INSERT INTO audit_log (at, action, detail) VALUES ('2024-06-03 09:00:00', 'login', ?)");
  for (const size of [2000, 200, 20, 1]) {
    try {
      for (let i = 0; i < 100_000; i++) fill.run('x'.repeat(size));
    } catch (e) {
      expect((e as { code?: string }).code).toBe('SQLITE_FULL');
    }
  }
}

function tempDir(): string {
  dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-sqlerr-'));
  return dir;
}

/** openCore's refusal: an AppError with Chinese words and the file's path, never SQLite's English. */
function openRefusal(options: Parameters<typeof openCore>[0]): AppError {
  try {
    openCore(options).close();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.message).toMatch(CJK);
    expect(err.message).not.toMatch(ENGLISH);
    return err;
  }
  return expect.fail('openCore opened a database it should have refused');
}

describe('a database file that cannot be used is refused in Chinese when the core opens', () => {
  it('random bytes: not a database', () => {
    const d = tempDir();
    writeFileSync(path.join(d, 'branchdesk.db'), Buffer.alloc(8192, 0x5a));
    const err = openRefusal({ dataDir: d });
    expect(err.message).toContain('不是 BranchDesk 的数据库');
    expect(err.message).toContain('备份');
    expect(err.message).toContain(path.join(d, 'branchdesk.db'));
  });

  it('a folder where the file should be: cannot be opened', () => {
    const d = tempDir();
    mkdirSync(path.join(d, 'branchdesk.db'));
    expect(openRefusal({ dataDir: d }).message).toContain('无法打开数据库文件');
  });

  it('a damaged file (a valid header over garbage pages): damaged', async () => {
    const d = tempDir();
    const core = openCore({ dataDir: d });
    await setupAndLogin(core);
    core.close();
    // Pages after the first hold the schema's tables: overwrite them.
    const fd = openSync(path.join(d, 'branchdesk.db'), 'r+');
    writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, 4096);
    closeSync(fd);
    const err = openRefusal({ dataDir: d });
    expect(err.message).toMatch(/已损坏|不是 BranchDesk 的数据库/);
  });
});

describe('the router words storage failures of a running core', () => {
  it('a full disk: the call and the next login say 磁盘空间已满, nothing of the refused call is stored', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    t = openTestCore();
    const admin = await setupAndLogin(t.core);
    fillDatabase(t.db);
    const err = expectErr(await call(t.core, admin, 'settings.update', { branchName: '磁盘满了的网点' }), 'INTERNAL');
    expect(err.message).toContain('磁盘空间已满');
    expect(err.message).not.toMatch(ENGLISH);
    // A login writes its audit entry: the same words, not 内部错误.
    const attempt = (await t.core.router.invoke(null, 'auth.login', { name: ADMIN_NAME, password: ADMIN_PASSWORD })).result;
    expect(attempt.ok).toBe(false);
    if (!attempt.ok) expect(attempt.error.message).toContain('磁盘空间已满');
    // Space again: nothing of the refused call was stored, and everything works.
    t.db.pragma('max_page_count = 1073741823');
    expect(expectOk(await call(t.core, admin, 'settings.get', {})).branchName).not.toBe('磁盘满了的网点');
    await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
  });

  it('a read-only database: the change is refused in words that name it, nothing is stored', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    t = openTestCore();
    const admin = await setupAndLogin(t.core);
    t.db.pragma('query_only = ON');
    const err = expectErr(await call(t.core, admin, 'settings.update', { branchName: '只读网点' }), 'INTERNAL');
    expect(err.message).toContain('只读');
    expect(err.message).not.toMatch(ENGLISH);
    t.db.pragma('query_only = OFF');
    expect(expectOk(await call(t.core, admin, 'settings.get', {})).branchName).not.toBe('只读网点');
  });

  it('a file damaged while the app runs: calls and a job on its worker thread say so in Chinese', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    t = openTestCore();
    const admin = await setupAndLogin(t.core);
    // Everything into the file first, so the damage is what the next connection reads.
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const fd = openSync(t.db.name, 'r+');
    writeSync(fd, Buffer.from('not sqlite here!'), 0, 16, 0);
    closeSync(fd);
    const started = expectOk(await call(t.core, admin, 'exports.start', { kind: 'customers', format: 'csv', filter: {} }));
    const done = await t.core.jobs.wait(started.jobId, { id: 1, role: 'admin' });
    expect(done.state).toBe('failed');
    expect(done.error?.message).toContain('不是 BranchDesk 的数据库');
    expect(done.error?.message).not.toMatch(ENGLISH);
  });

  it('a job that meets a full disk fails with the same words (job run on the core connection)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    t = openTestCore(undefined, { inline: true });
    const admin = await setupAndLogin(t.core);
    fillDatabase(t.db);
    const started = await call(t.core, admin, 'exports.start', { kind: 'customers', format: 'csv', filter: {} });
    const error = started.ok ? (await t.core.jobs.wait(started.value.jobId, { id: 1, role: 'admin' })).error : started.error;
    expect(error?.message).toContain('磁盘空间已满');
    expect(error?.message).not.toMatch(ENGLISH);
  });
});

describe('storageError', () => {
  it('maps SQLite primary and extended codes and file-system codes; anything else is not a storage failure', () => {
    const err = (code: string) => Object.assign(new Error('English text'), { code });
    expect(storageError(err('SQLITE_NOTADB'))?.message).toContain('不是 BranchDesk 的数据库');
    expect(storageError(err('SQLITE_CORRUPT_INDEX'))?.message).toContain('已损坏');
    expect(storageError(err('SQLITE_CANTOPEN'))?.message).toContain('无法打开');
    expect(storageError(err('SQLITE_READONLY_DBMOVED'))?.message).toContain('只读');
    expect(storageError(err('SQLITE_FULL'))?.message).toContain('磁盘空间已满');
    expect(storageError(err('SQLITE_IOERR_WRITE'))?.message).toContain('读写数据库文件时出错');
    expect(storageError(err('SQLITE_BUSY'))).toMatchObject({ code: 'CONFLICT' });
    expect(storageError(err('ENOSPC'))?.message).toContain('磁盘空间已满');
    expect(storageError(err('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageError(new TypeError('x'))).toBeNull();
    expect(storageError(null)).toBeNull();
  });
});
