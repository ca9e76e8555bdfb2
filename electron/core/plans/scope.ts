import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { notFound } from '../errors';
import { loadEntryRecord, type PlanEntryRecord } from './repo';

/** A 客户经理 adjusts only their own plan; 负责人/管理员 every plan. */
export function requirePlanEntryWrite(db: Db, user: SessionUser, id: number): PlanEntryRecord {
  const e = loadEntryRecord(db, id);
  // Another manager's entry answers like a missing one.
  if (!e || e.removed_at !== null || (isScopedToOwn(user) && e.manager_id !== user.id)) throw notFound(`计划条目不存在或已移除（ID ${id}）`);
  return e;
}
