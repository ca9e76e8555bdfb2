import { expect } from 'vitest';
import type { Db } from '../../../../../electron/core/db/connection';
import { insertCustomer } from '../../../helpers/core';

/**
 * Migration 3 (imports) from a version-2 database with data in it, in the shape of
 * the table-driven cases of migrations.test.ts (`before` fills
 * version 2, `after` checks version 3), so it can be listed there as it is.
 */
export const importsMigrationCase = {
  version: 3,
  before(db: Db) {
    db.prepare(
      "INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (9, 'admin', '王管理', 'admin', 'h', 't', 't')",
    ).run();
    insertCustomer(db, { code: 'IM001', name: '老客户', nameBigrams: '老客 客户' });
    db.prepare(
      "INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id) VALUES (1, '2026-01-01 09:00:00', 9, 'create', 'record', '', '新建', 0)",
    ).run();
  },
  after(db: Db) {
    // Old history rows keep their values; the new column is empty.
    expect(db.prepare('SELECT customer_id, batch_id, import_batch_id FROM customer_changes').all()).toEqual([{ customer_id: 1, batch_id: 0, import_batch_id: null }]);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['import_batches', 'import_batch_rows', 'import_layouts', 'customer_volumes']));
    // The new tables work with the old data, constraints included.
    db.exec(`
      INSERT INTO import_batches (id, kind, mode, file_name, user_id, at) VALUES (1, 'volume', 'add', 'v.xlsx', 9, '2026-11-01 09:00:00');
      INSERT INTO customer_volumes (customer_id, month, metric, value, batch_id, updated_at) VALUES (1, '2026-10', '销量', 12, 1, '2026-11-01 09:00:00');
      INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id, import_batch_id)
        VALUES (1, '2026-11-01 09:00:00', 9, 'update', 'name', '老客户', '新名字', 1, 1);
    `);
    expect(() => db.exec("INSERT INTO customer_volumes (customer_id, month, metric, value, updated_at) VALUES (1, '2026-1', '销量', 1, 'x')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO import_batches (kind, mode, file_name, at) VALUES ('orders', 'add', 'x', 't')")).toThrow(/CHECK/);
  },
};
