import { expect } from 'vitest';
import type { Db } from '../../../../../electron/core/db/connection';
import { insertCustomer } from '../../../helpers/core';

const columns = (db: Db) => (db.prepare('PRAGMA table_info(import_batches)').all() as { name: string; type: string; notnull: number }[]);

/**
 * Migration 5 (the contacts sheet's counts on import batches) from a version-4 database
 * with a customer import batch, its row and history in it; a case of the table-driven
 * migrations.test.ts.
 */
export const importBatchContactsMigrationCase = {
  version: 5,
  before(db: Db) {
    db.prepare(
      "INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (7, 'zhao', '赵敏', 'manager', 'h', 't', 't')",
    ).run();
    insertCustomer(db, { code: 'CB001', name: '导入的客户', managerId: 7, nameBigrams: '导入 入的 的客 客户' });
    db.exec(`
      INSERT INTO import_batches (id, kind, mode, file_name, user_id, at, total, inserted, updated, skipped, invalid)
        VALUES (1, 'customers', 'add', '客户.xlsx', 7, '2026-11-02 10:00:00', 3, 1, 0, 1, 1);
      INSERT INTO import_batch_rows (batch_id, row_no, target, target_id, target_key, action) VALUES (1, 2, 'customer', 1, 'CB001', 'insert');
      INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id, import_batch_id)
        VALUES (1, '2026-11-02 10:00:00', 7, 'create', 'record', '', '新建', 0, 1);
    `);
  },
  after(db: Db) {
    // The old batch keeps its counts; it has no contacts counts (NULL, not a made-up zero).
    expect(
      db.prepare('SELECT id, kind, file_name, total, inserted, updated, skipped, invalid, undone_at, contacts FROM import_batches').all(),
    ).toEqual([{ id: 1, kind: 'customers', file_name: '客户.xlsx', total: 3, inserted: 1, updated: 0, skipped: 1, invalid: 1, undone_at: null, contacts: null }]);
    expect(db.prepare('SELECT batch_id, target_key FROM import_batch_rows').all()).toEqual([{ batch_id: 1, target_key: 'CB001' }]);
    expect(db.prepare('SELECT import_batch_id FROM customer_changes').all()).toEqual([{ import_batch_id: 1 }]);
    expect(columns(db).find((c) => c.name === 'contacts')).toMatchObject({ type: 'TEXT', notnull: 0 });
    // The column takes the counts as JSON, and only JSON.
    const counts = { sheet: '联系人', total: 4, inserted: 2, updated: 1, skipped: 0, invalid: 1 };
    db.prepare("INSERT INTO import_batches (id, kind, mode, file_name, user_id, at, contacts) VALUES (2, 'customers', 'update', 'c.xlsx', 7, 't', ?)").run(
      JSON.stringify(counts),
    );
    expect(JSON.parse((db.prepare('SELECT contacts FROM import_batches WHERE id = 2').get() as { contacts: string }).contacts)).toEqual(counts);
    expect(db.prepare("SELECT json_extract(contacts, '$.sheet') AS sheet FROM import_batches WHERE id = 2").get()).toEqual({ sheet: '联系人' });
    expect(() => db.prepare("UPDATE import_batches SET contacts = '{不是 JSON' WHERE id = 1").run()).toThrow(/CHECK/);
    // STRICT still holds for the new column.
    expect(() => db.prepare("UPDATE import_batches SET contacts = x'7b7d' WHERE id = 1").run()).toThrow(/cannot store BLOB value in TEXT column/);
  },
};
