import { z } from 'zod';
import { complaintListSchema } from '../domain/complaints';
import { customerListQuerySchema } from '../domain/customers';
import { CUSTOMER_EXPORT_COLUMNS, EXPORT_FORMATS } from '../domain/exports';
import { followUpListSchema } from '../domain/followups';
import { type JobStatus } from '../domain/jobs';
import { visitListSchema } from '../domain/visits';
import { method, type MethodDef } from './define';

const format = z.enum(EXPORT_FORMATS, { message: '导出格式须为 xlsx 或 csv' });

const noPaging = { offset: true, limit: true } as const;

/**
 * What to export: the kind, the format, the same filter the list screen uses (minus
 * paging), and for customers the columns (keys of CUSTOMER_EXPORT_COLUMNS, in order).
 */
export const exportInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('customers'),
      format,
      filter: customerListQuerySchema.omit(noPaging).default({ sort: 'name', dir: 'asc' }),
      columns: z
        .array(z.enum(CUSTOMER_EXPORT_COLUMNS.map((c) => c.key) as [string, ...string[]], { message: '导出列不存在' }))
        .min(1, { message: '请至少选择一列' })
        .max(CUSTOMER_EXPORT_COLUMNS.length)
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('visits'), format, filter: visitListSchema.omit(noPaging).default({ sort: 'signIn', dir: 'desc' }) }).strict(),
  z.object({ kind: z.literal('followups'), format, filter: followUpListSchema.omit(noPaging).default({ status: 'open' }) }).strict(),
  z.object({ kind: z.literal('complaints'), format, filter: complaintListSchema.omit(noPaging).default({}) }).strict(),
]);

export const exportsApi = {
  /** Starts an export job; the file is fetched with jobs.download when the job is done. */
  'exports.start': method<JobStatus>()(exportInputSchema, 'user'),
} satisfies Record<string, MethodDef>;
