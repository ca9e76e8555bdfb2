import { prepared } from '../customers/statements';
import type { Db } from '../db/connection';

/** An existing customer an imported row may be (deleted ones included: they keep their code). */
export interface KeyMatch {
  id: number;
  code: string;
  name: string;
  manager_id: number | null;
  deleted_at: string | null;
}

/** Finds existing customers by the keys an import matches on, and by mobile for the duplicate warning. */
export interface CustomerKeys {
  byCode(code: string): KeyMatch[];
  byIdNumber(idNumber: string): KeyMatch[];
  byCreditCode(creditCode: string): KeyMatch[];
  /** A live customer with this mobile. */
  byMobile(mobile: string): { code: string; name: string } | undefined;
}

/** One indexed query per lookup: right for the few hundred rows most imports have. */
export function queriedKeys(db: Db): CustomerKeys {
  const code = prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE code = ?');
  const id = prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE id_number = ?');
  const credit = prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE credit_code = ?');
  const mobile = prepared(db, 'SELECT code, name FROM customers WHERE mobile = ? AND deleted_at IS NULL LIMIT 1');
  return {
    byCode: (v) => code.all(v) as KeyMatch[],
    byIdNumber: (v) => id.all(v) as KeyMatch[],
    byCreditCode: (v) => credit.all(v) as KeyMatch[],
    byMobile: (v) => mobile.get(v) as { code: string; name: string } | undefined,
  };
}

/**
 * For files of many thousand rows: each kind of key of every customer is read once
 * into a set (an index-only scan, on first use) and a row is looked up only when its
 * key is in the set — a new customer costs no query at all. Deleted customers' keys
 * are in the sets too; the query behind a hit decides.
 */
export function prefilteredKeys(db: Db): CustomerKeys {
  const sets = new Map<string, Set<string>>();
  const setOf = (column: 'code' | 'id_number' | 'credit_code' | 'mobile') => {
    let set = sets.get(column);
    if (!set) {
      set = new Set(db.prepare(`SELECT ${column} FROM customers WHERE ${column} IS NOT NULL`).pluck().all() as string[]);
      sets.set(column, set);
    }
    return set;
  };
  const q = queriedKeys(db);
  return {
    byCode: (v) => (setOf('code').has(v) ? q.byCode(v) : []),
    byIdNumber: (v) => (setOf('id_number').has(v) ? q.byIdNumber(v) : []),
    byCreditCode: (v) => (setOf('credit_code').has(v) ? q.byCreditCode(v) : []),
    byMobile: (v) => (setOf('mobile').has(v) ? q.byMobile(v) : undefined),
  };
}
