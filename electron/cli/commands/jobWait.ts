import { renameSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import type { FileChunk, JobStatus } from '../../../shared/domain/excel';
import { apiError } from '../errors';
import { progress } from '../output';
import type { CliSession } from '../session';

const POLL_MS = 250;

/**
 * Polls a job through the API (as the web host's screens do) until it ends; progress
 * goes to stderr when it is a terminal. A failed or cancelled job becomes the CLI's error.
 */
export async function waitForJob(session: CliSession, first: JobStatus, showProgress: boolean): Promise<JobStatus> {
  let status = first;
  let last = '';
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    status = await session.call('jobs.status', { jobId: status.jobId });
    const line = status.progress.message;
    if (showProgress && line && line !== last) {
      progress(line);
      last = line;
    }
  }
  if (status.state !== 'done') throw apiError(status.error ?? { code: 'INTERNAL', message: '后台任务失败' });
  return status;
}

/** Fetches a job's file in pieces and writes it to `dest` (temp file + rename: never half a file). */
export async function downloadJobFile(session: CliSession, jobId: string, file: 'output' | 'errors', dest: string): Promise<number> {
  const tmp = `${dest}.part`;
  closeSync(openSync(tmp, 'w'));
  let offset: number | null = 0;
  let size = 0;
  try {
    while (offset !== null) {
      const chunk: FileChunk = await session.call('jobs.download', { jobId, file, offset });
      writeFileSync(tmp, Buffer.from(chunk.data, 'base64'), { flag: 'a' });
      size = chunk.size;
      offset = chunk.nextOffset;
    }
    renameSync(tmp, dest);
    return size;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
