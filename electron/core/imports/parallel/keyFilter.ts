/**
 * The archive's keys (codes, ID numbers, credit codes, mobiles) as a filter one thread
 * builds and another reads without a copy: each key's 32-bit hash in an open-addressing
 * table on a SharedArrayBuffer. A pipelined import's job thread builds it while it would
 * otherwise wait for the first checked rows, and its check helper asks it instead of
 * loading 200,000 strings per key into sets of its own (about 0.3 s and 20 MB there).
 *
 * "Not there" is certain; "maybe there" (a real match or, rarely, two keys with the same
 * hash) is settled by the query behind it (imports/customers/keys.ts).
 */
import { KEY_COLUMNS, storedKeys, type KeyColumn } from '../../customers/lookups';
import type { Db } from '../../db/connection';

/** The import field each key column is read from. */
export const KEY_FIELDS: Record<KeyColumn, string> = { code: 'code', id_number: 'idNumber', credit_code: 'creditCode', mobile: 'mobile' };

/** What crosses threads: one table per loaded column (shared memory, not copied). */
export type KeyFilterData = Partial<Record<KeyColumn, SharedArrayBuffer>>;

/** FNV-1a over the UTF-16 code units, never 0 (0 marks an empty slot). */
export function keyHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 1;
}

/** A power of two at least twice the keys: probe runs stay short. */
function capacityFor(n: number): number {
  let c = 16;
  while (c < n * 2) c *= 2;
  return c;
}

function insert(table: Int32Array, h: number): void {
  const mask = table.length - 1;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const v = table[i];
    if (v === h) return;
    if (v === 0) {
      table[i] = h;
      return;
    }
  }
}

function has(table: Int32Array, h: number): boolean {
  const mask = table.length - 1;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const v = table[i];
    if (v === h) return true;
    if (v === 0) return false;
  }
}

/** The hash table of one column's stored values. */
function columnTable(db: Db, column: KeyColumn): SharedArrayBuffer {
  const values = storedKeys(db, column);
  const buffer = new SharedArrayBuffer(capacityFor(values.length) * Int32Array.BYTES_PER_ELEMENT);
  const table = new Int32Array(buffer);
  for (const v of values) insert(table, keyHash(v));
  return buffer;
}

export function buildKeyFilter(db: Db, columns: readonly KeyColumn[]): KeyFilterData {
  const out: KeyFilterData = {};
  for (const c of columns) out[c] = columnTable(db, c);
  return out;
}

/** Whether the column may hold the value; undefined when the filter has no table for that column. */
export type KeyProbe = (column: KeyColumn, value: string) => boolean | undefined;

export function keyProbe(data: KeyFilterData): KeyProbe {
  const tables = new Map<KeyColumn, Int32Array>();
  for (const c of KEY_COLUMNS) {
    const b = data[c];
    if (b) tables.set(c, new Int32Array(b));
  }
  return (column, value) => {
    const t = tables.get(column);
    return t ? has(t, keyHash(value)) : undefined;
  };
}
