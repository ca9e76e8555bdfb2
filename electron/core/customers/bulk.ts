import { localTimestamp } from '../clock';
import type { Db } from '../db/connection';
import { AUTO_CODE_PREFIX, formatAutoCode, nextCustomerCode, normaliseCode } from './codes';
import { insertContact, insertCustomerRow, replaceTags } from './repo';
import type { ContactValues, CustomerValues } from './rules';

/** A customer for seeding: name and kind are required, everything else defaults like an empty form. */
export type BulkCustomer = Partial<Omit<CustomerValues, 'contacts'>> &
  Pick<CustomerValues, 'name' | 'kind'> & {
    contacts?: Partial<ContactValues>[];
    /** Local timestamp `YYYY-MM-DD HH:mm:ss`; defaults to now. */
    createdAt?: string;
  };

const DEFAULTS: Omit<CustomerValues, 'name' | 'kind' | 'contacts'> = {
  code: null,
  idNumber: null,
  creditCode: null,
  licenceNo: null,
  mobile: null,
  phone: null,
  address: null,
  region: null,
  industry: null,
  economicNature: null,
  scale: null,
  mainBusiness: null,
  creditRating: null,
  paymentHabit: null,
  background: null,
  products: null,
  monthlyVolume: null,
  tier: null,
  status: '潜在',
  managerId: null,
  keyCustomer: false,
  needs: null,
  tags: [],
  notes: null,
};

/**
 * Above this many new rows the FTS tables are filled with one INSERT … SELECT per
 * table instead of the per-row trigger: 15× faster (50,000 rows: 0.2 s against 3.3 s).
 */
export const SET_WISE_FTS_MIN_ROWS = 1000;
const FTS_INSERT_TRIGGER = 'customers_fts_ai';

const FTS_TABLES = ['customer_fts_tri', 'customer_fts_bi'] as const;
type FtsTable = (typeof FTS_TABLES)[number];
/** FTS5's own default when the table was never given an automerge setting. */
const FTS_DEFAULT_AUTOMERGE = 4;

/** The table's automerge setting, read from its config shadow table. */
export function ftsAutomerge(db: Db, table: FtsTable): number {
  const row = db.prepare(`SELECT v FROM ${table}_config WHERE k = 'automerge'`).get() as { v: number } | undefined;
  return row ? Number(row.v) : FTS_DEFAULT_AUTOMERGE;
}

function setFtsAutomerge(db: Db, table: FtsTable, level: number): void {
  // Bound as an integer: FTS5 refuses the REAL a JS number binds as.
  db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('automerge', ?)`).run(BigInt(level));
}

/** The FTS insert trigger set aside: new rows are indexed set-wise instead. */
export interface SuspendedFtsTrigger {
  /** Indexes these new rows now (a pipelined import indexes while it is still receiving rows). */
  index(ids: readonly number[]): void;
  /** Indexes these rows and puts the trigger and the tables' automerge settings back. */
  restore(ids: readonly number[]): void;
}

/**
 * Sets the per-row FTS insert trigger of migration 001 aside inside the caller's
 * transaction (seeding, large imports), with the FTS tables' automerge off; `restore`
 * indexes the new rows set-wise and puts the trigger back from its own stored SQL and
 * automerge as it was. A rollback (cancel, crash) brings both back with everything
 * else. The column lists mirror that trigger. Null when the trigger is not there
 * (nothing to set aside).
 */
export function suspendFtsInsertTrigger(db: Db): SuspendedFtsTrigger | null {
  const trigger = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").get(FTS_INSERT_TRIGGER) as { sql: string } | undefined;
  if (!trigger) return null;
  db.exec(`DROP TRIGGER ${FTS_INSERT_TRIGGER}`);
  // FTS5 merges its segments while rows go in; a bulk load that leaves that to later
  // writes indexes 100,000 names in 0.6 s instead of 1.0 s, and searches as fast (a
  // search reads a few more segments). The setting is stored in the table, so it goes
  // back with the trigger; a rollback takes both back too.
  const automerge = FTS_TABLES.map((t) => [t, ftsAutomerge(db, t)] as const);
  for (const [t] of automerge) setFtsAutomerge(db, t, 0);
  const index = (ids: readonly number[]) => {
    if (!ids.length) return;
    let min = ids[0];
    let max = ids[0];
    for (const id of ids) {
      if (id < min) min = id;
      if (id > max) max = id;
    }
    // New rowids are consecutive unless something else wrote in between: a range scan
    // then, the exact id list otherwise.
    const contiguous = max - min + 1 === ids.length;
    const where = contiguous ? 'id BETWEEN ? AND ?' : 'id IN (SELECT value FROM json_each(?))';
    const params = contiguous ? [min, max] : [JSON.stringify(ids)];
    db.prepare(
      `INSERT INTO customer_fts_tri (rowid, name, code, name_initials, search_phones)
       SELECT id, name, code, name_initials, search_phones FROM customers WHERE ${where}`,
    ).run(...params);
    db.prepare(`INSERT INTO customer_fts_bi (rowid, name_bigrams) SELECT id, name_bigrams FROM customers WHERE ${where}`).run(...params);
  };
  return {
    index,
    restore(ids) {
      index(ids);
      for (const [t, level] of automerge) setFtsAutomerge(db, t, level);
      db.exec(trigger.sql);
    },
  };
}

/**
 * Seeding and benchmarks only: inserts many customers in one transaction with
 * their search columns, contacts and tags, but without validation, duplicate
 * checks, history or audit rows. Missing codes get consecutive automatic codes.
 * Returns the new ids in input order.
 */
export function insertCustomersBulk(db: Db, rows: readonly BulkCustomer[], userId: number | null): number[] {
  const insertAll = (): number[] => {
    const ids: number[] = [];
    let next = Number(nextCustomerCode(db).slice(AUTO_CODE_PREFIX.length));
    const now = localTimestamp(new Date());
    for (const row of rows) {
      const contacts: ContactValues[] = (row.contacts ?? []).map((c) => ({
        name: c.name ?? '',
        role: c.role || null,
        mobile: c.mobile || null,
        phone: c.phone || null,
        isDecisionMaker: c.isDecisionMaker === true,
        birthday: c.birthday || null,
        notes: c.notes || null,
      }));
      const given = normaliseCode(row.code);
      const code = given || formatAutoCode(next++);
      const at = row.createdAt ?? now;
      // Empty text is stored as NULL, as the form path does: partial indexes and duplicate checks rely on it.
      const defined = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && v !== ''));
      const id = insertCustomerRow(db, { ...DEFAULTS, ...defined, name: row.name, kind: row.kind, code, contacts, tags: row.tags ?? [] }, { at, userId });
      contacts.forEach((c, i) => insertContact(db, id, c, i));
      if (row.tags?.length) replaceTags(db, id, [...new Set(row.tags)]);
      ids.push(id);
    }
    return ids;
  };
  return db.transaction(() => {
    const fts = rows.length >= SET_WISE_FTS_MIN_ROWS ? suspendFtsInsertTrigger(db) : null;
    const ids = insertAll();
    fts?.restore(ids);
    return ids;
  })();
}
