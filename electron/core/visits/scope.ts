import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { forbidden, notFound } from '../errors';

/** The bits of a visit that decide who may see or change it. */
export interface VisitAccess {
  id: number;
  manager_id: number;
  customer_id: number;
  customer_manager_id: number | null;
  created_at: string;
  sign_out: string | null;
}

export function loadVisitAccess(db: Db, id: number): VisitAccess | null {
  return (
    (prepared(
      db,
      `SELECT v.id, v.manager_id, v.customer_id, c.manager_id AS customer_manager_id, v.created_at, v.sign_out
       FROM visits v JOIN customers c ON c.id = v.customer_id WHERE v.id = ? AND v.deleted_at IS NULL`,
    ).get(id) as VisitAccess | undefined) ?? null
  );
}

/**
 * Read access: 负责人/管理员 see every visit; a 客户经理 sees the visits they made
 * and every visit of a customer now in their care (the customer's history stays
 * continuous after a transfer).
 */
export function requireVisitRead(db: Db, user: SessionUser, id: number): VisitAccess {
  const v = loadVisitAccess(db, id);
  if (!v) throw notFound(`走访记录不存在或已删除（ID ${id}）`);
  if (isScopedToOwn(user) && v.manager_id !== user.id && v.customer_manager_id !== user.id) {
    throw forbidden('无权查看该走访记录：它属于其他客户经理');
  }
  return v;
}

/** Write access: 负责人/管理员 change any visit; a 客户经理 only the visits they made themselves. */
export function requireVisitWrite(db: Db, user: SessionUser, id: number): VisitAccess {
  const v = requireVisitRead(db, user, id);
  if (isScopedToOwn(user) && v.manager_id !== user.id) throw forbidden('只能修改自己登记的走访记录');
  return v;
}
