import type { SessionUser } from '../../../shared/api/auth';
import type { CustomerInput, DuplicateHit } from '../../../shared/domain/customers';
import { validateCreditCode, validateIdCard, validateMobile } from '../../../shared/validators';
import type { Db } from '../db/connection';
import type { CustomerValues } from './rules';
import { canAccess, isScopedToOwn } from './scope';
import { prepared } from '../db/statements';

/** The identifying values of a customer that are compared with every other customer. */
export interface DuplicateProbe {
  idNumber: string | null;
  creditCode: string | null;
  /** The customer's own mobile and its contacts' mobiles. */
  mobiles: string[];
  name: string | null;
  address: string | null;
}

const MAX_HITS = 20;
const OTHER_MANAGER = '其他客户经理';
const OTHER_CUSTOMER = '（不在您负责范围内的客户）';

/** 和平路 12号 and 和平路12号 are the same address. */
export function normaliseAddress(address: string | null | undefined): string {
  return (address ?? '').replace(/[\s\u3000]+/g, '');
}

export function probeFromValues(v: CustomerValues): DuplicateProbe {
  const mobiles = [v.mobile, ...v.contacts.map((c) => c.mobile)].filter((m): m is string => !!m);
  return { idNumber: v.idNumber, creditCode: v.creditCode, mobiles: [...new Set(mobiles)], name: v.name, address: v.address };
}

/** For the live check while a form is being filled: invalid values are simply not compared. */
export function probeFromPartial(data: Partial<CustomerInput>): DuplicateProbe {
  const ok = <T extends { ok: boolean }>(raw: string | undefined, check: (s: string) => T): T | null => {
    if (!raw?.trim()) return null;
    const r = check(raw);
    return r.ok ? r : null;
  };
  const id = ok(data.idNumber, (s) => validateIdCard(s));
  const credit = ok(data.creditCode, validateCreditCode);
  const mobiles = [data.mobile, ...(data.contacts ?? []).map((c) => c.mobile)]
    .map((m) => ok(m, validateMobile))
    .filter((r) => r !== null)
    .map((r) => (r as { value: string }).value);
  return {
    idNumber: id && id.ok ? id.value : null,
    creditCode: credit && credit.ok ? credit.value : null,
    mobiles: [...new Set(mobiles)],
    name: data.name?.trim() || null,
    address: data.address?.trim() || null,
  };
}

interface HitRecord {
  id: number;
  code: string;
  name: string;
  manager_id: number | null;
  deleted_at: string | null;
  manager_display_name: string | null;
}

/**
 * Customers that look like the same person or organisation. Deleted customers
 * are included (marked 已删除) because re-creating one from the recycle bin's
 * shadow is exactly the mistake to catch. A manager learns that a customer they do
 * not look after exists, but neither its name, its code, its id nor whose it is.
 */
export function findDuplicates(db: Db, user: SessionUser, probe: DuplicateProbe, excludeId?: number): DuplicateHit[] {
  const reasons = new Map<number, string[]>();
  const note = (ids: { id: number }[], reason: string) => {
    for (const { id } of ids) {
      if (id === excludeId) continue;
      const list = reasons.get(id) ?? [];
      if (!list.includes(reason)) list.push(reason);
      reasons.set(id, list);
    }
  };

  if (probe.idNumber) note(prepared(db, 'SELECT id FROM customers WHERE id_number = ?').all(probe.idNumber) as { id: number }[], '身份证号相同');
  if (probe.creditCode) {
    note(prepared(db, 'SELECT id FROM customers WHERE credit_code = ?').all(probe.creditCode) as { id: number }[], '统一社会信用代码相同');
  }
  for (const m of probe.mobiles) {
    const ids = prepared(
      db,
      `SELECT id FROM customers WHERE mobile = ?
       UNION SELECT customer_id FROM contacts WHERE mobile = ? AND deleted_at IS NULL`,
    ).all(m, m) as { id: number }[];
    note(ids, '手机号相同');
  }
  const address = normaliseAddress(probe.address);
  if (probe.name && address) {
    const sameName = prepared(db, 'SELECT id, address FROM customers WHERE name = ?').all(probe.name) as { id: number; address: string | null }[];
    note(
      sameName.filter((r) => normaliseAddress(r.address) === address),
      '名称和地址相同',
    );
  }

  const ids = [...reasons.keys()].sort((a, b) => a - b).slice(0, MAX_HITS);
  if (!ids.length) return [];
  const rows = prepared(
    db,
    `SELECT c.id, c.code, c.name, c.manager_id, c.deleted_at, u.display_name AS manager_display_name
     FROM customers c LEFT JOIN users u ON u.id = c.manager_id
     WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
  ).all(JSON.stringify(ids)) as HitRecord[];

  let hidden = 0;
  return rows.map((r) => {
    const deleted = r.deleted_at !== null;
    const accessible = canAccess(user, r.manager_id, deleted);
    if (isScopedToOwn(user) && r.manager_id !== user.id) {
      // Outside the caller's care: that it exists (so the same person is not entered twice), not who it is.
      hidden++;
      return { id: -hidden, code: '', name: OTHER_CUSTOMER, manager: r.manager_id !== null ? OTHER_MANAGER : '未分配', reason: reasons.get(r.id)!.join('、'), accessible: false };
    }
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      manager: r.manager_display_name ?? '未分配',
      reason: reasons.get(r.id)!.join('、') + (deleted ? '（已删除）' : ''),
      accessible,
    };
  });
}

export function duplicatesMessage(hits: DuplicateHit[]): string {
  const shown = hits.slice(0, 3).map((h) => (h.code ? `「${h.name}」（${h.code}，${h.reason}）` : `${h.name}（${h.reason}）`));
  const more = hits.length > 3 ? `等${hits.length}个` : '';
  return `发现可能重复的客户：${shown.join('；')}${more}。确认不是同一客户后可继续保存`;
}
