import { z } from 'zod';
import { type FileChunk, type JobStatus } from '../domain/jobs';
import { method, type MethodDef } from './define';

const jobId = z.string().regex(/^[0-9a-f-]{36}$/, { message: '任务编号无效' });

export const jobsApi = {
  /** Status of one of the caller's jobs (the web host's screens poll this). */
  'jobs.status': method<JobStatus>()(z.object({ jobId }).strict(), 'user'),
  /** Cancels a running job: it rolls back and ends as 'cancelled'. */
  'jobs.cancel': method<JobStatus>()(z.object({ jobId }).strict(), 'user'),
  /** A piece (≤ 8 MB, base64) of a job's file; read on from `nextOffset` until it is null. */
  'jobs.download': method<FileChunk>()(
    z.object({ jobId, file: z.enum(['output', 'errors']).default('output'), offset: z.number().int().min(0).default(0) }).strict(),
    'user',
  ),
} satisfies Record<string, MethodDef>;
