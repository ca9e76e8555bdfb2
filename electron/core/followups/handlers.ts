import type { FollowUp } from '../../../shared/domain/followups';
import { localDate } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { managerProblem } from '../customers/rules';
import { isScopedToOwn, requireCustomerAccess } from '../customers/scope';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { findUserById } from '../users/repo';
import { insertFollowUp, listFollowUps, loadFollowUpRecord, markFollowUpDone, overdueBefore, toFollowUp } from './repo';
import { requireFollowUpWrite } from './scope';

type FollowUpMethods = 'followups.list' | 'followups.create' | 'followups.done';

function reload(ctx: Ctx, id: number): FollowUp {
  const r = loadFollowUpRecord(ctx.db, id);
  if (!r) throw notFound(`跟进任务不存在（ID ${id}）`);
  return toFollowUp(r, overdueBefore(ctx.db, localDate(ctx.now())));
}

export const followUpHandlers: HandlerMap<FollowUpMethods> = {
  'followups.list': (ctx, input) => {
    const user = requireUser(ctx);
    const today = overdueBefore(ctx.db, localDate(ctx.now()));
    const ownerId = isScopedToOwn(user) ? user.id : input.ownerId;
    const { rows, total } = listFollowUps(ctx.db, { ownerId, customerId: input.customerId, status: input.status, today }, input.limit, input.offset);
    return { rows: rows.map((r) => toFollowUp(r, today)), total };
  },

  'followups.create': (ctx, input) => {
    const user = requireUser(ctx);
    const customer = requireCustomerAccess(ctx.db, user, input.customerId);
    if (customer.deleted_at !== null) throw badInput('客户：该客户已删除', 'customerId');
    let ownerId: number;
    if (isScopedToOwn(user)) {
      if (input.ownerId !== undefined && input.ownerId !== user.id) throw forbidden('客户经理只能给自己添加跟进任务');
      ownerId = user.id;
    } else if (input.ownerId !== undefined) {
      const u = findUserById(ctx.db, input.ownerId);
      const problem = managerProblem(u, `ID ${input.ownerId}`);
      if (problem) throw badInput(`负责人：${problem}`, 'ownerId');
      ownerId = u!.id;
    } else {
      ownerId = customer.manager_id ?? user.id;
    }
    const meta = { at: localTimestamp(ctx.now()), userId: user.id };
    const id = ctx.db.transaction(() => {
      const newId = insertFollowUp(ctx.db, { customerId: input.customerId, ownerId, due: input.due, content: input.content, sourceType: 'manual', sourceId: null }, meta);
      ctx.audit({ action: 'followup_change', target: input.content.slice(0, 40), detail: { op: 'create', id: newId, customerId: input.customerId, due: input.due } });
      return newId;
    })();
    return reload(ctx, id);
  },

  'followups.done': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireFollowUpWrite(ctx.db, user, input.id);
    if (r.done_at !== null) throw conflict(`该跟进任务已于 ${r.done_at} 完成`);
    ctx.db.transaction(() => {
      markFollowUpDone(ctx.db, r.id, input.result, { at: localTimestamp(ctx.now()), userId: user.id });
      ctx.audit({ action: 'followup_change', target: r.content.slice(0, 40), detail: { op: 'done', id: r.id } });
    })();
    return reload(ctx, r.id);
  },
};
