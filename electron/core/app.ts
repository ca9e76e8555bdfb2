import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sweepTemp } from './dataDir';
import { openDatabase, type Db } from './db/connection';
import { SessionStore } from './auth/sessions';
import { checkPasswordCost, PASSWORD_COST } from './auth/password';
import { createRouter, type Router } from './router';
import { handlers } from './handlers';
import { JobRunner, type JobRunnerOptions } from './jobs/runner';
import { tasks, WRITE_BUSY_MESSAGE, type CoreJobRunner } from './tasks';
import { resolveWorkerEntry } from './workerEntry';
import type { PdfRenderer } from './pdf/renderer';

export const DB_FILE_NAME = 'branchdesk.db';

export interface Core {
  db: Db;
  router: Router;
  sessions: SessionStore;
  dataDir: string;
  dbPath: string;
  /** Long jobs (imports, exports) on worker threads; Electron forwards `jobs.onProgress` to the window as 'bd:progress'. */
  jobs: CoreJobRunner;
  /** scrypt cost (N) new password hashes are written with: PASSWORD_COST unless a test asked for less. */
  passwordCost: number;
  close(): void;
}

export interface CoreOptions {
  /** Folder holding the database and attachments. */
  dataDir: string;
  /** Explicit database file (CLI `--db`); defaults to `<dataDir>/branchdesk.db`. */
  dbPath?: string;
  nativeBinding?: string;
  now?: () => Date;
  /** Job runner settings: Electron passes the bundled worker script (`workerEntry`). */
  jobs?: JobRunnerOptions;
  /**
   * scrypt cost (N) for new password hashes; defaults to the production PASSWORD_COST (2^15).
   * Tests pass MIN_PASSWORD_COST so logins take a millisecond instead of 50–100 ms (seconds under load).
   * Existing hashes are verified at the cost stored in them, whatever this says.
   */
  passwordCost?: number;
  /** Turns printed forms into PDFs: Electron's hidden window, or the system Chromium (web host, CLI, tests). */
  pdf?: PdfRenderer | null;
}

/** Opens (creating and migrating if needed) the database and wires the router: the same for Electron, web and CLI. */
export function openCore(options: CoreOptions): Core {
  const passwordCost = checkPasswordCost(options.passwordCost ?? PASSWORD_COST);
  const dbPath = options.dbPath ?? path.join(options.dataDir, DB_FILE_NAME);
  const dataDir = options.dbPath ? path.dirname(path.resolve(options.dbPath)) : options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(dbPath, { nativeBinding: options.nativeBinding });
  const sessions = new SessionStore();
  // Leftovers of earlier runs (a crash, a killed process): uploads and jobs' files.
  sweepTemp(dataDir);
  const jobs = new JobRunner({
    db,
    dbPath,
    dataDir,
    nativeBinding: options.nativeBinding,
    now: options.now,
    tasks,
    writeBusyMessage: WRITE_BUSY_MESSAGE,
    workerEntry: options.jobs?.inline ? null : resolveWorkerEntry(options.jobs?.workerEntry),
    standbyMs: options.jobs?.standbyMs,
  });
  const router = createRouter({ db, sessions, handlers, dataDir, jobs, pdf: options.pdf ?? null, now: options.now, passwordCost });
  return {
    db,
    router,
    sessions,
    dataDir,
    dbPath,
    jobs,
    passwordCost,
    close: () => {
      // Running jobs are stopped first: their transactions roll back with their connections.
      void jobs.close();
      void options.pdf?.close?.();
      db.close();
    },
  };
}
