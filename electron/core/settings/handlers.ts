import type { HandlerMap } from '../context';
import { badInput } from '../errors';
import { tierOrder } from '../plans/generate';
import { readSettings, writeSetting } from './store';

const SCALARS = ['branchName', 'idleMinutes', 'lockoutMinutes', 'planDailyCap', 'outstandingSheetDays'] as const;

/** How a JSON setting reads in the audit log: short, and the same for the same value. */
const brief = (v: unknown) => {
  const s = JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
};

export const settingsHandlers: HandlerMap<'settings.get' | 'settings.update'> = {
  'settings.get': (ctx) => readSettings(ctx.db),
  'settings.update': (ctx, input) => {
    const before = readSettings(ctx.db);
    if (input.planTierCaps) {
      const tiers = new Set(tierOrder(ctx.db));
      for (const name of Object.keys(input.planTierCaps)) {
        if (!tiers.has(name)) throw badInput(`分级每日上限：「${name}」不是字典中的客户分级`, 'planTierCaps');
      }
    }
    const changed: Record<string, string> = {};
    // The audit entry in the same transaction: a change that cannot be audited (a full disk) is not stored.
    ctx.db.transaction(() => {
      for (const key of SCALARS) {
        const value = input[key];
        if (value === undefined || value === before[key]) continue;
        writeSetting(ctx.db, key, value);
        changed[key] = `${before[key]} → ${value}`;
      }
      const json = [
        ['planTierCaps', 'planTierCaps', input.planTierCaps, before.planTierCaps],
        ['calendar', 'workCalendar', input.calendar && { holidays: [...new Set(input.calendar.holidays)].sort(), workdays: [...new Set(input.calendar.workdays)].sort() }, before.calendar],
      ] as const;
      for (const [name, key, value, old] of json) {
        if (value === undefined || JSON.stringify(value) === JSON.stringify(old)) continue;
        writeSetting(ctx.db, key, JSON.stringify(value));
        changed[name] = `${brief(old)} → ${brief(value)}`;
      }
      if (Object.keys(changed).length) ctx.audit({ action: 'settings_update', detail: changed });
    })();
    return readSettings(ctx.db);
  },
};
