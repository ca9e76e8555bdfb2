import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { LATEST_VERSION, migrate } from '../../../electron/core/db/migrations';
import { importsMigrationCase } from './migrationCase';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 3 (imports)', () => {
  it('upgrades a version-2 database with data in it and keeps it healthy', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-m003-'));
    dirs.push(dir);
    const db = openDatabase(path.join(dir, 'v2.db'), { migrate: false });
    try {
      migrate(db, 2);
      importsMigrationCase.before(db);
      expect(migrate(db, 3)).toBe(3);
      importsMigrationCase.after(db);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.prepare("INSERT INTO customer_fts_tri(customer_fts_tri, rank) VALUES ('integrity-check', 1)").run();
      expect(migrate(db)).toBe(LATEST_VERSION);
    } finally {
      db.close();
    }
  });
});
