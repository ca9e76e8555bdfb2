import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 003 (imports)', () => {
  it('applies on a version-2 database with data in it and keeps every row', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-m003-'));
    dirs.push(dir);
    const db = openDatabase(path.join(dir, 'v2.db'), { migrate: false });
    try {
      expect(migrate(db, 2)).toBe(2);
      db.exec(`
        INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (1, 'admin', '王管理', 'admin', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
        INSERT INTO customers (id, code, name, kind, created_at, updated_at) VALUES (1, 'C000001', '老客户', '个人', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
        INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id) VALUES (1, '2026-01-01 00:00:00', 1, 'create', 'record', '', '新建', 0);
      `);
      expect(migrate(db)).toBeGreaterThanOrEqual(3);
      expect(db.prepare('SELECT customer_id, batch_id, import_batch_id FROM customer_changes').all()).toEqual([{ customer_id: 1, batch_id: 0, import_batch_id: null }]);
      const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['import_batches', 'import_batch_rows', 'import_layouts', 'customer_volumes']));
      // The new tables work with the old data: a batch, a volume, a history row pointing at it.
      db.exec(`
        INSERT INTO import_batches (id, kind, mode, file_name, user_id, at) VALUES (1, 'volume', 'add', 'v.xlsx', 1, '2026-11-01 09:00:00');
        INSERT INTO customer_volumes (customer_id, month, metric, value, batch_id, updated_at) VALUES (1, '2026-10', '销量', 12, 1, '2026-11-01 09:00:00');
        INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id, import_batch_id) VALUES (1, '2026-11-01 09:00:00', 1, 'update', 'name', '老客户', '新名字', 1, 1);
      `);
      expect(() => db.exec("INSERT INTO customer_volumes (customer_id, month, metric, value, updated_at) VALUES (1, '2026-1', '销量', 1, 'x')")).toThrow();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
