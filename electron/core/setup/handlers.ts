import { BRANCH_PRESETS, DEFAULT_REGIONS, DEFAULT_TAGS } from '../../../shared/domain/presets';
import { hashPassword } from '../auth/password';
import { localTimestamp } from '../clock';
import type { Ctx, HandlerMap } from '../context';
import { AppError } from '../errors';
import { isInitialized, readSettings, writeSetting } from '../settings/store';

export function seedDictionaries(ctx: Ctx, branchType: keyof typeof BRANCH_PRESETS): void {
  const preset = BRANCH_PRESETS[branchType];
  const insert = ctx.db.prepare(
    'INSERT OR IGNORE INTO dict_items (kind, name, sort, visit_interval_days) VALUES (?, ?, ?, ?)',
  );
  preset.tiers.forEach((t, i) => insert.run('tier', t.name, i, t.visitIntervalDays));
  DEFAULT_REGIONS.forEach((r, i) => insert.run('region', r, i, null));
  preset.industries.forEach((r, i) => insert.run('industry', r, i, null));
  DEFAULT_TAGS.forEach((r, i) => insert.run('tag', r, i, null));
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
    const hash = await hashPassword(input.password);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      if (isInitialized(ctx.db)) throw new AppError('ALREADY_INITIALIZED', '已经完成初始设置，不能重复创建');
      writeSetting(ctx.db, 'branchName', input.branchName);
      writeSetting(ctx.db, 'branchType', input.branchType);
      writeSetting(ctx.db, 'idleMinutes', 15);
      writeSetting(ctx.db, 'lockoutMinutes', 15);
      const r = ctx.db
        .prepare(
          `INSERT INTO users (name, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'admin', ?, ?, ?)`,
        )
        .run(input.adminName, input.adminDisplayName || input.adminName, hash, at, at);
      seedDictionaries(ctx, input.branchType);
      ctx.audit({ userId: Number(r.lastInsertRowid), userName: input.adminName, action: 'setup', target: input.branchName, detail: { branchType: input.branchType } });
    })();
    return null;
  },
};
