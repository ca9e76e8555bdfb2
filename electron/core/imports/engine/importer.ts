import type { ImportMode } from '../../../../shared/domain/imports';
import type { Db } from '../../db/connection';
import type { SheetRow } from '../../excel/types';
import type { JobUser, TaskContext } from '../../jobs/types';
import type { Collector, Columns } from './collector';

export interface ImporterEnv {
  db: Db;
  user: JobUser;
  now: Date;
  mode: ImportMode;
  columns: Columns;
  collector: Collector;
  metrics: string[];
  task: TaskContext;
  /** Worker script for helper threads (search columns), when running on a worker. */
  workerEntry?: string;
}

export interface WriteMeta {
  at: string;
  userId: number;
  batchId: number;
}

/**
 * One import type. Rows are checked as they are read (no lock held); the plan is
 * then written in one transaction by `write`, which must only use what the plan
 * holds plus the database as it is inside that transaction.
 */
export interface Importer {
  add(row: SheetRow): void;
  /** After the last row: wait for helpers, settle cross-row checks. */
  ready(): Promise<void>;
  planned(): { inserts: number; updates: number };
  write(meta: WriteMeta, progress: (written: number) => void): void;
  close(): void;
}
