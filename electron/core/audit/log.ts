import type { AuditAction } from '../../../shared/api/audit';
import type { Db } from '../db/connection';
import { localTimestamp } from '../clock';

export interface AuditEntry {
  userId: number | null;
  userName: string | null;
  action: AuditAction;
  target?: string;
  detail?: unknown;
  ok?: boolean;
}

export function writeAudit(db: Db, at: Date, e: AuditEntry): void {
  db.prepare(
    `INSERT INTO audit_log (at, user_id, user_name, action, target, detail, ok) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    localTimestamp(at),
    e.userId,
    e.userName,
    e.action,
    e.target ?? null,
    e.detail === undefined ? null : typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail),
    e.ok === false ? 0 : 1,
  );
}
