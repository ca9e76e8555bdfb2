/**
 * What a task is to the runner. The runner knows no task: the core's task table
 * (`electron/core/tasks.ts`) names each job kind and how to load its code, and hands the
 * table to the runner (main thread) and to the job threads (`electron/core/worker.ts`).
 */
import type { JobKind } from '../../../shared/domain/jobs';
import type { TaskContext, TaskResult } from './types';

/**
 * Something a thread standing by for a task started for it (runner.prepare), e.g. helper
 * threads that boot while the user still looks at the screen. The task gets it with its
 * job; the job thread closes it once the job is over (whatever the task left unused).
 */
export interface Ahead {
  /** Resolves once it has loaded (or given up: the task then does without it). */
  ready: Promise<void>;
  close(): void;
}

/** A task's code: runs one job. `ahead`: what a thread standing by started for it, if any. */
export type TaskRun<TParams, TAhead extends Ahead | undefined> = (ctx: TaskContext, params: TParams, ahead?: TAhead) => Promise<TaskResult>;

export interface TaskDef<TParams, TAhead extends Ahead | undefined = undefined> {
  /** Jobs that write run one at a time: two would only queue on SQLite's write lock and the second could time out. */
  writes: boolean;
  /** Loads the task's modules: a job's thread starts with this (a thread standing by, before its job arrives). */
  load(): Promise<TaskRun<TParams, TAhead>>;
  /**
   * Loads what a thread standing by for this task starts ahead (runner.prepare with
   * `ahead`). Kept apart from `load` and light: it is started before the task's modules
   * are loaded, so it boots meanwhile. `workerEntry`: the worker script, for helper threads.
   */
  ahead?(): Promise<(workerEntry: string) => TAhead>;
}

/** Declares a task, checking that its code takes what its `ahead` hook starts. */
export function defineTask<TParams, TAhead extends Ahead | undefined = undefined>(def: TaskDef<TParams, TAhead>): TaskDef<TParams, TAhead> {
  return def;
}

/** Any task, as the runner and the job threads handle it. */
export interface AnyTask {
  writes: boolean;
  load(): Promise<(ctx: TaskContext, params: never, ahead: never) => Promise<TaskResult>>;
  ahead?(): Promise<(workerEntry: string) => Ahead>;
}

/** Every job kind the jobs API knows, with its task. */
export type TaskTable = Record<JobKind, AnyTask>;

export type ParamsOf<D> = D extends { load(): Promise<(ctx: TaskContext, params: infer P, ...rest: never[]) => unknown> } ? P : never;

/** A job to start: a kind of `T` and that task's parameters. */
export type JobSpec<T extends TaskTable = TaskTable> = { [K in JobKind]: { type: K; params: ParamsOf<T[K]> } }[JobKind];

/** A job as it crosses to its thread: the kind and its parameters (checked when it was started). */
export interface AnyJobSpec {
  type: JobKind;
  params: unknown;
}

/** Runs a job's task, on a worker thread or inline: its modules load on first use. */
export async function runTask(tasks: TaskTable, spec: AnyJobSpec, ctx: TaskContext, ahead?: Ahead): Promise<TaskResult> {
  const run = await tasks[spec.type].load();
  return run(ctx, spec.params as never, ahead as never);
}
