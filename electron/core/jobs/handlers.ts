import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { TRANSFER_CHUNK_BYTES, type FileChunk } from '../../../shared/domain/jobs';
import { requireUser, type HandlerMap } from '../context';
import { badInput } from '../errors';

/** One piece of a file, base64: both hosts carry it as JSON, so big files go in pieces. */
export function readChunk(file: string, fileName: string, offset: number): FileChunk {
  const size = statSync(file).size;
  if (offset > size) throw badInput('下载位置超出文件大小', 'offset');
  const length = Math.min(TRANSFER_CHUNK_BYTES, size - offset);
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  const next = offset + length;
  return { fileName, size, offset, data: buf.toString('base64'), nextOffset: next < size ? next : null };
}

export const jobHandlers: HandlerMap<'jobs.status' | 'jobs.cancel' | 'jobs.download'> = {
  'jobs.status': (ctx, input) => ctx.jobs.status(input.jobId, requireUser(ctx)),
  'jobs.cancel': (ctx, input) => ctx.jobs.cancel(input.jobId, requireUser(ctx)),
  'jobs.download': (ctx, input) => {
    const user = requireUser(ctx);
    const f = ctx.jobs.file(input.jobId, user, input.file);
    const chunk = readChunk(f.path, f.fileName, input.offset);
    // Handed over to the end: the copy in the data folder (personal data) is not kept.
    if (chunk.nextOffset === null) ctx.jobs.handedOver(input.jobId, user, input.file);
    return chunk;
  },
};
