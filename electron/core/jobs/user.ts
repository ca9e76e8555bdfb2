import type { SessionUser } from '../../../shared/api/auth';
import type { Db } from '../db/connection';
import type { JobUser } from './types';

/** The caller as a job carries it: role and the full-export grant are read once, when the job starts. */
export function jobUser(db: Db, user: SessionUser): JobUser {
  const row = db.prepare('SELECT full_export FROM users WHERE id = ?').get(user.id) as { full_export: number } | undefined;
  return { id: user.id, name: user.name, displayName: user.displayName, role: user.role, fullExport: row?.full_export === 1 };
}
