import { mkdirSync } from 'node:fs';
import type { AuditHost } from '../../shared/api/audit';
import path from 'node:path';
import { sweepTemp, TempArea } from './dataDir';
import { openDatabase, type Db } from './db/connection';
import { storageError } from './db/sqliteErrors';
import { AppError } from './errors';
import { SessionStore } from './auth/sessions';
import { checkPasswordCost, PASSWORD_COST } from './auth/password';
import { createRouter, type Router } from './router';
import { handlers } from './handlers';
import { sweepAbandonedUploads } from './imports/engine/uploads';
import { JobRunner, type JobRunnerOptions } from './jobs/runner';
import { tasks, WRITE_BUSY_MESSAGE, type CoreJobRunner } from './tasks';
import { resolveWorkerEntry } from './workerEntry';
import type { PdfRenderer } from './pdf/renderer';

export const DB_FILE_NAME = 'branchdesk.db';

/** How often abandoned uploads are looked for (they go after uploads.UPLOAD_IDLE_MS). */
const UPLOAD_SWEEP_MS = 5 * 60_000;

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
  /**
   * Which app opened the core: each audit entry records it (桌面 / 网页 / 命令行), so a script's
   * changes are told apart from a person's. Tests and tools may leave it out.
   */
  host?: AuditHost;
}

/**
 * Creates the folder, opens and migrates the database and clears leftovers of earlier runs
 * (a crash, a killed process: uploads and jobs' files). A file that is not a database, is
 * damaged, read-only or cannot be opened is refused with the Chinese words for it (each host
 * shows the message: a dialog, the web host's console, the CLI's 错误：), never SQLite's English.
 */
function openDataFolder(dataDir: string, dbPath: string, nativeBinding?: string): Db {
  let db: Db | null = null;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = openDatabase(dbPath, { nativeBinding });
    sweepTemp(dataDir);
    return db;
  } catch (e) {
    db?.close();
    const storage = storageError(e);
    if (!storage) throw e;
    throw new AppError(storage.code, `${storage.message}（数据库文件：${dbPath}）`);
  }
}

/** Opens (creating and migrating if needed) the database and wires the router: the same for Electron, web and CLI. */
export function openCore(options: CoreOptions): Core {
  const passwordCost = checkPasswordCost(options.passwordCost ?? PASSWORD_COST);
  const dbPath = options.dbPath ?? path.join(options.dataDir, DB_FILE_NAME);
  const dataDir = options.dbPath ? path.dirname(path.resolve(options.dbPath)) : options.dataDir;
  const db = openDataFolder(dataDir, dbPath, options.nativeBinding);
  const sessions = new SessionStore();
  const temp = new TempArea(dataDir);
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
    host: options.host,
    temp,
  });
  const router = createRouter({ db, sessions, handlers, dataDir, temp, jobs, pdf: options.pdf ?? null, now: options.now, passwordCost, host: options.host });
  // Uploads left in the import wizard are removed after their idle time, even if nobody imports again.
  const sweeper = setInterval(() => sweepAbandonedUploads(temp), UPLOAD_SWEEP_MS);
  sweeper.unref();
  return {
    db,
    router,
    sessions,
    dataDir,
    dbPath,
    jobs,
    passwordCost,
    close: () => {
      clearInterval(sweeper);
      // Running jobs are stopped first: their transactions roll back with their connections.
      void jobs.close();
      void options.pdf?.close?.();
      db.close();
      // Uploads and job files of this core: nobody can ask for them once it is closed.
      temp.clear();
    },
  };
}
