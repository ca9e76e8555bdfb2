/** The progress bar's figure: an import's reading half, its writing half, and a pipelined import that writes while it reads. */
import { describe, expect, it } from 'vitest';
import type { JobProgress, JobStatus } from '../../../../shared/domain/jobs';
import { jobPercent } from '../../../../shared/domain/jobPercent';

function job(kind: JobStatus['kind'], p: Partial<JobProgress>, state: JobStatus['state'] = 'running'): JobStatus {
  return {
    jobId: 'j',
    kind,
    label: '导入',
    state,
    progress: { jobId: 'j', kind, phase: 'read', done: 0, total: 0, message: '', rowsRead: 0, rowsValidated: 0, rowsWritten: 0, ...p },
    startedAt: '2026-11-23 09:00:00',
    finishedAt: null,
    result: null,
    error: null,
    files: [],
  } as JobStatus;
}

describe('jobPercent', () => {
  it('a sequential import: reading is the first half, writing the second', () => {
    expect(jobPercent(job('import', { phase: 'queued' }))).toBe(0);
    expect(jobPercent(job('import', { phase: 'read', done: 40_000, total: 100_000, rowsRead: 40_000 }))).toBe(20);
    expect(jobPercent(job('import', { phase: 'validate', done: 1, total: 1 }))).toBe(50);
    expect(jobPercent(job('import', { phase: 'write', done: 50_000, total: 100_000, rowsWritten: 50_000 }))).toBe(74);
    expect(jobPercent(job('import', { phase: 'finish' }))).toBe(99);
    expect(jobPercent(job('import', { phase: 'finish' }, 'done'))).toBe(100);
  });

  it('a pipelined import counts the rows it wrote while reading, so the bar moves evenly into the writing half', () => {
    const reading = (read: number, written: number) => jobPercent(job('import', { phase: 'read', done: read, total: 100_000, rowsRead: read, rowsWritten: written }));
    expect(reading(40_000, 39_000)).toBe(39);
    expect(reading(99_000, 98_000)).toBeGreaterThan(90);
    // Then the last rows are written: the writing half picks up where reading left off.
    expect(jobPercent(job('import', { phase: 'write', done: 99_000, total: 100_000, rowsWritten: 99_000 }))).toBeGreaterThanOrEqual(reading(99_000, 98_000));
  });

  it('exports and undos count their own rows from 0 to 100', () => {
    expect(jobPercent(job('export', { phase: 'write', done: 250, total: 1000 }))).toBe(25);
    expect(jobPercent(job('importUndo', { phase: 'finish', done: 0, total: 0 }))).toBe(100);
  });
});
