import { afterwards } from './afterwards';
import type { Db } from './connection';

/**
 * Runs a large write (an import) so that it is on disk when it returns, and leaves
 * copying it from the WAL into the database file for afterwards.
 *
 * The connection's own settings (synchronous = NORMAL, automatic checkpoints) would
 * make the COMMIT of a 100,000-row import also checkpoint the whole WAL, a third of a
 * second or more the user waits for though the data is already safe. Here the COMMIT
 * fsyncs the WAL (synchronous = FULL, so "done" survives a power cut) and does not
 * checkpoint (wal_autocheckpoint = 0); `checkpointNow` then runs once the user has the
 * answer (the job thread does it after reporting). Both settings come back afterwards,
 * whatever happens (for async work, once its promise settles).
 */
export function commitDurablyDeferringCheckpoint<T>(db: Db, write: () => T): T {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 0');
  return afterwards(write, () => {
    db.pragma(`synchronous = ${Number(synchronous)}`);
    db.pragma(`wal_autocheckpoint = ${Number(autoCheckpoint)}`);
  });
}

/**
 * Copies what the WAL holds into the database file without waiting for readers or
 * writers (PASSIVE): the app keeps working meanwhile, and whatever a busy reader still
 * needs is copied by a later checkpoint. Never throws: a checkpoint is maintenance.
 */
export function checkpointNow(db: Db): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next automatic checkpoint does the same work.
  }
}
