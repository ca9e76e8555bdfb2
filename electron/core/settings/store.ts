import type { Settings } from '../../../shared/api/settings';
import { EMPTY_CALENDAR, type WorkCalendar } from '../../../shared/domain/calendar';
import type { BranchType } from '../../../shared/domain/constants';
import { DEFAULT_PLAN_DAILY_CAP } from '../../../shared/domain/plans';
import type { Db } from '../db/connection';

const DEFAULTS = { idleMinutes: 15, lockoutMinutes: 15, outstandingSheetDays: 7 };

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

/** A JSON setting; the contract validated it on the way in, so a broken value can only come from outside the app: fall back. */
function readJson<T>(db: Db, key: string, fallback: T, valid: (v: unknown) => boolean): T {
  const raw = readSetting(db, key);
  if (raw === null) return fallback;
  try {
    const v: unknown = JSON.parse(raw);
    return valid(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

const isDayList = (v: unknown) => Array.isArray(v) && v.every((d) => typeof d === 'string');

export function readCalendar(db: Db): WorkCalendar {
  return readJson<WorkCalendar>(db, 'workCalendar', EMPTY_CALENDAR, (v) => {
    const c = v as Partial<WorkCalendar> | null;
    return typeof c === 'object' && c !== null && isDayList(c.holidays) && isDayList(c.workdays);
  });
}

export function readPlanDailyCap(db: Db): number {
  return Number(readSetting(db, 'planDailyCap')) || DEFAULT_PLAN_DAILY_CAP;
}

export function readPlanTierCaps(db: Db): Record<string, number> {
  return readJson<Record<string, number>>(
    db,
    'planTierCaps',
    {},
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((n) => Number.isInteger(n) && (n as number) > 0),
  );
}

export function readSettings(db: Db): Settings {
  return {
    branchName: readSetting(db, 'branchName') ?? '',
    branchType: (readSetting(db, 'branchType') ?? 'other') as BranchType,
    idleMinutes: Number(readSetting(db, 'idleMinutes') ?? DEFAULTS.idleMinutes),
    lockoutMinutes: Number(readSetting(db, 'lockoutMinutes') ?? DEFAULTS.lockoutMinutes),
    planDailyCap: readPlanDailyCap(db),
    planTierCaps: readPlanTierCaps(db),
    calendar: readCalendar(db),
    outstandingSheetDays: Number(readSetting(db, 'outstandingSheetDays') ?? DEFAULTS.outstandingSheetDays),
  };
}
