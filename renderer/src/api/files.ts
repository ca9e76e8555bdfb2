import { MAX_UPLOAD_BYTES, XLS_MESSAGE, type UploadReceipt } from '../../../shared/domain/imports';
import { TRANSFER_CHUNK_BYTES, type FileChunk } from '../../../shared/domain/jobs';
import { invoke } from './client';

/**
 * Moving files between the screen and the core. Both hosts carry calls as JSON,
 * so bytes travel as base64 in pieces of at most TRANSFER_CHUNK_BYTES; a 50 MB
 * workbook is seven calls, and the progress bar moves with each.
 */

/** Reads a File or Blob as plain base64 (no data: prefix), the form the core's calls take. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*;base64,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsDataURL(blob);
  });
}

/** Why a file cannot be imported, said before any byte is sent (the core checks again). */
export function importFileProblem(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls')) return XLS_MESSAGE;
  if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) return `「${file.name}」不是 .xlsx 或 .csv 文件，请选择 Excel 工作簿（.xlsx）或 CSV 文件`;
  if (file.size === 0) return `「${file.name}」是空文件`;
  if (file.size > MAX_UPLOAD_BYTES) return `「${file.name}」超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请拆分后分批导入`;
  return null;
}

/** Uploads a file in pieces; `onProgress(sent, total)` after each piece. */
export async function uploadFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<UploadReceipt> {
  let receipt: UploadReceipt | null = null;
  let offset = 0;
  do {
    const piece = file.slice(offset, offset + TRANSFER_CHUNK_BYTES);
    const data = await blobToBase64(piece);
    receipt = await invoke('imports.upload', { fileName: file.name, data, ...(receipt ? { uploadId: receipt.uploadId } : {}) });
    offset += piece.size;
    onProgress?.(offset, file.size);
  } while (offset < file.size);
  return receipt;
}

function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function base64ToBlob(data: string, mime: string): Blob {
  return new Blob([base64Bytes(data)], { type: mime });
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

function mimeOf(fileName: string): string {
  return MIME[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/**
 * Hands a file to the user. An <a download> works the same in the web host (the
 * browser's download) and in Electron (its save dialog); nothing navigates away.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in Chromium; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads every piece of a file the core hands out (reading on from nextOffset) and saves it. */
export async function downloadPieces(first: (offset: number) => Promise<FileChunk>, keep?: (blob: Blob, head: FileChunk) => void): Promise<FileChunk> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let chunk = await first(0);
  const head = chunk;
  parts.push(base64Bytes(chunk.data));
  while (chunk.nextOffset !== null) {
    chunk = await first(chunk.nextOffset);
    parts.push(base64Bytes(chunk.data));
  }
  const blob = new Blob(parts, { type: mimeOf(head.fileName) });
  keep?.(blob, head);
  saveBlob(blob, head.fileName);
  return head;
}

/**
 * The core deletes a job's file once it has handed it over (personal data), so 再次保存 and a
 * second 下载错误行 save the copy this page already has. Only the last few: an export can be large.
 */
const savedJobFiles = new Map<string, { blob: Blob; head: FileChunk }>();
const SAVED_JOB_FILES = 2;

/** Saves a job's output (an export) or its error workbook (an import's invalid rows). */
export async function downloadJobFile(jobId: string, file: 'output' | 'errors'): Promise<FileChunk> {
  const key = `${jobId}/${file}`;
  const saved = savedJobFiles.get(key);
  if (saved) {
    saveBlob(saved.blob, saved.head.fileName);
    return saved.head;
  }
  return downloadPieces(
    (offset) => invoke('jobs.download', { jobId, file, offset }),
    (blob, head) => {
      savedJobFiles.set(key, { blob, head });
      while (savedJobFiles.size > SAVED_JOB_FILES) savedJobFiles.delete(savedJobFiles.keys().next().value!);
    },
  );
}
