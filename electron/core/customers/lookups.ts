/**
 * Finding stored customers by the keys an import matches its rows on: code, ID number,
 * credit code, mobile, name. Deleted customers are found by their keys too (they keep
 * them, and a restore must not collide). Reads only; an import caches and prefilters
 * around these (imports/customers/keys.ts, imports/parallel/keyFilter.ts).
 */
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';

/** An existing customer an imported row may be. */
export interface KeyMatch {
  id: number;
  code: string;
  name: string;
  manager_id: number | null;
  deleted_at: string | null;
}

export interface KeyLookups {
  byCode(code: string): KeyMatch[];
  byIdNumber(idNumber: string): KeyMatch[];
  byCreditCode(creditCode: string): KeyMatch[];
  /** A live customer with this mobile. */
  byMobile(mobile: string): { code: string; name: string; manager_id: number | null } | undefined;
  byId(id: number): KeyMatch | undefined;
}

/** One indexed query per lookup, each prepared once. */
export function keyLookups(db: Db): KeyLookups {
  const code = prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE code = ?');
  const id = prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE id_number = ?');
  const credit = prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE credit_code = ?');
  const mobile = prepared(db, 'SELECT code, name, manager_id FROM customers WHERE mobile = ? AND deleted_at IS NULL LIMIT 1');
  const byId = prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE id = ?');
  return {
    byCode: (v) => code.all(v) as KeyMatch[],
    byIdNumber: (v) => id.all(v) as KeyMatch[],
    byCreditCode: (v) => credit.all(v) as KeyMatch[],
    byMobile: (v) => mobile.get(v) as { code: string; name: string; manager_id: number | null } | undefined,
    byId: (v) => byId.get(v) as KeyMatch | undefined,
  };
}

/** The indexed columns whose every value an import may load at once (keyFilter.ts). */
export const KEY_COLUMNS = ['code', 'id_number', 'credit_code', 'mobile'] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];

/** Every value of a key column (an index-only scan; deleted customers' too). */
export function storedKeys(db: Db, column: KeyColumn): string[] {
  return db.prepare(`SELECT ${column} FROM customers WHERE ${column} IS NOT NULL`).pluck().all() as string[];
}

/** Live customers with this name; only those of `managerId` when given (a manager sees only their own). */
export function liveIdsByName(db: Db, name: string, managerId?: number): number[] {
  const rows =
    managerId === undefined
      ? prepared(db, 'SELECT id FROM customers WHERE name = ? AND deleted_at IS NULL').all(name)
      : prepared(db, 'SELECT id FROM customers WHERE name = ? AND deleted_at IS NULL AND manager_id = ?').all(name, managerId);
  return (rows as { id: number }[]).map((r) => r.id);
}
