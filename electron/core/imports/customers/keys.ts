import { findCodeOwner, type CodeOwner } from '../../customers/codes';
import { keyLookups, storedKeys, type KeyColumn, type KeyMatch } from '../../customers/lookups';
import { dbLookups, type RuleLookups } from '../../customers/rules';
import type { ManagerUser } from '../../users/repo';
import type { Db } from '../../db/connection';
import type { KeyProbe } from '../parallel/keyFilter';

/** Finds existing customers by the keys an import matches on, and by mobile for the duplicate warning. */
export interface CustomerKeys {
  byCode(code: string): KeyMatch[];
  byIdNumber(idNumber: string): KeyMatch[];
  byCreditCode(creditCode: string): KeyMatch[];
  /** A live customer with this mobile. */
  byMobile(mobile: string): { code: string; name: string; manager_id: number | null } | undefined;
  /** The rules' code-owner check (codes.findCodeOwner). */
  codeOwner(code: string, excludeId?: number): CodeOwner | null;
}

/** One indexed query per lookup: right for the few hundred rows most imports have. */
export function queriedKeys(db: Db): CustomerKeys {
  const { byCode, byIdNumber, byCreditCode, byMobile } = keyLookups(db);
  return { byCode, byIdNumber, byCreditCode, byMobile, codeOwner: (v, excludeId) => findCodeOwner(db, v, excludeId) };
}

/**
 * For files of many thousand rows: each kind of key of every customer is read once
 * into a set (an index-only scan, on first use) and a row is looked up only when its
 * key is in the set — a new customer costs no query at all. Deleted customers' keys
 * are in the sets too; the query behind a hit decides.
 */
export function prefilteredKeys(db: Db, probe?: KeyProbe): CustomerKeys {
  const sets = new Map<KeyColumn, Set<string>>();
  const setOf = (column: KeyColumn) => {
    let set = sets.get(column);
    if (!set) {
      set = new Set(storedKeys(db, column));
      sets.set(column, set);
    }
    return set;
  };
  // A filter built by another thread (keyFilter.ts) answers for the columns it holds.
  const mayHave = (column: KeyColumn, v: string) => probe?.(column, v) ?? setOf(column).has(v);
  const q = queriedKeys(db);
  return {
    byCode: (v) => (mayHave('code', v) ? q.byCode(v) : []),
    byIdNumber: (v) => (mayHave('id_number', v) ? q.byIdNumber(v) : []),
    byCreditCode: (v) => (mayHave('credit_code', v) ? q.byCreditCode(v) : []),
    byMobile: (v) => (mayHave('mobile', v) ? q.byMobile(v) : undefined),
    codeOwner: (v, excludeId) => (mayHave('code', v) ? q.codeOwner(v, excludeId) : null),
  };
}

/**
 * What the archive rules look up, for the rows of one import: a file names the same
 * few dictionary items and managers on every row, so each is asked once; codes go
 * through the key sets above. A dictionary edit while the file is being read counts
 * from the next import, as if it had come a moment later.
 */
export function importLookups(db: Db, keys: CustomerKeys): RuleLookups {
  const base = dbLookups(db);
  const dict = new Map<string, { active: boolean } | null>();
  const users = new Map<string, ManagerUser | null>();
  return {
    codeOwner: (code, excludeId) => keys.codeOwner(code, excludeId),
    dictItem(kind, name) {
      const key = `${kind}\u0000${name}`;
      let hit = dict.get(key);
      if (hit === undefined) {
        hit = base.dictItem(kind, name);
        dict.set(key, hit);
      }
      return hit;
    },
    userByName(name) {
      let hit = users.get(name);
      if (hit === undefined) {
        hit = base.userByName(name);
        users.set(name, hit);
      }
      return hit;
    },
  };
}
