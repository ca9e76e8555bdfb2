import type { HandlerMap } from '../context';
import { exportHandlers } from '../exports/handlers';
import { importHandlers } from '../imports/handlers';
import { jobHandlers } from '../jobs/handlers';

/** Every method of shared/api/excel.ts: imports, exports, long-job status and downloads. */
export const excelHandlers = {
  ...importHandlers,
  ...exportHandlers,
  ...jobHandlers,
} satisfies Partial<HandlerMap>;
