import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

// List and search SQL varies with the filters in use; the cap keeps a long
// session from growing the cache without bound while still holding every
// combination a user actually clicks through.
const MAX_PER_DB = 300;

const caches = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement for `sql`, compiled once per connection and reused. */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(sql);
  if (hit) {
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const stmt = db.prepare(sql);
  if (cache.size >= MAX_PER_DB) cache.delete(cache.keys().next().value as string);
  cache.set(sql, stmt);
  return stmt;
}
