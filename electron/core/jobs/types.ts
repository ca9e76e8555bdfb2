import type { AuditHost } from '../../../shared/api/audit';
import type { Role } from '../../../shared/api/define';
import type { JobProgress, JobStatus } from '../../../shared/domain/jobs';
import type { Db } from '../db/connection';

/** The user a job acts for, fixed when it starts (a job never re-reads roles half-way). */
export interface JobUser {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  fullExport: boolean;
}

export interface JobFile {
  file: 'output' | 'errors';
  path: string;
  fileName: string;
}

/** What any task may answer: one of the reports the jobs API declares (jobs.status). */
export type JobReport = NonNullable<JobStatus['result']>;

export interface TaskResult<TReport extends JobReport = JobReport> {
  report: TReport;
  files: JobFile[];
}

/** Thrown by a task that saw the cancel flag: its transaction rolls back, its files are removed. */
export class CancelledError extends Error {
  constructor() {
    super('已取消');
    this.name = 'CancelledError';
  }
}

/** What a task gets, on a worker thread or (tests) inline. */
export interface TaskContext {
  db: Db;
  user: JobUser;
  /** The moment the job was started: every row it writes carries this time. */
  now: Date;
  jobId: string;
  /** Private folder of this job for its output files. */
  jobDir: string;
  dataDir: string;
  /** The app the job was started in (桌面 / 网页 / 命令行): tasks pass it to their audit entries. */
  host?: AuditHost;
  /** Worker script, for helper threads; absent when the job runs inline. */
  workerEntry?: string;
  /** better-sqlite3's native binding for another runtime (Electron), for helper threads that open the database. */
  nativeBinding?: string;
  progress(p: Partial<Omit<JobProgress, 'jobId' | 'kind'>>): void;
  /** Throws CancelledError once the user pressed cancel. Cheap: call it every few hundred rows. */
  checkCancelled(): void;
}
