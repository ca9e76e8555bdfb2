import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { forbidden, notFound } from '../errors';
import { loadReceiptRecord, type ReceiptRecord } from './repo';

/** Read access: a 客户经理 reaches the receipts of their customers and the ones they handed out. */
export function requireReceiptAccess(db: Db, user: SessionUser, id: number): ReceiptRecord {
  const r = loadReceiptRecord(db, id);
  // One outside the caller's customers answers like a missing one.
  if (!r || (isScopedToOwn(user) && r.customer_manager_id !== user.id && r.manager_id !== user.id)) throw notFound(`签收单不存在（ID ${id}）`);
  return r;
}

/** Write access: 负责人/管理员 change any receipt; a 客户经理 only the ones they registered. */
export function requireReceiptWrite(db: Db, user: SessionUser, id: number): ReceiptRecord {
  const r = requireReceiptAccess(db, user, id);
  if (isScopedToOwn(user) && r.manager_id !== user.id) throw forbidden('只能修改自己登记的签收单');
  return r;
}
