import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/core/db/connection';
import { LATEST_VERSION, MIGRATIONS, migrate, type Migration } from '../../../../electron/core/db/migrations/index';
import { insertCustomer } from '../../helpers/core';
import { visitsMigrationCase } from './migrationCases/002_visits';
import { importsMigrationCase } from './migrationCases/003_imports';
import { customerFkIndexesMigrationCase } from './migrationCases/004_customer_fk_indexes';
import { importBatchContactsMigrationCase } from './migrationCases/005_import_batch_contacts';
import { sessionEpochMigrationCase } from './migrationCases/006_session_epoch';
import { signSheetsMigrationCase } from './migrationCases/007_sign_sheets';
import { supervisorDeskMigrationCase } from './migrationCases/008_supervisor_desk';

let dir: string;
const open: Db[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-migrations-'));
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function openFile(name: string, options: { migrate?: boolean } = {}): Db {
  const db = openDatabase(path.join(dir, name), options);
  open.push(db);
  return db;
}

const version = (db: Db) => db.pragma('user_version', { simple: true }) as number;
const names = (db: Db, type: 'table' | 'trigger' | 'index') =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);
const schema = (db: Db) => db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();

function expectHealthy(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  // For external-content FTS tables, rank = 1 also compares the index with the content table.
  db.prepare("INSERT INTO customer_fts_tri(customer_fts_tri, rank) VALUES ('integrity-check', 1)").run();
  db.prepare("INSERT INTO customer_fts_bi(customer_fts_bi, rank) VALUES ('integrity-check', 1)").run();
}

/** Rows of the customers found by an FTS query. */
function ftsIds(db: Db, table: 'customer_fts_tri' | 'customer_fts_bi', query: string): number[] {
  return (db.prepare(`SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(query) as { id: number }[]).map(
    (r) => r.id,
  );
}

const V1_TABLES = [
  'audit_log',
  'contacts',
  'customer_changes',
  'customer_fts_bi',
  'customer_fts_tri',
  'customer_tags',
  'customer_transfers',
  'customers',
  'dict_items',
  'settings',
  'user_prefs',
  'users',
];

/**
 * One case per migration (Signal's pattern): `before` fills a database that is at
 * `version - 1` with data; the test migrates exactly one step; `after` checks the new
 * schema and that the data survived. To add migration N, append a case with version N.
 */
interface MigrationCase {
  version: number;
  before(db: Db): void;
  after(db: Db): void;
}

const CASES: MigrationCase[] = [
  {
    version: 1,
    before(db) {
      // A version-0 file that holds something that is not ours (e.g. a half-finished manual import).
      db.exec(`
        CREATE TABLE legacy_import (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);
        INSERT INTO legacy_import (payload) VALUES ('第一行'), ('第二行');
      `);
    },
    after(db) {
      expect(db.prepare('SELECT payload FROM legacy_import ORDER BY id').all()).toEqual([{ payload: '第一行' }, { payload: '第二行' }]);
      expect(names(db, 'table')).toEqual(expect.arrayContaining(V1_TABLES));
      expect(names(db, 'trigger')).toEqual(expect.arrayContaining(['customers_fts_ad', 'customers_fts_ai', 'customers_fts_au']));
      // The new tables are usable at once, with their constraints.
      db.prepare("INSERT INTO settings (key, value) VALUES ('branchName', '测试网点')").run();
      expect(() =>
        db.prepare("INSERT INTO users (name, display_name, role, password_hash, created_at, updated_at) VALUES ('x', 'x', 'boss', 'h', 't', 't')").run(),
      ).toThrow(/CHECK/);
      const id = insertCustomer(db, { name: '张三丰', nameBigrams: '张三 三丰' });
      expect(ftsIds(db, 'customer_fts_bi', '"张三"')).toEqual([id]);
    },
  },
  visitsMigrationCase,
  importsMigrationCase,
  customerFkIndexesMigrationCase,
  importBatchContactsMigrationCase,
  sessionEpochMigrationCase,
  signSheetsMigrationCase,
  supervisorDeskMigrationCase,
];

describe('migrations, one step at a time from the previous version with data in it', () => {
  it('has a test case for every migration, numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(CASES.map((c) => c.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  for (const c of CASES) {
    it(`migration ${c.version} (${MIGRATIONS[c.version - 1]?.name ?? '?'}) keeps the data of version ${c.version - 1}`, () => {
      const db = openFile(`step-${c.version}.db`, { migrate: false });
      migrate(db, c.version - 1);
      expect(version(db)).toBe(c.version - 1);
      c.before(db);

      expect(migrate(db, c.version)).toBe(c.version);
      expect(version(db)).toBe(c.version);
      c.after(db);
      expectHealthy(db);

      // And from there up to the latest version.
      expect(migrate(db)).toBe(LATEST_VERSION);
      expectHealthy(db);
    });
  }
});

describe('migrate', () => {
  it('brings a fresh file to LATEST_VERSION with every table', () => {
    const db = openFile('fresh.db');
    expect(version(db)).toBe(LATEST_VERSION);
    expect(names(db, 'table')).toEqual(expect.arrayContaining(V1_TABLES));
    expectHealthy(db);
  });

  it('is idempotent: running it again changes neither schema nor data', () => {
    const db = openFile('again.db');
    const id = insertCustomer(db, { name: '李四', nameBigrams: '李四' });
    const before = schema(db);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(schema(db)).toEqual(before);
    db.close();

    const reopened = openFile('again.db');
    expect(version(reopened)).toBe(LATEST_VERSION);
    expect(reopened.prepare('SELECT id, name FROM customers').all()).toEqual([{ id, name: '李四' }]);
  });

  it('refuses a database made by a newer BranchDesk, with a Chinese message, and leaves it alone', () => {
    const file = 'newer.db';
    const db = openFile(file);
    insertCustomer(db, { name: '王五' });
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();

    expect(() => openFile(file)).toThrow(/数据库版本.*请升级/);
    const raw = openFile(file, { migrate: false });
    expect(() => migrate(raw)).toThrow(new RegExp(`${LATEST_VERSION + 1}`));
    expect(version(raw)).toBe(LATEST_VERSION + 1);
    expect(raw.prepare('SELECT name FROM customers').all()).toEqual([{ name: '王五' }]);
  });

  it('rolls back a migration that fails half-way: no partial schema, version unchanged', () => {
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken on purpose',
      up(db) {
        db.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
        db.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    const db = openFile('broken.db');
    MIGRATIONS.push(broken);
    try {
      expect(() => migrate(db, broken.version)).toThrow();
    } finally {
      MIGRATIONS.splice(MIGRATIONS.indexOf(broken), 1);
    }
    expect(version(db)).toBe(LATEST_VERSION);
    expect(names(db, 'table')).not.toContain('half_done');
  });
});

describe('connection settings', () => {
  it('uses WAL, enforces foreign keys and waits on a busy database', () => {
    const db = openFile('pragmas.db');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(() => db.prepare("INSERT INTO contacts (customer_id, name) VALUES (999, '赵六')").run()).toThrow(/FOREIGN KEY/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('customer search index (FTS triggers)', () => {
  let db: Db;
  beforeEach(() => {
    db = openFile('fts.db');
  });

  it('indexes a customer inserted by SQL: 3+ character substrings by trigram, 2-character names by bigram', () => {
    const id = insertCustomer(db, {
      name: '张三丰烟酒店',
      code: 'YC000123',
      nameBigrams: '张三 三丰 丰烟 烟酒 酒店',
      nameInitials: 'zsfyjd',
      searchPhones: '13800138000',
    });
    const other = insertCustomer(db, { name: '李四便利店', code: 'YC000124', nameBigrams: '李四 四便 便利 利店', searchPhones: '13912345678' });

    expect(ftsIds(db, 'customer_fts_tri', '"三丰烟"')).toEqual([id]);
    expect(ftsIds(db, 'customer_fts_tri', '"000123"')).toEqual([id]);
    expect(ftsIds(db, 'customer_fts_tri', '"zsf"')).toEqual([id]);
    expect(ftsIds(db, 'customer_fts_tri', '"0013800"')).toEqual([id]);
    expect(ftsIds(db, 'customer_fts_tri', '"便利店"')).toEqual([other]);
    expect(ftsIds(db, 'customer_fts_bi', '"张三"')).toEqual([id]);
    expect(ftsIds(db, 'customer_fts_bi', '"李四"')).toEqual([other]);
    expectHealthy(db);
  });

  it('follows an update of the name, bigrams and phones, and ignores unrelated updates', () => {
    const id = insertCustomer(db, { name: '张三丰', nameBigrams: '张三 三丰', searchPhones: '13800138000' });
    db.prepare("UPDATE customers SET name = '王五福', name_bigrams = '王五 五福', search_phones = '13700000001' WHERE id = ?").run(id);

    expect(ftsIds(db, 'customer_fts_tri', '"张三丰"')).toEqual([]);
    expect(ftsIds(db, 'customer_fts_bi', '"张三"')).toEqual([]);
    expect(ftsIds(db, 'customer_fts_tri', '"13800"')).toEqual([]);
    expect(ftsIds(db, 'customer_fts_tri', '"王五福"')).toEqual([id]);
    expect(ftsIds(db, 'customer_fts_bi', '"五福"')).toEqual([id]);
    expect(ftsIds(db, 'customer_fts_tri', '"0000001"')).toEqual([id]);

    db.prepare("UPDATE customers SET tier = 'A', notes = '备注' WHERE id = ?").run(id);
    expect(ftsIds(db, 'customer_fts_tri', '"王五福"')).toEqual([id]);
    expectHealthy(db);
  });

  it('drops a deleted customer from both indexes', () => {
    const id = insertCustomer(db, { name: '张三丰', nameBigrams: '张三 三丰' });
    const keep = insertCustomer(db, { name: '张三丰二号', nameBigrams: '张三 三丰 丰二 二号' });
    db.prepare('DELETE FROM customers WHERE id = ?').run(id);
    expect(ftsIds(db, 'customer_fts_tri', '"张三丰"')).toEqual([keep]);
    expect(ftsIds(db, 'customer_fts_bi', '"张三"')).toEqual([keep]);
    expectHealthy(db);
  });

  it('stays consistent through many writes in one transaction', () => {
    const ids = db.transaction(() => {
      const out: number[] = [];
      for (let i = 0; i < 200; i++) out.push(insertCustomer(db, { name: `客户${i}号`, nameBigrams: `客户 户${i}` }));
      return out;
    })();
    db.transaction(() => {
      for (const id of ids.slice(0, 100)) db.prepare("UPDATE customers SET name = name || '已改名' WHERE id = ?").run(id);
      for (const id of ids.slice(150)) db.prepare('DELETE FROM customers WHERE id = ?').run(id);
    })();
    expect(ftsIds(db, 'customer_fts_bi', '"客户"')).toHaveLength(150);
    expect(ftsIds(db, 'customer_fts_tri', '"号已改"')).toHaveLength(100);
    expectHealthy(db);
  });
});
