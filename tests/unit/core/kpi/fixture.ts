import type { Db } from '../../../../electron/core/db/connection';

/**
 * A small branch whose November 2026 figures are worked out by hand in kpi.test.ts:
 * zhang (3 customers at the end of November, one of them transferred to li in December),
 * li (one key customer transferred to him mid-November, lost on the 20th, and one customer
 * typed in on 5 December), wang (nothing).
 */
export const VALID_ID = '110101199003074514';

export function seedKpiBranch(db: Db, ids: { zhang: number; li: number }): Record<string, number> {
  const { zhang, li } = ids;
  const customer = (code: string, f: Record<string, unknown>) =>
    Number(
      db
        .prepare(
          `INSERT INTO customers (code, name, kind, tier, manager_id, key_customer, status, licence_no, id_number, mobile, address, created_at, updated_at, deleted_at)
           VALUES (@code, @name, @kind, @tier, @manager, @key, @status, @licence, @id, @mobile, @address, @created, @created, @deleted)`,
        )
        .run({ code, name: `客户${code}`, kind: '零售户', tier: null, manager: null, key: 0, status: '正式', licence: null, id: null, mobile: null, address: null, created: '2026-01-01 09:00:00', deleted: null, ...f })
        .lastInsertRowid,
    );
  const c = {
    C1: customer('C1', { tier: 'A', manager: zhang, key: 1, licence: '350102100001', mobile: '13800138000', address: '福州路1号' }),
    C2: customer('C2', { kind: '个人', tier: 'B', manager: zhang, id: '110101199003074515', address: '福州路2号', created: '2026-11-10 10:00:00' }),
    C3: customer('C3', { tier: 'A', manager: li }),
    C4: customer('C4', { tier: 'A', manager: li, key: 1, status: '流失', created: '2025-05-01 09:00:00' }),
    C5: customer('C5', { tier: 'C', manager: li, deleted: '2026-11-02 10:00:00' }),
    C6: customer('C6', { tier: 'C', manager: li, created: '2026-12-05 10:00:00' }),
    C7: customer('C7', { tier: 'C' }),
  };
  const transfer = (customerId: number, from: number, to: number, at: string) =>
    db.prepare('INSERT INTO customer_transfers (customer_id, from_manager_id, to_manager_id, at) VALUES (?, ?, ?, ?)').run(customerId, from, to, at);
  transfer(c.C3, zhang, li, '2026-12-02 10:00:00');
  transfer(c.C4, zhang, li, '2026-11-15 10:00:00');
  db.prepare("INSERT INTO customer_changes (customer_id, at, action, field, old_value, new_value) VALUES (?, '2026-11-20 16:00:00', 'update', 'status', '正式', '流失')").run(c.C4);

  const visit = (manager: number, customerId: number, type: string, signIn: string, duration: number | null, signature: string, deleted: string | null = null) =>
    db
      .prepare(
        `INSERT INTO visits (manager_id, customer_id, type, sign_in, duration_minutes, signature, created_at, updated_at, deleted_at)
         VALUES (?, ?, ?, ?, ?, ?, 't', 't', ?)`,
      )
      .run(manager, customerId, type, signIn, duration, signature, deleted);
  visit(zhang, c.C1, '特殊访问', '2026-11-03 09:00', 30, '已签');
  visit(zhang, c.C1, '常规走访', '2026-11-20 14:00', 50, '待签');
  visit(zhang, c.C4, '回访', '2026-11-05 10:00', null, '已签');
  visit(li, c.C3, '常规走访', '2026-11-30 23:50', 20, '拒签');
  visit(zhang, c.C2, '常规走访', '2026-12-01 00:00', 10, '已签');
  visit(li, c.C3, '常规走访', '2026-10-31 15:00', 10, '已签');
  visit(zhang, c.C2, '常规走访', '2026-11-10 15:00', 10, '已签', '2026-11-11 09:00:00');

  const plan = (manager: number, customerId: number, date: string, status: string, visitId: number | null, removed: string | null, week: string) =>
    db
      .prepare(
        `INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, status, visit_id, removed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 't', 't')`,
      )
      .run(week, date, customerId, manager, status, visitId, removed);
  plan(zhang, c.C1, '2026-11-03', '已完成', null, null, '2026-11-02');
  plan(zhang, c.C1, '2026-11-20', '计划', 2, null, '2026-11-16');
  plan(zhang, c.C2, '2026-11-24', '未完成', null, null, '2026-11-23');
  plan(zhang, c.C3, '2026-11-25', '计划', null, '2026-11-20 10:00:00', '2026-11-23');
  plan(li, c.C3, '2026-12-01', '计划', null, null, '2026-11-30');

  const followUp = (owner: number, customerId: number, due: string, doneAt: string | null, deleted: string | null = null) =>
    db
      .prepare(
        `INSERT INTO followups (customer_id, owner_id, due, content, source_type, done_at, created_at, deleted_at) VALUES (?, ?, ?, '跟进', 'manual', ?, 't', ?)`,
      )
      .run(customerId, owner, due, doneAt, deleted);
  followUp(zhang, c.C1, '2026-11-10', '2026-11-12 09:00:00');
  followUp(zhang, c.C1, '2026-11-11', '2026-11-11 17:00:00');
  followUp(zhang, c.C2, '2026-11-25', null);
  followUp(zhang, c.C2, '2026-12-10', null);
  followUp(li, c.C3, '2026-11-30', null);
  followUp(li, c.C3, '2026-11-29', null, '2026-11-29 10:00:00');

  const complaint = (manager: number, customerId: number, opened: string, closed: string | null) =>
    db
      .prepare(
        `INSERT INTO complaints (customer_id, manager_id, opened_at, category, content, closed_at, created_at, updated_at) VALUES (?, ?, ?, '服务', '投诉', ?, 't', 't')`,
      )
      .run(customerId, manager, opened, closed);
  complaint(zhang, c.C1, '2026-11-02 10:00:00', '2026-11-09 10:00:00');
  complaint(li, c.C3, '2026-10-20 10:00:00', '2026-11-03 10:00:00');
  return c;
}
