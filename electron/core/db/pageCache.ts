import { afterwards } from './afterwards';
import type { Db } from './connection';

/**
 * Runs a big write with a larger page cache on the connection, its own setting back
 * afterwards whatever happens: the index b-trees a large load or import touches all
 * over the archive stay in memory instead of being evicted and read again mid-write.
 * Async work keeps the larger cache until its promise settles.
 */
export function withPageCache<T>(db: Db, kib: number, write: () => T): T {
  const previous = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${Math.floor(kib)}`);
  return afterwards(write, () => db.pragma(`cache_size = ${Number(previous)}`));
}
