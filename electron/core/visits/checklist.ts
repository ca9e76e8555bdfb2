import { BRANCH_PRESETS } from '../../../shared/domain/presets';
import type { Db } from '../db/connection';
import { readSetting, readSettings, writeSetting } from '../settings/store';

const KEY = 'visitChecklist';

/** The branch's visit checklist (setup stores its branch type's preset; the admin edits it). */
export function readChecklist(db: Db): string[] {
  const raw = readSetting(db, KEY);
  if (raw) {
    try {
      const items = JSON.parse(raw) as unknown;
      if (Array.isArray(items)) return items.filter((x): x is string => typeof x === 'string');
    } catch {
      // A hand-edited setting that is not JSON falls back to the preset below.
    }
  }
  return [...BRANCH_PRESETS[readSettings(db).branchType].checklist];
}

export function writeChecklist(db: Db, items: readonly string[]): string[] {
  const clean = [...new Set(items.map((s) => s.trim()).filter(Boolean))];
  writeSetting(db, KEY, JSON.stringify(clean));
  return clean;
}
