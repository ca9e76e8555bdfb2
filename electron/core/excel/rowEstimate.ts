import { closeSync, openSync, readSync } from 'node:fs';
import { constants, inflateRawSync } from 'node:zlib';
import { listZipEntries, type ZipEntry } from './zip';

/** Compressed bytes read from the head of a sheet: enough for the dimension and a few hundred rows. */
const HEAD_BYTES = 64 * 1024;

function inflatedHead(file: string, entry: ZipEntry): Buffer {
  const fd = openSync(file, 'r');
  try {
    const local = Buffer.alloc(30);
    readSync(fd, local, 0, 30, entry.localHeaderOffset);
    const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const data = Buffer.alloc(Math.min(entry.compressedSize, HEAD_BYTES));
    const n = readSync(fd, data, 0, data.length, start);
    if (entry.method === 0) return data.subarray(0, n);
    // A sync flush lets zlib hand out what the partial input decodes to instead of failing on the cut.
    return inflateRawSync(data.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH });
  } finally {
    closeSync(fd);
  }
}

/**
 * Roughly how many rows a worksheet has, for the progress bar of an import. The
 * byte count of the file is no use there: the streaming reader takes in the
 * compressed sheet long before it has parsed it. Excel, WPS and LibreOffice write
 * `<dimension ref="A1:H40001">`; without it the row density of the sheet's head
 * is scaled to the sheet's uncompressed size. Null when nothing can be said.
 */
export function estimateSheetRows(file: string, part: number | null): number | null {
  if (part === null) return null;
  try {
    const entry = listZipEntries(file).find((e) => e.name === `xl/worksheets/sheet${part}.xml`);
    if (!entry || entry.size === 0) return null;
    const head = inflatedHead(file, entry).toString('utf8');
    const dim = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
    if (dim && Number(dim[1]) > 1) return Number(dim[1]);
    const rows = head.match(/<(?:\w+:)?row[\s>]/g)?.length ?? 0;
    if (!rows) return null;
    return Math.max(rows, Math.round((rows * entry.size) / Buffer.byteLength(head)));
  } catch {
    return null;
  }
}
