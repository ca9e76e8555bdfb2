/**
 * The long jobs the core runs (import, undo of an import, export), next to the handler
 * registry (handlers.ts): the job runner and the job threads (worker.ts) know no task of
 * their own, only this table. Each task loads its modules when a job of its kind runs
 * (a job's thread starts by loading them: an import's reader needs no exceljs, the
 * export's writer does), so this file stays light.
 */
import type { JobRunner } from './jobs/runner';
import { defineTask, type TaskTable } from './jobs/tasks';

export const tasks = {
  import: defineTask({
    writes: true,
    load: async () => (await import('./imports/engine/run')).runImport,
    // A big customer import's check and search helpers, booted while the user checks the columns.
    ahead: async () => (await import('./imports/parallel/spareHelpers')).spareHelpers,
  }),
  importUndo: defineTask({
    writes: true,
    load: async () => {
      const { runUndo } = await import('./imports/engine/undo');
      return (ctx, p: { batchId: number }) => runUndo(ctx, p.batchId);
    },
  }),
  export: defineTask({
    writes: false,
    load: async () => (await import('./exports/run')).runExport,
  }),
  summary: defineTask({
    writes: false,
    load: async () => (await import('./kpi/summary')).runSummary,
  }),
} satisfies TaskTable;

export type Tasks = typeof tasks;

/** The core's runner: start() takes only the jobs of this table, each with its own parameters. */
export type CoreJobRunner = JobRunner<Tasks>;

/** What a job that writes is refused with while another one that writes is running. */
export const WRITE_BUSY_MESSAGE = '已有导入或撤销正在进行，请等它完成后再试';
