import { toHalfWidth } from '../../../shared/validators';
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';

export const AUTO_CODE_PREFIX = 'C';
const AUTO_CODE_DIGITS = 6;

/** Codes are compared case-insensitively by storing them upper-case (c001 and C001 are the same customer code). */
export function normaliseCode(code: string | null | undefined): string {
  return toHalfWidth(code ?? '').trim().toUpperCase();
}

export function codeProblem(code: string): string | null {
  if (!/^[A-Z0-9._-]+$/.test(code)) return '客户编码只能包含字母、数字、点、横线和下划线';
  return null;
}

/**
 * `C` + 6 digits, one above the highest such code in use (deleted customers
 * included: their codes stay reserved so a restore never collides). Walks the
 * unique code index backwards, so it stays instant at any table size.
 */
export function nextCustomerCode(db: Db): string {
  const row = prepared(
    db,
    `SELECT code FROM customers
     WHERE code >= ? AND code < ? AND code GLOB ?
     ORDER BY code DESC LIMIT 1`,
  ).get(
    `${AUTO_CODE_PREFIX}0`,
    `${AUTO_CODE_PREFIX}:`,
    `${AUTO_CODE_PREFIX}${'[0-9]'.repeat(AUTO_CODE_DIGITS)}`,
  ) as { code: string } | undefined;
  return formatAutoCode(row ? Number(row.code.slice(AUTO_CODE_PREFIX.length)) + 1 : 1);
}

export function formatAutoCode(sequence: number): string {
  return `${AUTO_CODE_PREFIX}${String(sequence).padStart(AUTO_CODE_DIGITS, '0')}`;
}

export interface CodeOwner {
  id: number;
  name: string;
  deleted: boolean;
  managerId: number | null;
}

export function findCodeOwner(db: Db, code: string, excludeId?: number): CodeOwner | null {
  const row = prepared(db, 'SELECT id, name, deleted_at, manager_id FROM customers WHERE code = ? AND id <> ?').get(code, excludeId ?? 0) as
    | { id: number; name: string; deleted_at: string | null; manager_id: number | null }
    | undefined;
  return row ? { id: row.id, name: row.name, deleted: row.deleted_at !== null, managerId: row.manager_id } : null;
}

/**
 * Why a code cannot be used. A code is unique in the branch, so a 客户经理 must learn that it is
 * taken, but not by which of another manager's customers (nor that it is in the recycle bin).
 */
export function codeTakenMessage(code: string, owner: CodeOwner, viewer?: { id: number; role: string }): string {
  if (viewer?.role === 'manager' && owner.managerId !== viewer.id) return `客户编码 ${code} 已被使用，请换一个编码（留空则自动编号）`;
  return `客户编码 ${code} 已被客户「${owner.name}」使用${owner.deleted ? '（该客户在回收站中）' : ''}`;
}
