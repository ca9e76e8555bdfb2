import { expect } from 'vitest';
import type { Db } from '../../../../../electron/core/db/connection';
import { insertCustomer } from '../../../helpers/core';

/**
 * Migration 2 (visits) from a version-1 database with data in it, in the shape of
 * the table-driven cases of migrations.test.ts (`before` fills version 1, `after`
 * checks version 2), so the case can move there as it is.
 */
export const visitsMigrationCase = {
  version: 2,
  before(db: Db) {
    db.prepare(
      "INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (7, 'zhang', '张经理', 'manager', 'h', 't', 't')",
    ).run();
    db.prepare("INSERT INTO dict_items (kind, name, sort, visit_interval_days) VALUES ('tier', 'A', 0, 7)").run();
    insertCustomer(db, { code: 'YC001', name: '张三丰烟酒店', tier: 'A', managerId: 7, nameBigrams: '张三 三丰 丰烟 烟酒 酒店' });
    insertCustomer(db, { code: 'YC002', name: '李四', managerId: 7, nameBigrams: '李四' });
    db.prepare(
      "INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value) VALUES (1, '2024-06-01 09:00:00', 7, 'create', 'record', '', '新建')",
    ).run();
  },
  after(db: Db) {
    // The data of version 1 is untouched; the new column starts empty.
    expect(db.prepare('SELECT code, name, tier, manager_id, last_visit_at FROM customers ORDER BY id').all()).toEqual([
      { code: 'YC001', name: '张三丰烟酒店', tier: 'A', manager_id: 7, last_visit_at: null },
      { code: 'YC002', name: '李四', tier: null, manager_id: 7, last_visit_at: null },
    ]);
    expect((db.prepare('SELECT count(*) AS n FROM customer_changes').get() as { n: number }).n).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['visits', 'plan_entries', 'followups', 'complaints', 'receipts', 'receipt_items', 'attachments']));
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'visits_manager_sign_in',
        'visits_customer_sign_in',
        'visits_sign_in',
        'plan_entries_manager_date',
        'followups_owner_open',
        'complaints_status_opened',
      ]),
    );

    // The new tables work at once, with their constraints.
    const visit = db.prepare(
      `INSERT INTO visits (manager_id, customer_id, type, sign_in, sign_out, created_at, updated_at)
       VALUES (7, 1, ?, ?, ?, 't', 't')`,
    );
    visit.run('常规走访', '2024-06-03 09:00', '2024-06-03 09:30');
    expect(() => visit.run('闲聊', '2024-06-03 10:00', '2024-06-03 10:30')).toThrow(/CHECK/);
    expect(() => visit.run('回访', '2024-06-03 10:00', '2024-06-03 09:30')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO visits (manager_id, customer_id, type, sign_in, created_at, updated_at) VALUES (7, 99, '回访', 'x', 't', 't')").run()).toThrow(
      /FOREIGN KEY/,
    );
    const entry = db.prepare(
      "INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, created_at, updated_at, removed_at) VALUES ('2024-06-03', ?, 1, 7, 't', 't', ?)",
    );
    entry.run('2024-06-04', null);
    expect(() => entry.run('2024-06-05', null)).toThrow(/UNIQUE/);
    entry.run('2024-06-05', 'removed');
    expect(() =>
      db.prepare("INSERT INTO attachments (sha256, original_name, mime, size, created_at) VALUES ('x', 'a.png', 'image/png', 1, 't')").run(),
    ).toThrow(/CHECK/);
    // Customer search triggers do not fire for the denormalised column.
    db.prepare("UPDATE customers SET last_visit_at = '2024-06-03 09:00' WHERE id = 1").run();
  },
};
