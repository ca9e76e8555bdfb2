import type { Db } from '../db/connection';
import { withPageCache } from '../db/pageCache';

// 256 MiB: the customers table and its ten indexes at 200,000 rows (~200 MB) fit, so a
// seed does not evict and re-read index pages mid-load. Released again right after.
const LOAD_CACHE_KIB = 262_144;

/**
 * Runs a big customer load as one transaction with a large page cache. One
 * transaction makes a seed all-or-nothing (a failure at row 150,000 leaves no
 * half-seeded branch behind); the cache keeps the index b-trees of a 200,000-row
 * load in memory instead of spilling dirty pages to the WAL. The search index
 * itself is filled set-wise by the customers module's bulk insert.
 */
export function withBulkLoad<T>(db: Db, load: () => T): T {
  return withPageCache(db, LOAD_CACHE_KIB, () => db.transaction(load)());
}
