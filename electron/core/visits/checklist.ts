import type { ChecklistEntry } from '../../../shared/domain/visits';
import { BRANCH_PRESETS } from '../../../shared/domain/presets';
import type { Db } from '../db/connection';
import { readSetting, readSettings, writeSetting } from '../settings/store';

/** The active items' names, in order: what older versions stored, and still read when the full list is absent. */
const ACTIVE_KEY = 'visitChecklist';
/** The whole list in order, with disabled items (字典管理 → 走访内容). */
const ENTRIES_KEY = 'visitChecklistEntries';

function parse(raw: string | null): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    // A hand-edited setting that is not JSON: fall back.
    return null;
  }
}

/** The branch's visit checklist, disabled items included (setup stores its branch type's preset; the admin edits it). */
export function readChecklistEntries(db: Db): ChecklistEntry[] {
  const entries = parse(readSetting(db, ENTRIES_KEY));
  if (Array.isArray(entries)) {
    return entries
      .filter((e): e is ChecklistEntry => typeof e === 'object' && e !== null && typeof (e as ChecklistEntry).name === 'string')
      .map((e) => ({ name: e.name, active: e.active !== false }));
  }
  const active = parse(readSetting(db, ACTIVE_KEY));
  const names = Array.isArray(active) ? active.filter((x): x is string => typeof x === 'string') : [...BRANCH_PRESETS[readSettings(db).branchType].checklist];
  return names.map((name) => ({ name, active: true }));
}

/** The items a new visit may tick, in order. */
export function readChecklist(db: Db): string[] {
  return readChecklistEntries(db)
    .filter((e) => e.active)
    .map((e) => e.name);
}

export function writeChecklistEntries(db: Db, entries: readonly ChecklistEntry[]): ChecklistEntry[] {
  const clean = entries.map((e) => ({ name: e.name.trim(), active: e.active }));
  db.transaction(() => {
    writeSetting(db, ENTRIES_KEY, JSON.stringify(clean));
    writeSetting(db, ACTIVE_KEY, JSON.stringify(clean.filter((e) => e.active).map((e) => e.name)));
  })();
  return clean;
}
