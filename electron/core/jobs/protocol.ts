import type { AuditHost } from '../../../shared/api/audit';
/**
 * What the runner and a job's thread say to each other. The same worker script serves
 * every role (`electron/core/worker.ts`): a job, a job thread standing by, or one of a
 * task's helper threads (fresh, or standing by as a spare).
 */
import type { ApiError } from '../../../shared/api/result';
import type { JobKind, JobProgress } from '../../../shared/domain/jobs';
import type { HelperData, SpareData } from './spares';
import type { AnyJobSpec } from './tasks';
import type { JobUser, TaskResult } from './types';

export interface WorkerInput {
  spec: AnyJobSpec;
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
  /** The app the job was started in, for its audit entry. */
  host?: AuditHost;
}

/**
 * A job thread started ahead of its job (runner.prepare): it loads the modules of `task`,
 * and with `ahead` starts what that task's `ahead` hook starts (its spare helpers), says
 * `{ type: 'ready' }` once all have loaded, and waits for one `StandbyMessage`.
 */
export interface StandbyInput {
  role: 'standby';
  task: JobKind;
  ahead: boolean;
  /** This script's own path, for the spare helpers. */
  workerEntry: string;
}

export interface StandbyMessage {
  type: 'run';
  input: WorkerInput;
}

/** A standby thread's one message of its own: it and what it started ahead have loaded. */
export interface StandbyReady {
  type: 'ready';
}

/** A thread's start data, by role; any other role is one of a task's helpers. */
export type WorkerData = ({ role: 'job' } & WorkerInput) | StandbyInput | SpareData | HelperData;

export type WorkerMessage =
  | { type: 'progress'; progress: Partial<JobProgress> }
  | { type: 'done'; result: TaskResult }
  | { type: 'error'; error: ApiError; cancelled: boolean; internal?: string };
