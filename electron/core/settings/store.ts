import type { Settings } from '../../../shared/api/settings';
import type { BranchType } from '../../../shared/domain/constants';
import type { Db } from '../db/connection';

const DEFAULTS = { idleMinutes: 15, lockoutMinutes: 15 };

export function readSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSetting(db: Db, key: string, value: string | number): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    String(value),
  );
}

export function isInitialized(db: Db): boolean {
  return readSetting(db, 'branchName') !== null;
}

export function readSettings(db: Db): Settings {
  return {
    branchName: readSetting(db, 'branchName') ?? '',
    branchType: (readSetting(db, 'branchType') ?? 'other') as BranchType,
    idleMinutes: Number(readSetting(db, 'idleMinutes') ?? DEFAULTS.idleMinutes),
    lockoutMinutes: Number(readSetting(db, 'lockoutMinutes') ?? DEFAULTS.lockoutMinutes),
  };
}
