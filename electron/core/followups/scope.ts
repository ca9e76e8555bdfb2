import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { notFound } from '../errors';
import { loadFollowUpRecord, type FollowUpRecord } from './repo';

/** A 客户经理 works on the tasks they own; 负责人/管理员 on every task. */
export function requireFollowUpWrite(db: Db, user: SessionUser, id: number): FollowUpRecord {
  const r = loadFollowUpRecord(db, id);
  // A 客户经理 sees only their own tasks: another's answers like a missing one.
  if (!r || (isScopedToOwn(user) && r.owner_id !== user.id)) throw notFound(`跟进任务不存在（ID ${id}）`);
  return r;
}
