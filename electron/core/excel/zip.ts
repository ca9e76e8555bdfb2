import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** An entry of a zip's central directory: enough to find and read one small part. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipStructureError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** End record (22 bytes) plus the longest possible comment. */
const EOCD_SEARCH = 22 + 0xffff;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buf, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return buf.subarray(0, read);
}

/**
 * Lists a zip's entries from its central directory. A zip cut short (a half-copied
 * file, an interrupted download) has no end record, which is caught here before
 * any streaming reader starts and gets stuck on it.
 */
export function listZipEntries(file: string): ZipEntry[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailStart = Math.max(0, size - EOCD_SEARCH);
    const tail = readAt(fd, tailStart, size - tailStart);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipStructureError('文件不完整（可能在复制或下载时被截断）');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    // Zip64 archives mark these fields 0xFFFFFFFF; a spreadsheet never needs that, so trust what can be checked.
    if (cdOffset !== 0xffffffff && cdOffset + cdSize > size) throw new ZipStructureError('文件不完整（目录区超出文件末尾）');
    const cd = readAt(fd, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count && p + 46 <= cd.length; i++) {
      if (cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new ZipStructureError('压缩包目录已损坏');
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      entries.push({
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
        name: cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

function dataStart(fd: number, entry: ZipEntry): number {
  const local = readAt(fd, entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipStructureError(`压缩包中的 ${entry.name} 已损坏`);
  return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/** Where an entry's (compressed) bytes start in the file: for streaming a large part. */
export function zipEntryDataStart(file: string, entry: ZipEntry): number {
  const fd = openSync(file, 'r');
  try {
    return dataStart(fd, entry);
  } finally {
    closeSync(fd);
  }
}

/** Reads one (small) entry, e.g. xl/workbook.xml for the sheet names. */
export function readZipEntry(file: string, entry: ZipEntry): Buffer {
  const fd = openSync(file, 'r');
  try {
    const start = dataStart(fd, entry);
    const data = readAt(fd, start, entry.compressedSize);
    if (data.length < entry.compressedSize) throw new ZipStructureError(`压缩包中的 ${entry.name} 不完整`);
    if (entry.method === 0) return data;
    if (entry.method === 8) return inflateRawSync(data);
    throw new ZipStructureError(`压缩包中的 ${entry.name} 使用了不支持的压缩方式`);
  } finally {
    closeSync(fd);
  }
}
