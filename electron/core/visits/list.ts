import type { ParsedInputOf } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/auth';
import type { VisitPage, VisitSortColumn } from '../../../shared/domain/visits';
import { normaliseCode } from '../customers/codes';
import { isScopedToOwn } from '../customers/scope';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { toVisitRow, VISIT_COLUMNS, type VisitRecord } from './repo';

export type VisitListQuery = ParsedInputOf<'visits.list'>;
/** The filters alone (visits.count); sort and dir only shape the ORDER BY. */
export type VisitFilter = ParsedInputOf<'visits.count'> & Partial<Pick<VisitListQuery, 'sort' | 'dir' | 'offset' | 'limit'>>;

/**
 * Counting stops this many rows past the page: the grid learns whether there is at
 * least one more page ("N+"), and ag-grid's infinite model keeps paging with an
 * unknown last row. An exact count of a broad filter walks millions of index
 * entries and, for tier, type or signature filters, as many row lookups: far more
 * than the page itself costs. Small results are counted exactly.
 */
export const COUNT_CAP = 100;

/** The only place a sort column becomes SQL. signIn runs on the sign-in indexes; the others sort the filtered set. */
const SORT_SQL: Record<VisitSortColumn, string> = {
  signIn: 'v.sign_in',
  customer: 'c.code',
  manager: 'u.display_name',
  type: 'v.type',
  duration: 'v.duration_minutes',
  signature: 'v.signature',
  createdAt: 'v.created_at',
};

interface Fragment {
  sql: string;
  params: unknown[];
}

function inList(column: string, values: readonly unknown[]): Fragment {
  return values.length === 1
    ? { sql: `${column} = ?`, params: [values[0]] }
    : { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

/**
 * WHERE and ORDER BY of a visit list. `v.deleted_at IS NULL` is literal because the
 * visit indexes are partial on it. A 客户经理 sees the visits they made.
 * Exported so tests can EXPLAIN the exact SQL.
 */
export function buildVisitQuery(db: Db, user: SessionUser, q: VisitFilter): { where: string; params: unknown[]; orderBy: string } | null {
  const conds: Fragment[] = [{ sql: 'v.deleted_at IS NULL', params: [] }];
  if (isScopedToOwn(user)) conds.push({ sql: 'v.manager_id = ?', params: [user.id] });
  const managerIds = [...(q.managerId ?? [])];
  if (q.manager) {
    const row = prepared(db, 'SELECT id FROM users WHERE name = ?').get(q.manager) as { id: number } | undefined;
    if (!row) return null;
    managerIds.push(row.id);
  }
  if (managerIds.length) conds.push(inList('v.manager_id', [...new Set(managerIds)]));
  if (q.customerId !== undefined) conds.push({ sql: 'v.customer_id = ?', params: [q.customerId] });
  if (q.customer) {
    const row = prepared(db, 'SELECT id FROM customers WHERE code = ?').get(normaliseCode(q.customer)) as { id: number } | undefined;
    if (!row) return null;
    conds.push({ sql: 'v.customer_id = ?', params: [row.id] });
  }
  if (q.from) conds.push({ sql: 'v.sign_in >= ?', params: [q.from] });
  // Sign-in times are 'YYYY-MM-DD HH:mm': everything of the last day sorts below 'YYYY-MM-DD~'.
  if (q.to) conds.push({ sql: 'v.sign_in < ?', params: [`${q.to}~`] });
  if (q.type?.length) conds.push(inList('v.type', q.type));
  if (q.signature?.length) conds.push(inList('v.signature', q.signature));
  // A per-row lookup on purpose: as a join term the planner either drives the query by
  // the customers' tier index (then sorts hundreds of thousands of visits) or builds a
  // Bloom filter over all 200,000 customers first; both cost more than the page.
  if (q.tier?.length) conds.push(inList('(SELECT ct.tier FROM customers ct WHERE ct.id = v.customer_id)', q.tier));
  if (q.planned !== undefined) conds.push({ sql: 'v.planned = ?', params: [q.planned ? 1 : 0] });
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  return {
    where: conds.map((c) => c.sql).join(' AND '),
    params: conds.flatMap((c) => c.params),
    orderBy: (q.sort ?? 'signIn') === 'signIn' ? `v.sign_in ${dir}, v.id ${dir}` : `${SORT_SQL[q.sort!]} ${dir}, v.sign_in ${dir}, v.id ${dir}`,
  };
}

export function visitListSql(where: string, orderBy: string): { rows: string; count: string } {
  // CROSS JOIN fixes visits as the outer loop (SQLite never reorders a CROSS JOIN).
  const from = 'visits v CROSS JOIN customers c ON c.id = v.customer_id CROSS JOIN users u ON u.id = v.manager_id';
  return {
    rows: `SELECT ${VISIT_COLUMNS}, (SELECT count(*) FROM attachments a WHERE a.visit_id = v.id AND a.deleted_at IS NULL) AS attachment_count
           FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    // The filters name visit columns only (the tier through its own lookup), so counting needs no join.
    count: `SELECT count(*) AS n FROM (SELECT 1 FROM visits v WHERE ${where} LIMIT ?)`,
  };
}

/** One page of the visit grid, filtered, sorted and paged in SQL. */
export function listVisits(db: Db, user: SessionUser, q: VisitListQuery): VisitPage {
  const built = buildVisitQuery(db, user, q);
  if (!built) return { rows: [], total: 0, totalIsLowerBound: false };
  const sql = visitListSql(built.where, built.orderBy);
  const records = prepared(db, sql.rows).all(...built.params, q.limit, q.offset) as (VisitRecord & { attachment_count: number })[];
  let total: number;
  let lowerBound = false;
  if (records.length < q.limit && (records.length > 0 || q.offset === 0)) {
    // A short page tells the total by itself.
    total = q.offset + records.length;
  } else {
    const cap = q.offset + q.limit + COUNT_CAP;
    total = (prepared(db, sql.count).get(...built.params, cap) as { n: number }).n;
    lowerBound = total >= cap;
  }
  return { rows: records.map((r) => toVisitRow(r, r.attachment_count)), total, totalIsLowerBound: lowerBound };
}

/**
 * The exact count of a filter, asked for separately so the page shows at once and the
 * "N+" turns into the real total when this answers. It runs on the same partial indexes
 * as the list: a manager's or a date range's visits are an index range; the whole
 * branch's five years is one pass over the smallest index.
 */
export function countVisits(db: Db, user: SessionUser, q: VisitFilter): number {
  const built = buildVisitQuery(db, user, q);
  if (!built) return 0;
  return (prepared(db, `SELECT count(*) AS n FROM visits v WHERE ${built.where}`).get(...built.params) as { n: number }).n;
}
