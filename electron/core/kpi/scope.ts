import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { badInput, forbidden } from '../errors';
import { findUserByName } from '../users/repo';

/** Whose figures a user may see: a 客户经理 only their own; 负责人/管理员 everyone's, or one manager's. */
export interface KpiScope {
  /** null: every manager. */
  managerId: number | null;
  /** The branch row is the user's own figures (a 客户经理 never sees the team's totals). */
  ownOnly: boolean;
}

export function kpiScope(db: Db, user: SessionUser, managerName: string | undefined): KpiScope {
  if (isScopedToOwn(user)) {
    if (managerName !== undefined && managerName.toLowerCase() !== user.name.toLowerCase()) {
      throw forbidden('客户经理只能查看自己的指标');
    }
    return { managerId: user.id, ownOnly: true };
  }
  if (managerName === undefined) return { managerId: null, ownOnly: false };
  const u = findUserByName(db, managerName);
  if (!u || u.role !== 'manager') throw badInput(`客户经理：没有用户名为「${managerName}」的客户经理`, 'manager');
  return { managerId: u.id, ownOnly: false };
}
