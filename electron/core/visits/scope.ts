import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { forbidden, notFound } from '../errors';
import { loadVisitAccess, type VisitAccess } from './repo';

/**
 * Read access: 负责人/管理员 see every visit; a 客户经理 sees the visits they made
 * and every visit of a customer now in their care (the customer's history stays
 * continuous after a transfer).
 */
export function requireVisitAccess(db: Db, user: SessionUser, id: number): VisitAccess {
  const v = loadVisitAccess(db, id);
  // Another manager's visit answers like a missing one: its id tells the caller nothing.
  if (!v || !visible(user, v)) throw notFound(`走访记录不存在或已删除（ID ${id}）`);
  return v;
}

function visible(user: SessionUser, v: VisitAccess): boolean {
  return !isScopedToOwn(user) || v.manager_id === user.id || v.customer_manager_id === user.id;
}

/** Whether the caller may read the visit (for answers that must not tell another manager's visit from a missing one). */
export function canSeeVisit(db: Db, user: SessionUser, id: number): boolean {
  const v = loadVisitAccess(db, id);
  return !!v && visible(user, v);
}

/** Write access: 负责人/管理员 change any visit; a 客户经理 only the visits they made themselves. */
export function requireVisitWrite(db: Db, user: SessionUser, id: number): VisitAccess {
  const v = requireVisitAccess(db, user, id);
  if (isScopedToOwn(user) && v.manager_id !== user.id) throw forbidden('只能修改自己登记的走访记录');
  return v;
}
