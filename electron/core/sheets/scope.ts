import type { SessionUser } from '../../../shared/api/auth';
import { normaliseSheetNo } from '../../../shared/domain/sheets';
import type { Db } from '../db/connection';
import { forbidden, notFound } from '../errors';
import { isScopedToOwn } from '../customers/scope';
import { loadSheetByNo, type SheetRecord } from './repo';

/** A sheet the caller may see and register: a 客户经理 only the sheets printed for them. */
export function requireSheetAccess(db: Db, user: SessionUser, sheetNo: string): SheetRecord {
  const no = normaliseSheetNo(sheetNo);
  const s = loadSheetByNo(db, no);
  if (!s) throw notFound(`找不到签到簿编号「${no}」，请核对纸面上的编号`);
  if (isScopedToOwn(user) && s.manager_id !== user.id) throw forbidden(`签到簿 ${no} 属于其他客户经理`);
  return s;
}
