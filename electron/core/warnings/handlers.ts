import { localTimestamp } from '../clock';
import { requireUser, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { conflict } from '../errors';
import { loadFollowUpRecord, markFollowUpDone } from '../followups/repo';
import { evaluateOncePerDay, evaluateWarnings, readWarningRules, writeWarningRules } from './evaluate';
import { closeWarning, listWarnings, loadWarning, toWarning } from './repo';
import { requireWarningAccess } from './scope';

type WarningMethods = 'warnings.list' | 'warnings.evaluate' | 'warnings.close' | 'warnings.rules' | 'warnings.saveRules';

export const warningHandlers: HandlerMap<WarningMethods> = {
  'warnings.list': (ctx, input) => {
    const user = requireUser(ctx);
    evaluateOncePerDay(ctx.db, ctx.now());
    const { rows, total } = listWarnings(ctx.db, { managerId: isScopedToOwn(user) ? user.id : undefined, status: input.status }, input.limit, input.offset);
    return { rows: rows.map(toWarning), total };
  },

  'warnings.evaluate': (ctx) => {
    const user = requireUser(ctx);
    const r = evaluateWarnings(ctx.db, ctx.now(), user.id);
    if (r.created) ctx.audit({ action: 'warning_change', target: `新增 ${r.created} 条`, detail: { op: 'evaluate', ...r } });
    return r;
  },

  'warnings.close': (ctx, input) => {
    const user = requireUser(ctx);
    const w = requireWarningAccess(ctx.db, user, input.id);
    if (w.closed_at !== null) throw conflict(`该预警已于 ${w.closed_at} 处理`);
    const meta = { at: localTimestamp(ctx.now()), userId: user.id };
    ctx.db.transaction(() => {
      closeWarning(ctx.db, w.id, input.note, meta);
      // Its 必访 task is done with the same note (unless someone finished it already).
      const f = w.followup_id === null ? null : loadFollowUpRecord(ctx.db, w.followup_id);
      if (f && f.done_at === null) markFollowUpDone(ctx.db, f.id, input.note, meta);
      ctx.audit({ action: 'warning_change', target: w.customer_name, detail: { op: 'close', id: w.id, rule: w.rule } });
    })();
    return toWarning(loadWarning(ctx.db, w.id)!);
  },

  'warnings.rules': (ctx) => readWarningRules(ctx.db),

  'warnings.saveRules': (ctx, input) => {
    requireUser(ctx);
    writeWarningRules(ctx.db, input);
    ctx.audit({ action: 'settings_update', target: '流失预警规则', detail: input });
    return readWarningRules(ctx.db);
  },
};
