import type { JobSpec, TaskContext, TaskResult } from './types';

/**
 * The job kinds the runner knows; the same function runs on a worker thread or inline.
 * Each kind loads only its own modules: a job's thread starts by loading them, and an
 * import's reader no longer needs exceljs (the export's writer does).
 */
export async function runTask(spec: JobSpec, ctx: TaskContext): Promise<TaskResult> {
  switch (spec.type) {
    case 'import':
      return (await import('../imports/engine/run')).runImport(ctx, spec.params);
    case 'importUndo':
      return (await import('../imports/engine/undo')).runUndo(ctx, spec.params.batchId);
    case 'export':
      return (await import('../exports/run')).runExport(ctx, spec.params);
  }
}
