import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobPhase, JobStatus } from '../../../shared/domain/jobs';
import { jobPercent } from '../../../shared/domain/jobPercent';
import { errorMessage, invoke, onJobProgress } from '../api/client';
import './job.css';

/** How often the web host's page asks for progress; Electron also pushes it on 'bd:progress'. */
const POLL_MS = 400;

export interface JobHandle {
  job: JobStatus | null;
  /** A call failed while following the job (the job itself may still run). */
  error: string;
  /** Follow a job the core just started. */
  follow(status: JobStatus): void;
  cancel(): Promise<void>;
  reset(): void;
  running: boolean;
}

/**
 * Follows a long job (import, export, undo) until it ends: polls jobs.status and,
 * in Electron, takes pushed progress in between so the bar moves smoothly.
 * The page stays usable the whole time; the work runs on a worker thread.
 */
export function useJob(onEnd?: (status: JobStatus) => void): JobHandle {
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState('');
  const ended = useRef(onEnd);
  ended.current = onEnd;
  const jobId = job?.jobId;
  const running = job?.state === 'running';

  useEffect(() => {
    if (!jobId || !running) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const s = await invoke('jobs.status', { jobId });
        if (!alive) return;
        setJob(s);
        if (s.state !== 'running') {
          ended.current?.(s);
          return;
        }
      } catch (e) {
        if (!alive) return;
        setError(errorMessage(e));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    const off = onJobProgress((p) => {
      if (p.jobId !== jobId) return;
      setJob((j) => (j && j.jobId === p.jobId && j.state === 'running' ? { ...j, progress: { ...j.progress, done: p.done, total: p.total, message: p.message ?? j.progress.message } } : j));
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      off();
    };
  }, [jobId, running]);

  const follow = useCallback((s: JobStatus) => {
    setError('');
    setJob(s);
    if (s.state !== 'running') ended.current?.(s);
  }, []);

  const cancel = useCallback(async () => {
    if (!jobId) return;
    try {
      setJob(await invoke('jobs.cancel', { jobId }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [jobId]);

  const reset = useCallback(() => {
    setJob(null);
    setError('');
  }, []);

  return { job, error, follow, cancel, reset, running };
}

const PHASE_LABELS: Record<JobPhase, string> = {
  queued: '排队中',
  read: '读取',
  validate: '检查',
  write: '写入',
  finish: '收尾',
};


const STATE_LABELS: Record<JobStatus['state'], string> = {
  running: '进行中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
};

/** A labelled progress bar with the job's own words under it and a cancel button while it runs. */
export function JobProgressBar({ job, onCancel, title }: { job: JobStatus; onCancel?: () => void; title?: string }) {
  const pct = jobPercent(job);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className={`job-progress ${job.state}`} data-testid="job-progress">
      <div className="job-progress-head">
        <strong>{title ?? job.label}</strong>
        <span className="job-progress-state">
          {job.state === 'running' ? `${PHASE_LABELS[job.progress.phase]} · ${pct}%` : STATE_LABELS[job.state]}
        </span>
      </div>
      <div className="job-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={title ?? job.label}>
        <div className="job-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="job-progress-foot">
        <span className="job-progress-message" data-testid="job-message">
          {job.state === 'failed' ? job.error?.message ?? '任务失败' : job.progress.message}
        </span>
        {job.state === 'running' && onCancel ? (
          confirming ? (
            <span className="actions">
              <span className="muted">{job.kind === 'export' ? '取消后不会生成文件' : '取消后本次不会写入任何数据'}</span>
              <button type="button" className="btn small danger" onClick={onCancel}>
                确认取消
              </button>
              <button type="button" className="btn small" onClick={() => setConfirming(false)}>
                继续
              </button>
            </span>
          ) : (
            <button type="button" className="btn small" onClick={() => setConfirming(true)}>
              取消
            </button>
          )
        ) : null}
      </div>
    </div>
  );
}
