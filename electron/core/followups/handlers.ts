import type { SessionUser } from '../../../shared/api/auth';
import type { FollowUp } from '../../../shared/domain/followups';
import { localDate } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { findUserById, managerProblem } from '../customers/rules';
import { isScopedToOwn, requireCustomerAccess } from '../customers/scope';
import { prepared } from '../db/statements';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { FOLLOWUP_COLUMNS, FOLLOWUP_FROM, insertFollowUp, loadFollowUpRecord, toFollowUp, type FollowUpRecord } from './repo';

type FollowUpMethods = 'followups.list' | 'followups.create' | 'followups.done';

function reload(ctx: Ctx, id: number): FollowUp {
  const r = loadFollowUpRecord(ctx.db, id);
  if (!r) throw notFound(`跟进任务不存在（ID ${id}）`);
  return toFollowUp(r, localDate(ctx.now()));
}

/** A 客户经理 works on the tasks they own; 负责人/管理员 on every task. */
function requireFollowUpWrite(ctx: Ctx, user: SessionUser, id: number): FollowUpRecord {
  const r = loadFollowUpRecord(ctx.db, id);
  if (!r) throw notFound(`跟进任务不存在（ID ${id}）`);
  if (isScopedToOwn(user) && r.owner_id !== user.id) throw forbidden('只能处理自己的跟进任务');
  return r;
}

export const followUpHandlers: HandlerMap<FollowUpMethods> = {
  'followups.list': (ctx, input) => {
    const user = requireUser(ctx);
    const today = localDate(ctx.now());
    const conds = ['f.deleted_at IS NULL'];
    const params: unknown[] = [];
    const owner = isScopedToOwn(user) ? user.id : input.ownerId;
    if (owner !== undefined) {
      conds.push('f.owner_id = ?');
      params.push(owner);
    }
    if (input.customerId !== undefined) {
      conds.push('f.customer_id = ?');
      params.push(input.customerId);
    }
    // Fixed clauses per status, so the (owner_id, done_at, due) index serves the open lists.
    let order = 'f.due, f.id';
    if (input.status === 'open') conds.push('f.done_at IS NULL');
    else if (input.status === 'overdue') {
      conds.push('f.done_at IS NULL', 'f.due < ?');
      params.push(today);
    } else if (input.status === 'done') {
      conds.push('f.done_at IS NOT NULL');
      order = 'f.done_at DESC, f.id DESC';
    } else order = 'f.done_at IS NOT NULL, f.due, f.id';
    const where = conds.join(' AND ');
    const rows = prepared(ctx.db, `SELECT ${FOLLOWUP_COLUMNS} FROM ${FOLLOWUP_FROM} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
      ...params,
      input.limit,
      input.offset,
    ) as FollowUpRecord[];
    const total =
      input.offset === 0 && rows.length < input.limit
        ? rows.length
        : (prepared(ctx.db, `SELECT count(*) AS n FROM followups f WHERE ${where}`).get(...params) as { n: number }).n;
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
    const r = requireFollowUpWrite(ctx, user, input.id);
    if (r.done_at !== null) throw conflict(`该跟进任务已于 ${r.done_at} 完成`);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      prepared(ctx.db, 'UPDATE followups SET done_at = ?, done_by = ?, result = ? WHERE id = ?').run(at, user.id, input.result, r.id);
      ctx.audit({ action: 'followup_change', target: r.content.slice(0, 40), detail: { op: 'done', id: r.id } });
    })();
    return reload(ctx, r.id);
  },
};
