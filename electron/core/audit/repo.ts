import type { AuditAction } from '../../../shared/api/audit';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

export interface AuditRecord {
  id: number;
  at: string;
  user_name: string | null;
  action: AuditAction;
  target: string | null;
  detail: string | null;
  ok: number;
}

export interface AuditFilter {
  action?: AuditAction;
  userName?: string;
  /** `YYYY-MM-DD`, whole days. */
  from?: string;
  to?: string;
  /** Substring of the target or the detail. */
  q?: string;
}

/** One page of the audit log, newest first, and how many rows match. */
export function listAudit(db: Db, f: AuditFilter, limit: number, offset: number): { total: number; rows: AuditRecord[] } {
  // Every filter is a fixed clause with a bound value; no user text becomes SQL.
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.action) {
    where.push('action = ?');
    params.push(f.action);
  }
  if (f.userName) {
    where.push('user_name = ?');
    params.push(f.userName);
  }
  if (f.from) {
    where.push('at >= ?');
    params.push(`${f.from} 00:00:00`);
  }
  if (f.to) {
    where.push('at <= ?');
    params.push(`${f.to} 23:59:59`);
  }
  if (f.q) {
    where.push("(target LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\')");
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (prepared(db, `SELECT count(*) AS n FROM audit_log ${clause}`).get(...params) as { n: number }).n;
  const rows = prepared(db, `SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...params, limit, offset) as AuditRecord[];
  return { total, rows };
}
