import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_UPLOAD_BYTES } from '../../../../shared/domain/imports';
import { tmpDir, type TempArea } from '../../dataDir';
import { badInput, notFound } from '../../errors';

export interface Upload {
  uploadId: string;
  fileName: string;
  path: string;
  size: number;
}

/** Only what the file name needs for display and its extension; the path never comes from the user. */
function safeName(name: string): string {
  // Control characters (never part of a real file name) are dropped, reserved ones replaced.
  const printable = Array.from(name.replace(/\\/g, '/'))
    .filter((ch) => ch.charCodeAt(0) >= 32)
    .join('');
  // Windows drops trailing dots and spaces; `.` and `..` name folders, not files (EISDIR);
  // CON, NUL, COM1 … are devices there whatever the extension.
  const base = path
    .basename(printable)
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/[. ]+$/, '');
  // A leading dot would hide the file (and could collide with the folder's owner mark).
  const safe = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(base) ? `_${base}` : base.startsWith('.') ? `upload${base}` : base;
  return (safe || 'upload').slice(-120);
}

function uploadDir(dataDir: string, userId: number, uploadId: string): string {
  return tmpDir(dataDir, 'uploads', `${userId}-${uploadId}`);
}

/**
 * How long an upload waits for its next use (another piece, a look at its columns, a dry run
 * or the import) before it counts as abandoned and is removed: the user left the wizard.
 */
export const UPLOAD_IDLE_MS = 30 * 60_000;
/** Pending uploads of one account together: two files at the size limit. */
export const MAX_PENDING_UPLOAD_BYTES = 2 * MAX_UPLOAD_BYTES;

const MB = 1024 * 1024;

/** Uploads an import of this process is reading right now: never removed as abandoned. */
const reading = new Set<string>();

function pendingBytes(dataDir: string, userId: number): number {
  const root = tmpDir(dataDir, 'uploads');
  if (!existsSync(root)) return 0;
  let total = 0;
  for (const name of readdirSync(root)) {
    if (!name.startsWith(`${userId}-`)) continue;
    try {
      const dir = path.join(root, name);
      for (const f of readdirSync(dir)) total += statSync(path.join(dir, f)).size;
    } catch {
      // Removed meanwhile.
    }
  }
  return total;
}

function checkPending(temp: TempArea, userId: number, adding: number): void {
  sweepAbandonedUploads(temp);
  const pending = pendingBytes(temp.dataDir, userId);
  if (pending + adding > MAX_PENDING_UPLOAD_BYTES) {
    throw badInput(
      `您还有未完成导入的上传文件共 ${Math.ceil(pending / MB)} MB，再上传将超过每个账号 ${MAX_PENDING_UPLOAD_BYTES / MB} MB 的上限。请先完成或放弃正在进行的导入（${UPLOAD_IDLE_MS / 60_000} 分钟未使用的上传文件会自动删除）后再上传。`,
      'data',
    );
  }
}

/**
 * Stores uploaded bytes in the data folder (both hosts send them the same way; the web
 * host cannot pass a path). Large files come in pieces: the first call creates the
 * upload, later calls with its id append. Uploads belong to the user who made them, and
 * one account's pending uploads together stay under MAX_PENDING_UPLOAD_BYTES.
 */
export function receiveUpload(temp: TempArea, userId: number, input: { fileName: string; data: string; uploadId?: string }): Upload {
  const bytes = Buffer.from(input.data, 'base64');
  if (input.uploadId === undefined) {
    checkPending(temp, userId, bytes.length);
    const uploadId = randomBytes(12).toString('hex');
    const dir = temp.create('uploads', `${userId}-${uploadId}`);
    const file = path.join(dir, safeName(input.fileName));
    writeFileSync(file, bytes);
    return { uploadId, fileName: path.basename(file), path: file, size: bytes.length };
  }
  const upload = findUpload(temp, userId, input.uploadId);
  if (upload.size + bytes.length > MAX_UPLOAD_BYTES) {
    throw badInput(`文件超过 ${MAX_UPLOAD_BYTES / MB} MB，请拆分后分批导入`, 'data');
  }
  checkPending(temp, userId, bytes.length);
  appendFileSync(upload.path, bytes);
  return { ...upload, size: upload.size + bytes.length };
}

/** The caller's upload; finding it counts as a use (its idle time starts again). */
export function findUpload(temp: TempArea, userId: number, uploadId: string): Upload {
  const dir = /^[0-9a-f]{24}$/.test(uploadId) ? uploadDir(temp.dataDir, userId, uploadId) : '';
  if (!dir || !existsSync(dir)) throw notFound('上传的文件不存在或已过期，请重新选择文件');
  const name = temp.files(dir)[0];
  if (!name) throw notFound('上传的文件不存在或已过期，请重新选择文件');
  const file = path.join(dir, name);
  const now = new Date();
  utimesSync(file, now, now);
  return { uploadId, fileName: name, path: file, size: statSync(file).size };
}

/**
 * The rule for an upload's life (personal data: names, ID numbers, mobiles):
 * - an import (not a dry run) that ends — done, failed or cancelled — removes its upload
 *   (`uploadUsed` with `dryRun: false`); the wizard sends the file again if the user retries;
 * - a dry run keeps it for the import that usually follows, and its end starts the idle time again;
 * - one not used for UPLOAD_IDLE_MS is removed by this core's sweeps (each new upload, and
 *   every few minutes), unless an import is reading it;
 * - the core's close removes the rest of its own, and a start removes those of a process that is
 *   gone (killed: dataDir.sweepTemp).
 */
export function uploadInUse(upload: Upload): () => void {
  reading.add(upload.path);
  return () => reading.delete(upload.path);
}

export function uploadUsed(temp: TempArea, upload: Upload, dryRun: boolean): void {
  const dir = path.dirname(upload.path);
  if (!dryRun) {
    temp.remove(dir);
    return;
  }
  try {
    const now = new Date();
    utimesSync(upload.path, now, now);
  } catch {
    // Removed meanwhile.
  }
}

/** Removes this core's uploads nobody has used for UPLOAD_IDLE_MS. */
export function sweepAbandonedUploads(temp: TempArea, now = Date.now()): void {
  const root = tmpDir(temp.dataDir, 'uploads');
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const dir = path.join(root, name);
    if (!temp.owns(dir)) continue;
    try {
      const files = temp.files(dir);
      if (files.some((f) => reading.has(path.join(dir, f)))) continue;
      const last = Math.max(statSync(dir).mtimeMs, ...files.map((f) => statSync(path.join(dir, f)).mtimeMs));
      if (now - last > UPLOAD_IDLE_MS) temp.remove(dir);
    } catch {
      // Removed meanwhile.
    }
  }
}
