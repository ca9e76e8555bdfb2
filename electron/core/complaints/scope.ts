import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { forbidden, notFound } from '../errors';
import { loadComplaintRecord, type ComplaintRecord } from './repo';

/** A 客户经理 reaches the complaints of their customers and the ones they recorded. */
export function requireComplaintAccess(db: Db, user: SessionUser, id: number): ComplaintRecord {
  const r = loadComplaintRecord(db, id);
  if (!r) throw notFound(`投诉反馈不存在（ID ${id}）`);
  if (isScopedToOwn(user) && r.customer_manager_id !== user.id && r.manager_id !== user.id) {
    throw forbidden('无权查看该投诉反馈：客户由其他客户经理负责');
  }
  return r;
}
