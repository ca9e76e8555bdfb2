import type { HandlerMap } from '../context';
import { readSettings, writeSetting } from './store';

export const settingsHandlers: HandlerMap<'settings.get' | 'settings.update'> = {
  'settings.get': (ctx) => readSettings(ctx.db),
  'settings.update': (ctx, input) => {
    const before = readSettings(ctx.db);
    const changed: Record<string, string> = {};
    // The audit entry in the same transaction: a change that cannot be audited (a full disk) is not stored.
    ctx.db.transaction(() => {
      for (const key of ['branchName', 'idleMinutes', 'lockoutMinutes'] as const) {
        const value = input[key];
        if (value === undefined || value === before[key]) continue;
        writeSetting(ctx.db, key, value);
        changed[key] = `${before[key]} → ${value}`;
      }
      if (Object.keys(changed).length) ctx.audit({ action: 'settings_update', detail: changed });
    })();
    return readSettings(ctx.db);
  },
};
