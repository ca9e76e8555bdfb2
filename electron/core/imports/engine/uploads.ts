import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_UPLOAD_BYTES } from '../../../../shared/domain/imports';
import { tmpDir } from '../../dataDir';
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
 * Stores uploaded bytes in the data folder (both hosts send them the same way; the web
 * host cannot pass a path). Large files come in pieces: the first call creates the
 * upload, later calls with its id append. Uploads belong to the user who made them.
 */
export function receiveUpload(dataDir: string, userId: number, input: { fileName: string; data: string; uploadId?: string }): Upload {
  const bytes = Buffer.from(input.data, 'base64');
  if (input.uploadId === undefined) {
    const uploadId = randomBytes(12).toString('hex');
    const dir = uploadDir(dataDir, userId, uploadId);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, safeName(input.fileName));
    writeFileSync(file, bytes);
    return { uploadId, fileName: path.basename(file), path: file, size: bytes.length };
  }
  const upload = findUpload(dataDir, userId, input.uploadId);
  if (upload.size + bytes.length > MAX_UPLOAD_BYTES) {
    throw badInput(`文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请拆分后分批导入`, 'data');
  }
  appendFileSync(upload.path, bytes);
  return { ...upload, size: upload.size + bytes.length };
}

export function findUpload(dataDir: string, userId: number, uploadId: string): Upload {
  const dir = /^[0-9a-f]{24}$/.test(uploadId) ? uploadDir(dataDir, userId, uploadId) : '';
  if (!dir || !existsSync(dir)) throw notFound('上传的文件不存在或已过期，请重新选择文件');
  const name = readdirSync(dir)[0];
  if (!name) throw notFound('上传的文件不存在或已过期，请重新选择文件');
  const file = path.join(dir, name);
  return { uploadId, fileName: name, path: file, size: statSync(file).size };
}
