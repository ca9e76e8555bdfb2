import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/connection';
import { LATEST_VERSION, migrate } from '../../../electron/core/db/migrations';
import { visitsMigrationCase } from '../helpers/migration002';


let dir: string;
let db: Db | null = null;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-visits-migration-'));
});
afterEach(() => {
  if (db?.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 2 (visits)', () => {
  it('upgrades a version-1 database with data in it and keeps it healthy', () => {
    db = openDatabase(path.join(dir, 'v1.db'), { migrate: false });
    migrate(db, 1);
    visitsMigrationCase.before(db);
    expect(migrate(db, 2)).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    visitsMigrationCase.after(db);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare("INSERT INTO customer_fts_tri(customer_fts_tri, rank) VALUES ('integrity-check', 1)").run();
    db.prepare("INSERT INTO customer_fts_bi(customer_fts_bi, rank) VALUES ('integrity-check', 1)").run();
    expect(migrate(db)).toBe(LATEST_VERSION);
  });
});
