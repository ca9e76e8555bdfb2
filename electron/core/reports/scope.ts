import type { SessionUser } from '../../../shared/api/auth';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { badInput, forbidden, notFound } from '../errors';
import { findUserByName } from '../users/repo';
import { loadReport, type ReportRecord } from './repo';

/** A 客户经理 works on their own report; 负责人/管理员 see and review everyone's. */
export function requireReportAccess(db: Db, user: SessionUser, id: number): ReportRecord {
  const r = loadReport(db, id);
  if (!r) throw notFound(`月度分析报告不存在（ID ${id}）`);
  if (isScopedToOwn(user) && r.manager_id !== user.id) throw forbidden('只能查看自己的月度分析报告');
  return r;
}

/** Whose report to draft: a 客户经理 their own; a 负责人 names the manager. */
export function reportManager(db: Db, user: SessionUser, name: string | undefined): number {
  if (isScopedToOwn(user)) {
    if (name !== undefined && name.toLowerCase() !== user.name.toLowerCase()) throw forbidden('客户经理只能起草自己的月度分析报告');
    return user.id;
  }
  if (name === undefined) throw badInput('客户经理：请指定为哪位客户经理起草报告', 'manager');
  const u = findUserByName(db, name);
  if (!u || u.role !== 'manager') throw badInput(`客户经理：没有用户名为「${name}」的客户经理`, 'manager');
  return u.id;
}
