import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { AuditHost } from '../../../shared/api/audit';
import type { ApiError } from '../../../shared/api/result';
import type { JobKind, JobProgress, JobStatus } from '../../../shared/domain/jobs';
import { localTimestamp } from '../clock';
import { TempArea } from '../dataDir';
import type { Db } from '../db/connection';
import { checkpointNow } from '../db/durableCommit';
import { describeForLog, storageError } from '../db/sqliteErrors';
import { AppError, conflict, notFound } from '../errors';
import type { StandbyInput, StandbyMessage, StandbyReady, WorkerInput, WorkerMessage } from './protocol';
import { startWorker } from './spawn';
import { runTask, type JobSpec, type TaskTable } from './tasks';
import { CancelledError, type JobFile, type JobUser, type TaskResult } from './types';

/** How the core's caller wants its jobs run (CoreOptions.jobs). */
export interface JobRunnerOptions {
  /**
   * The worker script. Electron passes the bundled `worker.js` (an extra rollup input
   * next to out/main/index.js); unset, the core finds its own (workerEntry.ts).
   */
  workerEntry?: string | URL;
  /** Run jobs on the calling thread with the core's own connection: only for tests that are not about the worker. */
  inline?: boolean;
  /**
   * How long a job thread started ahead (`prepare`) waits for its job before it is
   * stopped; tests shorten it. 0: no thread is started ahead (the bench's cold import).
   */
  standbyMs?: number;
}

export interface JobRunnerDeps<T extends TaskTable> {
  db: Db;
  dbPath: string;
  dataDir: string;
  nativeBinding?: string;
  now?: () => Date;
  /** The tasks this runner runs (the core's task table): it knows none of its own. */
  tasks: T;
  /** What a job that writes is refused with while another one that writes is running. */
  writeBusyMessage: string;
  /** The worker script the job threads run; null: jobs run inline (JobRunnerOptions.inline). */
  workerEntry: string | null;
  /** The app this runner serves, handed to every task for its audit entries. */
  host?: AuditHost;
  /** The core's temp folders: each job's files live in one of them (a runner made without one gets its own). */
  temp?: TempArea;
  standbyMs?: number;
}

interface Job {
  id: string;
  owner: JobUser;
  label: string;
  kind: JobStatus['kind'];
  state: JobStatus['state'];
  progress: JobProgress;
  startedAt: string;
  finishedAt: string | null;
  result: TaskResult['report'] | null;
  error: ApiError | null;
  files: JobFile[];
  cancelFlag: Int32Array;
  worker: Worker | null;
  done: Promise<void>;
  markDone: () => void;
  writes: boolean;
  finishedMs: number;
  /** Once this job has ended, a job thread is started ahead for the next one (a dry run's import follows it). */
  prepareNext: Preparation | null;
  /** The job's private folder for its files. */
  dir: string;
  /** Told once, when the job has ended (the import handler removes the job's upload). */
  onEnd: ((state: JobStatus['state']) => void) | null;
  /** Removes the job's files FILE_KEEP_MS after it ended, if nobody fetched them. */
  fileTimer: NodeJS.Timeout | null;
}

/**
 * What a job thread started ahead is for: a job of kind `task`; with `ahead`, it also
 * starts what that task's `ahead` hook starts (a big customer import: its check and search helpers).
 */
export interface Preparation {
  task: JobKind;
  ahead: boolean;
}

/** A job thread started ahead, loading its modules until a job is given to it. */
interface Standby {
  worker: Worker;
  task: JobKind;
  ahead: boolean;
  alive: boolean;
  timer: NodeJS.Timeout;
  /** True once the thread (and what it started ahead) have loaded; false if it died or was stopped first. */
  ready: Promise<boolean>;
  settle: (ready: boolean) => void;
  /** Removes the standby's own listeners (not removeAllListeners: that also drops the Worker's own, and its messages then stay queued). */
  detach: () => void;
}

/** Jobs are forgotten this long after they end (their status and report, kept in memory). */
const KEEP_FINISHED_MS = 6 * 60 * 60_000;
/**
 * A finished job's files (an export, an import's invalid rows: personal data) are deleted
 * once handed over completely (`handedOver`), or this long after the job ended.
 */
export const FILE_KEEP_MS = 10 * 60_000;
/** A worker that ignores cancel this long (stuck in one statement) is terminated: SQLite rolls back. */
const CANCEL_GRACE_MS = 10_000;
/** A finished job's worker still checkpoints the WAL (a big import's copy takes seconds) before it exits. */
const WORKER_EXIT_GRACE_MS = 60_000;
/**
 * A job thread started ahead (with an import's helpers, about 85 MB) is stopped when no
 * job came for it this long: the user has left the import wizard.
 */
const STANDBY_MS = 10 * 60_000;
const PROGRESS_INTERVAL_MS = 150;

const FAILED_MESSAGE = '后台任务意外中止，数据未改动。请重试或联系管理员。';

function toApiError(e: unknown): ApiError {
  if (e instanceof AppError) return e.toApiError();
  if (e instanceof CancelledError) return { code: 'CONFLICT', message: '已取消，数据未改动' };
  const storage = storageError(e);
  if (storage) {
    if (storage.code !== 'CONFLICT') console.error(`[jobs] task failed: ${describeForLog(e)}`);
    return storage;
  }
  console.error('[jobs] task failed', e);
  return { code: 'INTERNAL', message: FAILED_MESSAGE };
}

/**
 * Runs long jobs (the tasks of its table: imports, undo, exports) on worker threads,
 * each with its own SQLite connection, and keeps their status for polling (web host) and
 * pushes progress to listeners (Electron forwards them to the window as 'bd:progress').
 */
export class JobRunner<T extends TaskTable = TaskTable> {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<(p: JobProgress) => void>();
  private readonly now: () => Date;
  private readonly entry: string | null;
  private standby: Standby | null = null;
  private closed = false;
  private readonly temp: TempArea;

  constructor(private readonly deps: JobRunnerDeps<T>) {
    this.now = deps.now ?? (() => new Date());
    this.entry = deps.workerEntry;
    this.temp = deps.temp ?? new TempArea(deps.dataDir);
  }

  /** Progress events of every job; returns the unsubscribe function. */
  onProgress(listener: (p: JobProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a job for `owner`. Jobs that write (the task says so: import, undo) run one at
   * a time: two imports would only queue on SQLite's write lock and the second could time out.
   */
  start(spec: JobSpec<T>, owner: JobUser, label: string, options: { prepareNext?: Preparation; onEnd?: (state: JobStatus['state']) => void } = {}): JobStatus {
    this.evict();
    const writes = this.deps.tasks[spec.type].writes;
    if (writes && [...this.jobs.values()].some((j) => j.writes && j.state === 'running')) {
      throw conflict(this.deps.writeBusyMessage);
    }
    const id = randomUUID();
    const jobDir = this.temp.create('jobs', id);
    const kind = spec.type;
    let markDone = () => {};
    const done = new Promise<void>((resolve) => (markDone = resolve));
    const job: Job = {
      id,
      owner,
      label,
      kind,
      state: 'running',
      progress: { jobId: id, kind, phase: 'queued', done: 0, total: 0, message: '准备中…', rowsRead: 0, rowsValidated: 0, rowsWritten: 0 },
      startedAt: localTimestamp(this.now()),
      finishedAt: null,
      result: null,
      error: null,
      files: [],
      cancelFlag: new Int32Array(new SharedArrayBuffer(4)),
      worker: null,
      done,
      markDone,
      writes,
      finishedMs: 0,
      prepareNext: options.prepareNext ?? null,
      dir: jobDir,
      onEnd: options.onEnd ?? null,
      fileTimer: null,
    };
    this.jobs.set(id, job);
    const input: WorkerInput = {
      spec,
      user: owner,
      now: this.now().toISOString(),
      jobId: id,
      jobDir,
      dataDir: this.deps.dataDir,
      dbPath: this.deps.dbPath,
      nativeBinding: this.deps.nativeBinding,
      cancelFlag: job.cancelFlag.buffer as SharedArrayBuffer,
      workerEntry: this.entry ?? undefined,
      host: this.deps.host,
    };
    if (this.entry === null) void this.runInline(job, input);
    else this.runWorker(job, input, this.entry);
    return this.view(job);
  }

  private emit(job: Job, p: Partial<JobProgress>): void {
    Object.assign(job.progress, p);
    const snapshot = { ...job.progress };
    for (const l of this.listeners) {
      try {
        l(snapshot);
      } catch (e) {
        console.error('[jobs] progress listener failed', e);
      }
    }
  }

  private finish(job: Job, outcome: { result?: TaskResult; error?: unknown }): void {
    if (job.state !== 'running') return;
    job.finishedAt = localTimestamp(this.now());
    job.finishedMs = Date.now();
    const worker = job.worker;
    job.worker = null;
    if (worker) {
      // The worker ends by itself once it has checkpointed the WAL and closed its connection;
      // this only guards against a stray handle keeping it alive (an unfinished checkpoint is safe to cut).
      setTimeout(() => void worker.terminate(), WORKER_EXIT_GRACE_MS).unref();
    }
    if (outcome.result) {
      job.state = 'done';
      job.result = outcome.result.report;
      job.files = outcome.result.files;
      this.emit(job, { phase: 'finish', done: job.progress.total || 1, total: job.progress.total || 1, message: outcome.result.report.summary });
    } else {
      const cancelled = outcome.error instanceof CancelledError || Atomics.load(job.cancelFlag, 0) === 1;
      job.state = cancelled ? 'cancelled' : 'failed';
      job.error = cancelled ? { code: 'CONFLICT', message: '已取消，数据未改动' } : toApiError(outcome.error);
      this.emit(job, { phase: 'finish', message: job.error.message });
    }
    if (job.files.length) {
      job.fileTimer = setTimeout(() => this.dropFiles(job), FILE_KEEP_MS);
      job.fileTimer.unref();
    } else {
      // Nothing to hand over (failed, cancelled, or a task without files): whatever it wrote goes now.
      // A worker that is still stopping may hold a file open: the close or the next start removes it then.
      this.temp.remove(job.dir);
    }
    try {
      job.onEnd?.(job.state);
    } catch (e) {
      console.error('[jobs] end of job hook failed', e);
    }
    job.markDone();
    if (job.prepareNext && job.state === 'done') this.prepare(job.prepareNext);
  }

  /**
   * Starts a job thread ahead of the job the user is about to start (the import wizard
   * calls it once a file has been inspected): the thread loads the task's modules, and
   * with `ahead` starts what the task starts ahead (an import's helper threads), meanwhile,
   * so the job starts working at once. Starting a job takes it; unused, it stops after
   * `standbyMs`. It opens no database until it has a job.
   */
  prepare(p: Preparation): void {
    if (this.entry === null || this.closed || this.deps.standbyMs === 0) return;
    const current = this.standby;
    if (current?.alive && current.task === p.task && (current.ahead || !p.ahead)) {
      current.timer.refresh();
      return;
    }
    this.dropStandby();
    let worker: Worker;
    try {
      worker = startWorker(this.entry, { role: 'standby', task: p.task, ahead: p.ahead, workerEntry: this.entry } satisfies StandbyInput);
    } catch (e) {
      console.error('[jobs] could not start a job thread ahead', e);
      return;
    }
    // Standing by must not keep the process alive (CLI, tests).
    worker.unref();
    let settle: (ready: boolean) => void = () => undefined;
    const ready = new Promise<boolean>((resolve) => (settle = resolve));
    const timer = setTimeout(() => this.dropStandby(), this.deps.standbyMs ?? STANDBY_MS);
    timer.unref();
    const died = () => {
      standby.alive = false;
      settle(false);
      if (this.standby === standby) this.dropStandby();
    };
    const loaded = (m: StandbyReady) => {
      if (m.type === 'ready') settle(true);
    };
    const detach = () => {
      worker.off('message', loaded);
      worker.off('error', died);
      worker.off('exit', died);
    };
    const standby: Standby = { worker, task: p.task, ahead: p.ahead, alive: true, timer, ready, settle, detach };
    worker.on('message', loaded);
    worker.on('error', died);
    worker.on('exit', died);
    this.standby = standby;
  }

  /**
   * Resolves true once the job thread started ahead and what it started have loaded; false
   * when none stands by or it stopped first. For the bench, which starts its import as a
   * user does: not within a second of the preview.
   */
  prepared(): Promise<boolean> {
    return this.standby?.ready ?? Promise.resolve(false);
  }

  /** For tests: the job thread standing by, or null. */
  standbyWorker(): Worker | null {
    return this.standby?.alive ? this.standby.worker : null;
  }

  /** The job thread standing by, taken for a job; null when there is none. */
  private takeStandby(): Worker | null {
    const standby = this.standby;
    if (!standby) return null;
    this.standby = null;
    clearTimeout(standby.timer);
    standby.detach();
    standby.settle(false);
    if (!standby.alive) return null;
    standby.worker.ref();
    return standby.worker;
  }

  private dropStandby(): void {
    const standby = this.standby;
    this.standby = null;
    if (!standby) return;
    clearTimeout(standby.timer);
    standby.settle(false);
    void standby.worker.terminate();
  }

  private async runInline(job: Job, input: WorkerInput): Promise<void> {
    // Let start() return first, as it does with a worker.
    await Promise.resolve();
    let last = 0;
    try {
      const result = await runTask(this.deps.tasks, input.spec, {
        db: this.deps.db,
        user: input.user,
        now: new Date(input.now),
        jobId: input.jobId,
        jobDir: input.jobDir,
        dataDir: input.dataDir,
        host: input.host,
        progress: (p) => {
          Object.assign(job.progress, p);
          const t = Date.now();
          if (t - last >= PROGRESS_INTERVAL_MS) {
            last = t;
            this.emit(job, {});
          }
        },
        checkCancelled: () => {
          if (Atomics.load(job.cancelFlag, 0) === 1) throw new CancelledError();
        },
      });
      this.finish(job, { result });
      // As the worker does once it has answered: a big import committed without checkpointing.
      checkpointNow(this.deps.db);
    } catch (error) {
      this.finish(job, { error });
    }
  }

  private runWorker(job: Job, input: WorkerInput, entry: string): void {
    let worker: Worker;
    try {
      const ready = this.takeStandby();
      if (ready) ready.postMessage({ type: 'run', input } satisfies StandbyMessage);
      worker = ready ?? startWorker(entry, { role: 'job', ...input });
    } catch (error) {
      this.finish(job, { error });
      return;
    }
    job.worker = worker;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') this.emit(job, m.progress);
      else if (m.type === 'done') this.finish(job, { result: m.result });
      else if (m.type === 'error') {
        const { code, message, ...extra } = m.error;
        this.finish(job, { error: m.cancelled ? new CancelledError() : new AppError(code, message, extra) });
        if (m.internal) console.error('[jobs] worker task failed:', m.internal);
      }
    });
    worker.on('error', (error) => {
      console.error('[jobs] worker crashed', error);
      this.finish(job, { error: new AppError('INTERNAL', FAILED_MESSAGE) });
    });
    worker.on('exit', () => {
      // Exit without an answer (terminated, out of memory): the open transaction died with it.
      this.finish(job, { error: Atomics.load(job.cancelFlag, 0) === 1 ? new CancelledError() : new AppError('INTERNAL', FAILED_MESSAGE) });
    });
  }

  private get(jobId: string, user: JobUser | { id: number; role: string }): Job {
    const job = this.jobs.get(jobId);
    // Another user's job answers like a missing one.
    if (!job || (job.owner.id !== user.id && user.role !== 'admin')) throw notFound('任务不存在或已过期');
    return job;
  }

  private view(job: Job): JobStatus {
    return {
      jobId: job.id,
      kind: job.kind,
      label: job.label,
      state: job.state,
      progress: { ...job.progress },
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      result: job.result,
      error: job.error,
      files: job.files.filter((f) => existsSync(f.path)).map((f) => ({ file: f.file, fileName: f.fileName, size: statSync(f.path).size })),
    };
  }

  status(jobId: string, user: { id: number; role: string }): JobStatus {
    return this.view(this.get(jobId, user));
  }

  /** Asks the job to stop; it rolls back and ends as 'cancelled'. A worker that does not stop in time is terminated. */
  cancel(jobId: string, user: { id: number; role: string }): JobStatus {
    const job = this.get(jobId, user);
    if (job.state !== 'running') return this.view(job);
    Atomics.store(job.cancelFlag, 0, 1);
    this.emit(job, { message: '正在取消…' });
    const worker = job.worker;
    if (worker) {
      const timer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
      timer.unref();
    }
    return this.view(job);
  }

  /** Resolves when the job has ended (CLI, tests). */
  async wait(jobId: string, user: { id: number; role: string }): Promise<JobStatus> {
    const job = this.get(jobId, user);
    await job.done;
    return this.view(job);
  }

  file(jobId: string, user: { id: number; role: string }, which: JobFile['file']): JobFile {
    const job = this.get(jobId, user);
    const f = job.files.find((x) => x.file === which);
    if (!f || !existsSync(f.path)) {
      throw notFound(which === 'errors' ? '该任务没有错误行文件，或文件已下载过或已过期（完成后保留10分钟）' : '该任务没有可下载的文件，或文件已下载过或已过期（完成后保留10分钟）');
    }
    return f;
  }

  /** The last piece of a job's file has been handed out: the copy in the data folder goes. */
  handedOver(jobId: string, user: { id: number; role: string }, which: JobFile['file']): void {
    const job = this.get(jobId, user);
    const f = job.files.find((x) => x.file === which);
    if (!f) return;
    rmSync(f.path, { force: true });
    job.files = job.files.filter((x) => x !== f);
    if (!job.files.length) this.dropFiles(job);
  }

  private dropFiles(job: Job): void {
    if (job.fileTimer) clearTimeout(job.fileTimer);
    job.fileTimer = null;
    job.files = [];
    this.temp.remove(job.dir);
  }

  /** For the kill test: the worker of a running job. */
  workerOf(jobId: string): Worker | null {
    return this.jobs.get(jobId)?.worker ?? null;
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      if (job.state !== 'running' && now - job.finishedMs > KEEP_FINISHED_MS) {
        this.jobs.delete(id);
        this.dropFiles(job);
      }
    }
  }

  /** Stops every running job (app quit): their transactions roll back. */
  async close(): Promise<void> {
    this.closed = true;
    this.dropStandby();
    const running = [...this.jobs.values()].filter((j) => j.state === 'running');
    for (const j of running) Atomics.store(j.cancelFlag, 0, 1);
    await Promise.all(running.map((j) => j.worker?.terminate()));
  }
}
