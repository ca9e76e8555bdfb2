import { BRANCH_PRESETS, DEFAULT_REGIONS, DEFAULT_TAGS } from '../../../shared/domain/presets';
import { hashPassword } from '../auth/password';
import { localTimestamp } from '../clock';
import type { Ctx, HandlerMap } from '../context';
import { addDictItemIfMissing } from '../dicts/repo';
import { AppError } from '../errors';
import { isInitialized, readSettings, writeSetting } from '../settings/store';
import { insertUser } from '../users/repo';

export function seedDictionaries(ctx: Ctx, branchType: keyof typeof BRANCH_PRESETS): void {
  const preset = BRANCH_PRESETS[branchType];
  preset.tiers.forEach((t, i) => addDictItemIfMissing(ctx.db, 'tier', t.name, i, t.visitIntervalDays));
  DEFAULT_REGIONS.forEach((r, i) => addDictItemIfMissing(ctx.db, 'region', r, i, null));
  preset.industries.forEach((r, i) => addDictItemIfMissing(ctx.db, 'industry', r, i, null));
  DEFAULT_TAGS.forEach((r, i) => addDictItemIfMissing(ctx.db, 'tag', r, i, null));
  writeSetting(ctx.db, 'visitChecklist', JSON.stringify(preset.checklist));
}

/** First-run setup: the branch and its administrator (the only methods, with auth.me, that work before it). */
export const setupHandlers: HandlerMap<'setup.status' | 'setup.init'> = {
  'setup.status': (ctx) => {
    const initialized = isInitialized(ctx.db);
    return { initialized, branchName: initialized ? readSettings(ctx.db).branchName : null };
  },

  'setup.init': async (ctx, input) => {
    if (isInitialized(ctx.db)) throw new AppError('ALREADY_INITIALIZED', '已经完成初始设置，不能重复创建');
    const hash = await hashPassword(input.password, ctx.passwordCost);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      if (isInitialized(ctx.db)) throw new AppError('ALREADY_INITIALIZED', '已经完成初始设置，不能重复创建');
      writeSetting(ctx.db, 'branchName', input.branchName);
      writeSetting(ctx.db, 'branchType', input.branchType);
      writeSetting(ctx.db, 'idleMinutes', 15);
      writeSetting(ctx.db, 'lockoutMinutes', 15);
      const adminId = insertUser(
        ctx.db,
        { name: input.adminName, displayName: input.adminDisplayName || input.adminName, role: 'admin', passwordHash: hash, mustChangePassword: false },
        at,
      );
      seedDictionaries(ctx, input.branchType);
      ctx.audit({ userId: adminId, userName: input.adminName, action: 'setup', target: input.branchName, detail: { branchType: input.branchType } });
    })();
    return null;
  },
};
