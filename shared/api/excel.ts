import type { MethodDef } from './define';

/** Excel/CSV imports, exports and templates (issue 4). Merged into `api` in contract.ts. */
export const excelApi = {} satisfies Record<string, MethodDef>;
