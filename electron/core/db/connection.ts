import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Skip migrations (read-only tools, migration tests that step versions themselves). */
  migrate?: boolean;
  /**
   * Leave the planner statistics alone: a connection that only reads alongside a writer
   * (an import's check helper) must not start a write of its own.
   */
  optimize?: boolean;
  /** Path of a better-sqlite3 native binding built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

/**
 * One connection per process side (router, worker). WAL lets a worker write while
 * the UI connection reads; busy_timeout covers the short overlaps instead of
 * failing with SQLITE_BUSY.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  db.pragma('temp_store = MEMORY');
  if (options.migrate !== false) migrate(db);
  // Keeps the query planner's statistics fresh for tables that grew since the last run
  // (0x10002: analyse only what needs it, with a bounded effort), so list plans stay indexed.
  if (options.optimize !== false) db.pragma('optimize = 0x10002');
  return db;
}
