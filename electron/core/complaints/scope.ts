import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { notFound } from '../errors';
import { loadComplaintRecord, type ComplaintRecord } from './repo';

/** A 客户经理 reaches the complaints of their customers and the ones they recorded. */
export function requireComplaintAccess(db: Db, user: SessionUser, id: number): ComplaintRecord {
  const r = loadComplaintRecord(db, id);
  // One outside the caller's customers answers like a missing one.
  if (!r || !visible(user, r)) throw notFound(`投诉反馈不存在（ID ${id}）`);
  return r;
}

function visible(user: SessionUser, r: ComplaintRecord): boolean {
  return !isScopedToOwn(user) || r.customer_manager_id === user.id || r.manager_id === user.id;
}

/** Whether the caller may read the complaint (answers that must not tell another manager's from a missing one). */
export function canSeeComplaint(db: Db, user: SessionUser, id: number): boolean {
  const r = loadComplaintRecord(db, id);
  return !!r && visible(user, r);
}
