import type { Page } from '../../../shared/domain/common';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/auth';
import { CUSTOMER_STATUSES } from '../../../shared/domain/constants';
import type { CustomerRow, CustomerSortColumn } from '../../../shared/domain/customers';
import type { Db } from '../db/connection';
import { loadTagsFor, ROW_COLUMNS, toCustomerRow, type CustomerRowRecord } from './repo';
import { isScopedToOwn, requireDeletedAccess } from './scope';
import { quickSearch, type SqlFragment } from './search';
import { prepared } from '../db/statements';

export type ListQuery = ParsedInputOf<'customers.list'>;

const STATUS_ORDER = `CASE c.status ${CUSTOMER_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

/**
 * The only place a sort column becomes SQL: the client names a column, this map
 * picks the expression. name sorts by pinyin (the customers_*_name indexes
 * hold it), tier by the dictionary's order (白金 before 金), status by its life cycle.
 */
const SORT_SQL: Record<CustomerSortColumn, string> = {
  name: 'c.name_pinyin',
  code: 'c.code',
  tier: "(SELECT d.sort FROM dict_items d WHERE d.kind = 'tier' AND d.name = c.tier)",
  status: STATUS_ORDER,
  region: 'c.region',
  manager: 'u.display_name',
  updatedAt: 'c.updated_at',
  kind: 'c.kind',
};

/** Above this many raw matches a quick search is "broad" (店, z, 便利店 at 200,000 customers). */
export const BROAD_SEARCH = 4000;

export interface ListPlan {
  /** The page query; the caller appends LIMIT and OFFSET to its parameters. */
  rows: SqlFragment;
  count: SqlFragment;
  /** The quick search matches nothing at all: no need to run either query. */
  empty: boolean;
}

function inList(column: string, values: readonly unknown[]): SqlFragment {
  return values.length === 1
    ? { sql: `${column} = ?`, params: [values[0]] }
    : { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

const and = (list: SqlFragment[]): SqlFragment => ({ sql: list.map((c) => c.sql).join(' AND '), params: list.flatMap((c) => c.params) });

/**
 * The filters of a list request. With `indexed` false every column is written
 * `+c.col`, which keeps SQLite from using an index for it: a narrow quick search
 * must drive the query from its ids, whatever the statistics say. The literal
 * `c.deleted_at IS NULL` matters otherwise: the partial indexes (… WHERE
 * deleted_at IS NULL) are only usable when the query says exactly that.
 */
function filters(user: SessionUser, query: ListQuery, indexed: boolean): SqlFragment[] {
  const col = (name: string) => `${indexed ? '' : '+'}c.${name}`;
  const conds: SqlFragment[] = [{ sql: `${col('deleted_at')} ${query.deleted ? 'IS NOT NULL' : 'IS NULL'}`, params: [] }];
  if (isScopedToOwn(user)) conds.push({ sql: `${col('manager_id')} = ?`, params: [user.id] });
  if (query.tier?.length) conds.push(inList(col('tier'), query.tier));
  if (query.status?.length) conds.push(inList(col('status'), query.status));
  if (query.region?.length) conds.push(inList(col('region'), query.region));
  if (query.managerId?.length) {
    // 0 stands for "未分配" (no manager), which a list filter needs to find orphaned customers.
    const ids = query.managerId.filter((id) => id > 0);
    const parts: SqlFragment[] = [];
    if (ids.length) parts.push(inList(col('manager_id'), ids));
    if (query.managerId.includes(0)) parts.push({ sql: `${col('manager_id')} IS NULL`, params: [] });
    conds.push(parts.length === 1 ? parts[0] : { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) });
  }
  if (query.keyCustomer !== undefined) conds.push({ sql: `${col('key_customer')} = ?`, params: [query.keyCustomer ? 1 : 0] });
  if (query.tag) conds.push({ sql: `${col('id')} IN (SELECT customer_id FROM customer_tags WHERE tag = ?)`, params: [query.tag] });
  return conds;
}

const STATS_RECHECK_MS = 10 * 60_000;
const statsCheckedAt = new WeakMap<Db, number>();

/**
 * Query plans here depend on table statistics. Without them SQLite takes
 * `deleted_at IS NULL` for a selective condition and walks an index where a
 * table scan is 4× faster; with statistics from when the table was small it
 * scans 200,000 rows to count 3,000. So `customers` (only this table: a list
 * must never wait on millions of visit rows) is analysed when it has no
 * statistics or has grown or shrunk 4× since: a handful of times over a
 * branch's life, ~250 ms at 200,000 rows. Checked every 10 minutes at most.
 */
export function ensurePlannerStatistics(db: Db, now = Date.now()): void {
  const last = statsCheckedAt.get(db);
  if (last !== undefined && now - last < STATS_RECHECK_MS) return;
  statsCheckedAt.set(db, now);
  const hasStatTable = prepared(db, "SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get() !== undefined;
  const recorded = hasStatTable
    ? ((db.prepare("SELECT max(CAST(stat AS INTEGER)) AS n FROM sqlite_stat1 WHERE tbl = 'customers'").get() as { n: number | null }).n ?? 0)
    : 0;
  // Ids are never reused or erased (soft delete), so the highest id tracks the row count at O(log n).
  const actual = (prepared(db, 'SELECT coalesce(max(id), 0) AS n FROM customers').get() as { n: number }).n;
  const stale = actual > 4 * Math.max(recorded, 50) || recorded > 4 * Math.max(actual, 50);
  if (!stale && recorded > 0) return;
  try {
    db.exec('ANALYZE customers');
  } catch {
    // A read-only connection cannot store statistics; its plans are merely slower.
  }
}

/**
 * The SQL of a list request. Exported so tests can EXPLAIN exactly what the
 * handler runs.
 *
 * A quick search is first counted raw (an index-only pass: ~1 ms per 15,000
 * ids). A narrow search drives both queries from its ids (lookups + a small
 * sort). For a broad one (店, z, 便利店 at 200,000 customers) looking up and
 * sorting every id would cost 100+ ms, so:
 * - the page walks the filter/sort index in order and probes the id set (the
 *   unary `+` stops SQLite from driving from the ids), which stays cheap even
 *   when the hits cluster at the end of the order (initials z, surname 王);
 *   without a filter the count is the distinct ids minus the deleted ones;
 * - with a filter much smaller than the hits (a manager's own customers) the
 *   search is instead a per-row test on the rows that filter's index yields.
 */
export function buildListQuery(db: Db, user: SessionUser, query: ListQuery): ListPlan {
  if (query.deleted) requireDeletedAccess(user);
  const dir = query.dir === 'desc' ? 'DESC' : 'ASC';
  const orderBy = `${SORT_SQL[query.sort]} ${dir}, c.id ${dir}`;
  const rowsOf = (list: SqlFragment[]): SqlFragment => {
    const where = and(list);
    return {
      sql: `SELECT ${ROW_COLUMNS} FROM customers c LEFT JOIN users u ON u.id = c.manager_id
            WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
      params: where.params,
    };
  };
  const countOf = (list: SqlFragment[]): SqlFragment => {
    const where = and(list);
    return { sql: `SELECT count(*) AS n FROM customers c WHERE ${where.sql}`, params: where.params };
  };

  const conds = filters(user, query, true);
  const unfiltered = !query.deleted && conds.length === 1;
  const search = query.q ? quickSearch(query.q) : null;
  if (!search) {
    // Sorting by anything but name reads every live row: a table scan beats walking
    // the (deleted_at, name_pinyin) index, so that index is kept out of the way.
    const rowConds = unfiltered && query.sort !== 'name' ? filters(user, query, false) : conds;
    return { rows: rowsOf(rowConds), count: countOf(conds), empty: false };
  }

  const matches = (prepared(db, `SELECT count(*) AS n FROM (${search.ids.sql})`).get(...search.ids.params) as { n: number }).n;
  if (matches <= BROAD_SEARCH) {
    const byIds = [...filters(user, query, false), { sql: `c.id IN (${search.ids.sql})`, params: search.ids.params }];
    return { rows: rowsOf(byIds), count: countOf(byIds), empty: matches === 0 };
  }
  const probe = { sql: `+c.id IN (${search.ids.sql})`, params: search.ids.params };
  if (!unfiltered) {
    // A row test costs a table lookup (~8× an index probe), so it only pays off on a
    // filter much smaller than the hits; counting the filter stops as soon as it is not.
    const cap = Math.ceil(matches / 8);
    const where = and(conds);
    const filterSize = (prepared(db, `SELECT count(*) AS n FROM (SELECT 1 FROM customers c WHERE ${where.sql} LIMIT ?)`).get(
      ...where.params,
      cap,
    ) as { n: number }).n;
    const list = [...conds, filterSize < cap ? search.row : probe];
    return { rows: rowsOf(list), count: countOf(list), empty: false };
  }
  return {
    rows: rowsOf([...conds, probe]),
    count: {
      // count(DISTINCT) over UNION ALL: a UNION made SQLite merge the branches in id
      // order and read the whole table for the initials branch (~90 ms vs ~4 ms).
      sql: `SELECT (SELECT count(DISTINCT id) FROM (${search.ids.sql}))
                 - (SELECT count(*) FROM customers c WHERE c.deleted_at IS NOT NULL AND ${search.row.sql}) AS n`,
      params: [...search.ids.params, ...search.row.params],
    },
    empty: false,
  };
}

/** One page of the customer grid, filtered, sorted and paged in SQL. */
export function listCustomers(db: Db, user: SessionUser, query: ListQuery): Page<CustomerRow> {
  ensurePlannerStatistics(db);
  const plan = buildListQuery(db, user, query);
  if (plan.empty) return { rows: [], total: 0 };
  const records = prepared(db, plan.rows.sql).all(...plan.rows.params, query.limit, query.offset) as CustomerRowRecord[];
  // A short first page already tells the total; counting is the costly half of a broad search.
  const total =
    query.offset === 0 && records.length < query.limit
      ? records.length
      : (prepared(db, plan.count.sql).get(...plan.count.params) as { n: number }).n;
  const tags = loadTagsFor(
    db,
    records.map((r) => r.id),
  );
  return { rows: records.map((r) => toCustomerRow(r, tags.get(r.id) ?? [])), total };
}

/** The ids of the list's rows under `query`'s filter (the caller's scope), at most `max`: what 全选 selects. */
export function filteredCustomerIds(db: Db, user: SessionUser, query: Omit<ListQuery, 'offset' | 'limit' | 'sort' | 'dir'>, max: number): number[] {
  const plan = buildListQuery(db, user, { ...query, offset: 0, limit: max, sort: 'name', dir: 'asc' });
  if (plan.empty) return [];
  return (prepared(db, plan.rows.sql).all(...plan.rows.params, max, 0) as { id: number }[]).map((r) => r.id);
}
