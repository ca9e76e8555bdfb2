import type { AuditAction, AuditHost } from '../../../shared/api/audit';
import type { Db } from '../db/connection';
import { localTimestamp } from '../clock';
import { encodeAuditDetail } from './detail';

export interface AuditEntry {
  userId: number | null;
  userName: string | null;
  action: AuditAction;
  target?: string;
  detail?: unknown;
  ok?: boolean;
  /** The app the entry was made in (Core's `host`); undefined in tests and tools that open a core without one. */
  host?: AuditHost;
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
    encodeAuditDetail(e.detail, e.host),
    e.ok === false ? 0 : 1,
  );
}
