import { runExport } from '../exports/run';
import { runImport } from '../imports/run';
import { runUndo } from '../imports/undo';
import type { JobSpec, TaskContext, TaskResult } from './types';

/** The job kinds the runner knows; the same function runs on a worker thread or inline. */
export function runTask(spec: JobSpec, ctx: TaskContext): Promise<TaskResult> {
  switch (spec.type) {
    case 'import':
      return runImport(ctx, spec.params);
    case 'importUndo':
      return runUndo(ctx, spec.params.batchId);
    case 'export':
      return runExport(ctx, spec.params);
  }
}
