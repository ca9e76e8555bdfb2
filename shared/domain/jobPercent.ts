import type { JobStatus } from './jobs';

/**
 * Share of a job done, 0–100, for its progress bar. An import reads (and checks) in the
 * first half and writes in the second; a big customer import writes while it is still
 * reading (a pipelined import), so the rows it has written already count during the
 * reading half too, and the bar does not sit at 50 % and then jump to the end.
 */
export function jobPercent(job: JobStatus): number {
  if (job.state === 'done') return 100;
  const { phase, done, total, rowsRead, rowsWritten } = job.progress;
  const part = total > 0 ? Math.min(1, done / total) : 0;
  if (job.kind !== 'import') return Math.round((phase === 'finish' ? 1 : part) * 100);
  if (phase === 'queued') return 0;
  if (phase === 'read') {
    const writtenShare = rowsRead > 0 ? Math.min(1, rowsWritten / rowsRead) : 0;
    return Math.round(part * (50 + 48 * writtenShare));
  }
  if (phase === 'validate') return 50;
  if (phase === 'write') return Math.round(50 + part * 48);
  return 99;
}
