import type { SessionUser } from '../../../shared/api/auth';
import type { Db } from '../db/connection';
import { forbidden, notFound } from '../errors';
import { loadAccessRecord, type AccessRecord } from './repo';

/** A 客户经理 works on their own customers only; 负责人 and 管理员 see the whole branch. */
export function isScopedToOwn(user: SessionUser): boolean {
  return user.role === 'manager';
}

export function canSeeDeleted(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'supervisor';
}

export function canAccess(user: SessionUser, managerId: number | null, deleted: boolean): boolean {
  if (deleted && !canSeeDeleted(user)) return false;
  return !isScopedToOwn(user) || managerId === user.id;
}

/** A customer the caller may not see is, to them, a customer that does not exist. */
export const customerNotFound = (id: number) => notFound(`客户不存在（ID ${id}）`);

/**
 * Loads the bits of a customer that decide access and throws the answer the caller may
 * see: NOT_FOUND for a missing id and, word for word the same, for another manager's
 * customer — a 客户经理 learns nothing about customers outside their care, not even that
 * the id exists. Checked in the handler (not only the UI) because every host reaches the same core.
 */
export function requireCustomerAccess(db: Db, user: SessionUser, id: number): AccessRecord {
  const row = loadAccessRecord(db, id);
  if (!row || (isScopedToOwn(user) && row.manager_id !== user.id)) throw customerNotFound(id);
  if (row.deleted_at !== null && !canSeeDeleted(user)) {
    throw notFound(`客户已删除（ID ${id}），如需恢复请联系负责人`);
  }
  return row;
}

/**
 * Who a new customer is assigned to. A manager's own customers default to
 * themselves and they may not hand a new customer to someone else.
 */
export function managerForCreate(user: SessionUser, requested: string | undefined): string | undefined {
  if (!isScopedToOwn(user)) return requested;
  const name = requested?.trim();
  if (!name) return user.name;
  if (name.toLowerCase() !== user.name.toLowerCase()) {
    throw forbidden('客户经理只能为自己新建客户，如需分配给其他客户经理请联系负责人');
  }
  return user.name;
}

/**
 * The manager named by an update. A manager cannot reassign a customer (that is
 * a transfer, done by 负责人); an empty field from them means "unchanged" so a
 * form or script that leaves it out does not trip the check.
 */
export function managerForUpdate(user: SessionUser, requested: string | undefined, current: string): string | undefined {
  if (!isScopedToOwn(user)) return requested;
  const name = requested?.trim();
  if (!name) return current;
  if (name.toLowerCase() !== current.toLowerCase()) {
    throw forbidden('客户经理不能更换客户的客户经理，如需移交请联系负责人');
  }
  return current;
}

export function requireDeletedAccess(user: SessionUser): void {
  if (!canSeeDeleted(user)) throw forbidden('只有负责人或管理员可以查看回收站');
}
