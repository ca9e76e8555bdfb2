import { expect } from 'vitest';
import type { Db } from '../../../../../electron/core/db/connection';

/**
 * Migration 6 (the session epoch on users, electron/core/db/migrations/006_session_epoch.ts)
 * from a version-5 database with an administrator, a locked manager who must change the
 * password and a disabled one; a case of the table-driven migrations.test.ts.
 */
export const sessionEpochMigrationCase = {
  version: 6,
  before(db: Db) {
    db.exec(`
      INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (1, 'admin', '王管理', 'admin', 'h1', 't', 't');
      INSERT INTO users (id, name, display_name, role, password_hash, failed_attempts, locked_until, must_change_password, created_at, updated_at)
        VALUES (2, 'zhang', '张三', 'manager', 'h2', 5, '2026-11-02 10:15:00', 1, 't', 't');
      INSERT INTO users (id, name, display_name, role, password_hash, disabled, created_at, updated_at) VALUES (3, 'li', '李四', 'manager', 'h3', 1, 't', 't');
    `);
  },
  after(db: Db) {
    // Every account keeps what it had and starts at epoch 0.
    expect(
      db.prepare('SELECT id, name, password_hash, disabled, failed_attempts, locked_until, must_change_password, session_epoch FROM users ORDER BY id').all(),
    ).toEqual([
      { id: 1, name: 'admin', password_hash: 'h1', disabled: 0, failed_attempts: 0, locked_until: null, must_change_password: 0, session_epoch: 0 },
      { id: 2, name: 'zhang', password_hash: 'h2', disabled: 0, failed_attempts: 5, locked_until: '2026-11-02 10:15:00', must_change_password: 1, session_epoch: 0 },
      { id: 3, name: 'li', password_hash: 'h3', disabled: 1, failed_attempts: 0, locked_until: null, must_change_password: 0, session_epoch: 0 },
    ]);
    // A new user gets 0 too; the column is a STRICT integer that cannot be NULL.
    db.prepare("INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (4, 'zhao', '赵敏', 'manager', 'h4', 't', 't')").run();
    expect(db.prepare('SELECT session_epoch FROM users WHERE id = 4').get()).toEqual({ session_epoch: 0 });
    expect(() => db.prepare('UPDATE users SET session_epoch = NULL WHERE id = 4').run()).toThrow(/NOT NULL/);
    expect(() => db.prepare("UPDATE users SET session_epoch = 'x' WHERE id = 4").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  },
};
