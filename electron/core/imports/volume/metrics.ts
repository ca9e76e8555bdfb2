import { DEFAULT_VOLUME_METRICS } from '../../../../shared/domain/volumes';
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../settings/store';

const KEY = 'volumeMetrics';

/** Names of the monthly business-volume amounts this branch imports (销量/存款/AUM/消费 unless changed). */
export function readVolumeMetrics(db: Db): string[] {
  const raw = readSetting(db, KEY);
  if (!raw) return [...DEFAULT_VOLUME_METRICS];
  try {
    const list = JSON.parse(raw) as unknown;
    if (Array.isArray(list) && list.every((x) => typeof x === 'string') && list.length) return list as string[];
  } catch {
    // A damaged setting falls back to the defaults rather than blocking imports.
  }
  return [...DEFAULT_VOLUME_METRICS];
}

export function writeVolumeMetrics(db: Db, metrics: string[]): string[] {
  const clean = [...new Set(metrics.map((m) => m.trim()).filter(Boolean))];
  writeSetting(db, KEY, JSON.stringify(clean));
  return clean;
}
