import type { MethodDef } from './define';

/** Visits, plans, follow-ups, complaints, receipts (issue 3). Merged into `api` in contract.ts. */
export const visitsApi = {} satisfies Record<string, MethodDef>;
