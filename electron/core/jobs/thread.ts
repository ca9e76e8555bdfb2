/**
 * Body of a job's worker thread: its own SQLite connection (WAL lets the app keep
 * reading while the job writes), one task, progress messages, then exit. If the
 * thread is terminated or the process killed half-way, the task's open transaction
 * is never committed, so the database keeps its state from before the job.
 *
 * The worker script (`electron/core/worker.ts`) calls `serveThread` with the task table
 * and the helper roles: this file loads nothing of them until its role asks for it.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { JobProgress } from '../../../shared/domain/jobs';
import { describeForLog, storageError } from '../db/sqliteErrors';
import type { StandbyInput, StandbyMessage, StandbyReady, WorkerData, WorkerInput, WorkerMessage } from './protocol';
import type { HelperData, SpareData, SpareMessage } from './spares';
import type { Ahead, TaskTable } from './tasks';
import type { TaskContext } from './types';

/** A helper thread's code: `serve` does its work for the thread that started (or took) it. */
export interface HelperModule {
  /** Done while a spare stands by (e.g. a dictionary built on first use), so its work starts at once. */
  warm?(): void;
  serve(port: MessagePort, input: never): void;
}

/** The helper roles a task starts threads for, and how each loads its module. */
export type HelperTable = Record<string, () => Promise<HelperModule>>;

const PROGRESS_INTERVAL_MS = 150;

/** A job thread's own modules (loaded once: a standby thread loads them before its job arrives). */
const jobModules = () => Promise.all([import('../db/connection'), import('../db/durableCommit'), import('../errors'), import('./tasks'), import('./types')]);

/** `ahead`: what a standby thread started for this job's task; whatever the job leaves unused is stopped. */
async function runJob(tasks: TaskTable, input: WorkerInput, ahead?: Ahead): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const [{ openDatabase }, { checkpointNow }, { AppError }, { runTask }, { CancelledError }] = await jobModules();
  const flag = new Int32Array(input.cancelFlag);
  const send = (m: WorkerMessage) => port.postMessage(m);
  const pending: Partial<JobProgress> = {};
  let last = 0;
  let db: ReturnType<typeof openDatabase> | null = null;
  try {
    // Inside the try: a database damaged or gone since the job was started is answered like any failure.
    db = openDatabase(input.dbPath, { nativeBinding: input.nativeBinding, migrate: false });
    const ctx: TaskContext = {
      db,
      user: input.user,
      now: new Date(input.now),
      jobId: input.jobId,
      jobDir: input.jobDir,
      dataDir: input.dataDir,
      host: input.host,
      workerEntry: input.workerEntry,
      nativeBinding: input.nativeBinding,
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
    };
    const result = await runTask(tasks, input.spec, ctx, ahead);
    send({ type: 'progress', progress: { ...pending } });
    send({ type: 'done', result });
    // After the answer, not before it: a big import commits without checkpointing (durableCommit.ts).
    checkpointNow(db);
  } catch (e) {
    const storage = storageError(e);
    if (e instanceof CancelledError) send({ type: 'error', error: { code: 'CONFLICT', message: '已取消，数据未改动' }, cancelled: true });
    else if (e instanceof AppError) send({ type: 'error', error: e.toApiError(), cancelled: false });
    // A full disk or a damaged file is the machine's problem, told as such (and logged in one line).
    else if (storage) send({ type: 'error', error: storage, cancelled: false, internal: describeForLog(e) });
    else {
      send({
        type: 'error',
        error: { code: 'INTERNAL', message: '后台任务出错，数据未改动。请重试或联系管理员。' },
        cancelled: false,
        internal: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
    }
  } finally {
    ahead?.close();
    db?.close();
  }
}

/**
 * A job thread standing by: what the task starts ahead starts first (its helpers boot on
 * the other core meanwhile), then the modules a job and its task need are loaded.
 */
async function standBy(tasks: TaskTable, data: StandbyInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const task = tasks[data.task];
  const startAhead = data.ahead ? await task.ahead?.() : undefined;
  const ahead = startAhead?.(data.workerEntry);
  let taken = false;
  port.once('message', (m: StandbyMessage) => {
    taken = true;
    // What was started for another kind of task is of no use to this job.
    const own = m.input.spec.type === data.task ? ahead : undefined;
    if (!own) ahead?.close();
    void runJob(tasks, m.input, own);
  });
  await Promise.all([jobModules(), task.load(), ahead?.ready]);
  // Once taken, this thread's messages are its job's.
  if (!taken) port.postMessage({ type: 'ready' } satisfies StandbyReady);
}

/** A helper standing by: its module is loaded (and warmed) now, its work comes in one message. */
async function spareHelper(helpers: HelperTable, data: SpareData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const helper = Object.hasOwn(helpers, data.helper) ? await helpers[data.helper]() : undefined;
  helper?.warm?.();
  port.once('message', ({ input }: SpareMessage) => {
    if (helper && input.role === data.helper) helper.serve(port, input as never);
  });
  data.ready.postMessage('ready');
  data.ready.close();
}

/**
 * Serves this thread's role (its workerData). Each role loads only its own modules: a
 * helper thread starts in a fraction of the time (it needs neither the database nor the
 * tasks), which the job waits for.
 */
export function serveThread(tasks: TaskTable, helpers: HelperTable): void {
  const data = workerData as WorkerData | null;
  const port = parentPort;
  if (!data || !port) return;
  if (data.role === 'job') void runJob(tasks, data as WorkerInput);
  else if (data.role === 'standby') void standBy(tasks, data as StandbyInput);
  else if (data.role === 'spare') void spareHelper(helpers, data as SpareData);
  else {
    const load = Object.hasOwn(helpers, data.role) ? helpers[data.role] : undefined;
    if (load) void load().then((helper) => helper.serve(port, data as HelperData as never));
  }
}
