import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { forbidden, notFound } from '../errors';
import { loadWarning, type WarningRecord } from './repo';

/** A 客户经理 handles the warnings of their own customers; 负责人/管理员 every warning. */
export function requireWarningAccess(db: Db, user: SessionUser, id: number): WarningRecord {
  const r = loadWarning(db, id);
  if (!r) throw notFound(`流失预警不存在（ID ${id}）`);
  if (isScopedToOwn(user) && r.manager_id !== user.id) throw forbidden('只能处理自己客户的流失预警');
  return r;
}
