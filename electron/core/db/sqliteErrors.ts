import type { ApiError } from '../../../shared/api/result';

/**
 * What the user is told when the database file (or the disk under the data folder)
 * fails, instead of SQLite's English ("file is not a database") or a bare 内部错误. One
 * place for every path that meets such a failure: the router, the job threads, the
 * job runner and openCore. Each message says what happened and what to do.
 */

export const BUSY_MESSAGE = '数据库正被其他操作占用（例如正在导入或撤销大量数据），本次操作未完成，数据未改动。请稍后再试。';

const NOT_A_DATABASE =
  '数据库文件已损坏或不是 BranchDesk 的数据库（文件开头无法识别），本次操作未完成。请关闭程序，从备份恢复数据文件夹中的 branchdesk.db，或联系管理员。';
const CORRUPT =
  '数据库文件已损坏（内部结构不一致），本次操作未完成。请关闭程序，从备份恢复数据文件夹中的 branchdesk.db，或联系管理员。';
const CANT_OPEN =
  '无法打开数据库文件：数据文件夹不存在、没有读写权限，或文件被其他程序锁定。请检查数据文件夹的位置和权限后重新启动程序。';
const READ_ONLY =
  '数据库文件是只读的，修改无法保存（文件或数据文件夹没有写入权限，或位于只读的磁盘上）。本次操作未完成，数据未改动。请检查权限后重试。';
const DISK_FULL = '磁盘空间已满，本次操作未完成，数据未改动。请清理数据文件夹所在磁盘的空间后重试。';
const IO_ERROR =
  '读写数据库文件时出错（磁盘故障、U 盘或网络盘断开，或文件被移走），本次操作未完成。请检查磁盘后重试；如反复出现，请从备份恢复。';
const NO_ACCESS =
  '没有读写数据文件夹中文件的权限（文件或文件夹的权限被修改，或被安全软件拦截），本次操作未完成。请检查权限后重试。';
const NO_MEMORY = '内存不足，本次操作未完成，数据未改动。请关闭其他程序后重试。';
const TOO_BIG = '内容太大，数据库无法保存，本次操作未完成。请减少内容后重试。';

/** SQLite's primary result code names (better-sqlite3 gives extended ones such as SQLITE_IOERR_WRITE). */
const BY_SQLITE_CODE: Record<string, { code: ApiError['code']; message: string }> = {
  SQLITE_BUSY: { code: 'CONFLICT', message: BUSY_MESSAGE },
  SQLITE_LOCKED: { code: 'CONFLICT', message: BUSY_MESSAGE },
  SQLITE_NOTADB: { code: 'INTERNAL', message: NOT_A_DATABASE },
  SQLITE_CORRUPT: { code: 'INTERNAL', message: CORRUPT },
  SQLITE_CANTOPEN: { code: 'INTERNAL', message: CANT_OPEN },
  SQLITE_READONLY: { code: 'INTERNAL', message: READ_ONLY },
  SQLITE_PERM: { code: 'INTERNAL', message: READ_ONLY },
  SQLITE_FULL: { code: 'INTERNAL', message: DISK_FULL },
  SQLITE_IOERR: { code: 'INTERNAL', message: IO_ERROR },
  SQLITE_NOMEM: { code: 'INTERNAL', message: NO_MEMORY },
  SQLITE_TOOBIG: { code: 'BAD_INPUT', message: TOO_BIG },
};

/** The same conditions met by file writes beside the database (uploads, attachments, job files). */
const BY_ERRNO: Record<string, { code: ApiError['code']; message: string }> = {
  ENOSPC: { code: 'INTERNAL', message: DISK_FULL },
  EDQUOT: { code: 'INTERNAL', message: DISK_FULL },
  EROFS: { code: 'INTERNAL', message: READ_ONLY },
  EACCES: { code: 'INTERNAL', message: NO_ACCESS },
  EPERM: { code: 'INTERNAL', message: NO_ACCESS },
  EIO: { code: 'INTERNAL', message: IO_ERROR },
  ENOMEM: { code: 'INTERNAL', message: NO_MEMORY },
};

function errorCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * The answer for a storage failure, or null when `err` is not one (a bug: the caller
 * logs it and answers its generic message). SQLite's extended codes map by their
 * primary part: SQLITE_IOERR_WRITE is an SQLITE_IOERR.
 */
export function storageError(err: unknown): ApiError | null {
  const code = errorCode(err);
  if (!code) return null;
  if (code.startsWith('SQLITE_')) {
    const primary = code.match(/^SQLITE_[A-Z]+/)?.[0] ?? code;
    const known = BY_SQLITE_CODE[primary];
    return known ? { ...known } : null;
  }
  const known = BY_ERRNO[code];
  return known ? { ...known } : null;
}

/** A storage failure is the machine's, not a bug: logged in one line, without a stack. */
export function describeForLog(err: unknown): string {
  const code = errorCode(err) ?? 'unknown';
  return `${code}: ${err instanceof Error ? err.message : String(err)}`;
}
