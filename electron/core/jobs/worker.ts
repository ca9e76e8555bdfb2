/**
 * Entry of a job's worker thread: its own SQLite connection (WAL lets the app keep
 * reading while the job writes), one task, progress messages, then exit. If the
 * thread is terminated or the process killed half-way, the task's open transaction
 * is never committed, so the database keeps its state from before the job.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ApiError } from '../../../shared/api/result';
import type { JobProgress } from '../../../shared/domain/jobs';
import type { CheckHelperInput } from '../imports/parallel/checkHelper';
import type { SearchHelperInput } from '../imports/parallel/searchPool';
import type { SpareHelperData, SpareHelperMessage, SpareHelpers } from './spareHelpers';
import type { JobSpec, JobUser, TaskResult } from './types';

export interface WorkerInput {
  spec: JobSpec;
  user: JobUser;
  /** ISO time the job was started. */
  now: string;
  jobId: string;
  jobDir: string;
  dataDir: string;
  dbPath: string;
  nativeBinding?: string;
  /** Int32 flag: 1 = cancel requested (read between rows, so it works while the thread is busy). */
  cancelFlag: SharedArrayBuffer;
  /** This script's own path, for the job's helper threads. */
  workerEntry?: string;
}

/**
 * A job thread started ahead of its job (runner.prepare): it loads its modules, and with
 * `helpers` starts spare import helpers, says `{ type: 'ready' }` once all have loaded,
 * and waits for one `StandbyMessage`.
 */
export interface StandbyInput {
  role: 'standby';
  helpers: boolean;
  /** This script's own path, for the spare helpers. */
  workerEntry: string;
}

export interface StandbyMessage {
  type: 'run';
  input: WorkerInput;
}

/** A standby thread's one message of its own: it and its spare helpers have loaded. */
export interface StandbyReady {
  type: 'ready';
}

/**
 * The same script serves these roles: a job, a job thread standing by, one of an
 * import's helpers (search columns, row checks), or such a helper standing by.
 */
export type WorkerData = ({ role: 'job' } & WorkerInput) | StandbyInput | SearchHelperInput | CheckHelperInput | SpareHelperData;

export type WorkerMessage =
  | { type: 'progress'; progress: Partial<JobProgress> }
  | { type: 'done'; result: TaskResult }
  | { type: 'error'; error: ApiError; cancelled: boolean; internal?: string };

const PROGRESS_INTERVAL_MS = 150;

/** A job thread's modules (loaded once: a standby thread loads them before its job arrives). */
const jobModules = () =>
  Promise.all([import('../db/connection'), import('../db/durableCommit'), import('../errors'), import('./tasks'), import('./types')]);

/** `spare`: helper threads started ahead for an import (a standby thread's); whatever the job leaves unused is stopped. */
async function runJob(input: WorkerInput, spare?: SpareHelpers): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const [{ openDatabase }, { checkpointNow }, { AppError }, { runTask }, { CancelledError }] = await jobModules();
  const flag = new Int32Array(input.cancelFlag);
  const send = (m: WorkerMessage) => port.postMessage(m);
  const db = openDatabase(input.dbPath, { nativeBinding: input.nativeBinding, migrate: false });
  const pending: Partial<JobProgress> = {};
  let last = 0;
  try {
    const result = await runTask(input.spec, {
      db,
      user: input.user,
      now: new Date(input.now),
      jobId: input.jobId,
      jobDir: input.jobDir,
      dataDir: input.dataDir,
      workerEntry: input.workerEntry,
      nativeBinding: input.nativeBinding,
      spareHelpers: spare,
      progress: (p) => {
        // A new phase goes out at once: the bar's steps are not skipped, however short one is.
        const newPhase = p.phase !== undefined && p.phase !== pending.phase;
        Object.assign(pending, p);
        const t = Date.now();
        if (newPhase || t - last >= PROGRESS_INTERVAL_MS) {
          last = t;
          send({ type: 'progress', progress: { ...pending } });
        }
      },
      checkCancelled: () => {
        if (Atomics.load(flag, 0) === 1) throw new CancelledError();
      },
    });
    send({ type: 'progress', progress: { ...pending } });
    send({ type: 'done', result });
    // After the answer, not before it: a big import commits without checkpointing (durableCommit.ts).
    checkpointNow(db);
  } catch (e) {
    if (e instanceof CancelledError) send({ type: 'error', error: { code: 'CONFLICT', message: '已取消，数据未改动' }, cancelled: true });
    else if (e instanceof AppError) send({ type: 'error', error: e.toApiError(), cancelled: false });
    else {
      send({
        type: 'error',
        error: { code: 'INTERNAL', message: '后台任务出错，数据未改动。请重试或联系管理员。' },
        cancelled: false,
        internal: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
    }
  } finally {
    spare?.close();
    db.close();
  }
}

/**
 * A job thread standing by: the spare helpers start first (they boot on the other core
 * meanwhile), then the modules a job and an import need are loaded.
 */
async function standBy(data: StandbyInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const spare = data.helpers ? (await import('./spareHelpers')).spareHelpers(data.workerEntry) : undefined;
  let taken = false;
  port.once('message', (m: StandbyMessage) => {
    taken = true;
    void runJob(m.input, spare);
  });
  await Promise.all([jobModules(), import('../imports/engine/run'), spare?.ready]);
  // Once taken, this thread's messages are its job's.
  if (!taken) port.postMessage({ type: 'ready' } satisfies StandbyReady);
}

/** A helper standing by: its module is loaded (and pinyin-pro's dictionary built) now, its work comes in one message. */
async function spareHelper(data: SpareHelperData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const checks = data.helper === 'check' ? await import('../imports/parallel/checkHelper') : null;
  const search = data.helper === 'search' ? await import('../imports/parallel/searchPool') : null;
  search?.warmNameSearch();
  port.once('message', ({ input }: SpareHelperMessage) => {
    if (input.role === 'check' && checks) void checks.serveCustomerChecks(port, input);
    else if (input.role === 'search' && search) search.serveNameSearch(port, input.names);
  });
  data.ready.postMessage('ready');
  data.ready.close();
}

// Each role loads only its own modules: an import's helper thread starts in a fraction
// of the time (they need neither the database nor the other tasks), which the job waits for.
const data = workerData as WorkerData;
const port = parentPort;
if (data?.role === 'search') {
  if (port) void import('../imports/parallel/searchPool').then(({ serveNameSearch }) => serveNameSearch(port, data.names));
} else if (data?.role === 'check') {
  if (port) void import('../imports/parallel/checkHelper').then(({ serveCustomerChecks }) => serveCustomerChecks(port, data));
} else if (data?.role === 'job') {
  void runJob(data);
} else if (data?.role === 'standby') {
  void standBy(data);
} else if (data?.role === 'spare') {
  void spareHelper(data);
}
