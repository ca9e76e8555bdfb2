import type { SessionUser } from '../../../shared/api/auth';
import { isWorkingDayIn, workingDaysOfWeekIn } from '../../../shared/domain/calendar';
import type { PlanEntry } from '../../../shared/domain/plans';
import { localDate, weekMonday, weekdayLabel } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { findCodeOwner, normaliseCode } from '../customers/codes';
import { managerProblem } from '../customers/rules';
import { isScopedToOwn, requireCustomerAccess } from '../customers/scope';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { readCalendar, readPlanDailyCap, readPlanTierCaps } from '../settings/store';
import { findUserById, findUserByName, userNamesByIds } from '../users/repo';
import { generatePlans } from './generate';
import {
  entriesOfWeek,
  insertPlanEntry,
  loadEntryRecord,
  movePlanEntry,
  planningManagerIds,
  removePlanEntry,
  toPlanEntry,
  weekEntryOfCustomer,
  type PlanEntryRecord,
} from './repo';
import { requirePlanEntryWrite } from './scope';

type PlanMethods = 'plans.generate' | 'plans.show' | 'plans.add' | 'plans.remove' | 'plans.move';

function requirePlanManager(ctx: Ctx, id: number) {
  const u = findUserById(ctx.db, id);
  const problem = managerProblem(u, `ID ${id}`);
  if (problem) throw badInput(`客户经理：${problem}`, 'managerId');
  return u!;
}

/** Whose plan the caller is looking at: a 客户经理 only their own. The manager may be named by id or user name. */
function planOwner(ctx: Ctx, user: SessionUser, input: { managerId?: number; manager?: string }, verb: string): number | null {
  let managerId = input.managerId;
  if (managerId === undefined && input.manager) {
    const u = findUserByName(ctx.db, input.manager);
    if (!u) throw notFound(`找不到用户「${input.manager}」`);
    managerId = u.id;
  }
  if (isScopedToOwn(user)) {
    if (managerId !== undefined && managerId !== user.id) throw forbidden(`客户经理只能${verb}自己的走访计划`);
    return user.id;
  }
  if (managerId === undefined) return null;
  requirePlanManager(ctx, managerId);
  return managerId;
}

/** An entry the caller may adjust, still open: done and missed entries are the record of what happened. */
function requireEntryEdit(ctx: Ctx, user: SessionUser, id: number): PlanEntryRecord {
  const e = requirePlanEntryWrite(ctx.db, user, id);
  if (e.status === '已完成') throw conflict('该计划走访已完成，不能再调整');
  if (e.status === '未完成') throw conflict('未完成的计划保留作为考核记录，不能再调整');
  return e;
}

/** A plan day must be a working day and not past. */
function checkPlanDate(ctx: Ctx, date: string): void {
  if (!isWorkingDayIn(readCalendar(ctx.db), date)) {
    throw badInput(`计划日期：${date}（${weekdayLabel(date)}）按工作日历不是工作日（周末、节假日不排计划，调休上班日可以）`, 'date');
  }
  const today = localDate(ctx.now());
  if (date < today) throw badInput(`计划日期：${date} 已经过去，不能安排到过去的日期`, 'date');
}

function reloadEntry(ctx: Ctx, id: number): PlanEntry {
  const r = loadEntryRecord(ctx.db, id);
  if (!r) throw notFound(`计划条目不存在（ID ${id}）`);
  return toPlanEntry(r);
}

export const planHandlers: HandlerMap<PlanMethods> = {
  'plans.generate': (ctx, input) => {
    const user = requireUser(ctx);
    const owner = planOwner(ctx, user, input, '生成');
    const managerIds = owner === null ? planningManagerIds(ctx.db) : [owner];
    const at = localTimestamp(ctx.now());
    const dailyCap = input.dailyCap ?? readPlanDailyCap(ctx.db);
    const names = userNamesByIds(ctx.db, managerIds);
    // The plan and its audit entry in one transaction (generatePlans' own nests in it); a dry run writes neither.
    const result = ctx.db.transaction(() => {
      const generated = generatePlans(ctx.db, {
        monday: input.week,
        managerIds,
        dailyCap,
        tierCaps: readPlanTierCaps(ctx.db),
        calendar: readCalendar(ctx.db),
        dryRun: input.dryRun,
        today: localDate(ctx.now()),
        at,
        userId: user.id,
      });
      if (!generated.dryRun) ctx.audit({
        action: 'plan_generate',
        target: `${input.week} 周${owner === null ? '（全部客户经理）' : `（${names.get(owner)?.display_name ?? owner}）`}`,
        detail: { week: input.week, managers: managerIds.length, added: generated.added, carried: generated.carried, markedMissed: generated.markedMissed },
      });
      return generated;
    })();
    return {
      ...result,
      managers: result.managers.map((m) => ({ ...m, manager: names.get(m.managerId)?.name ?? '', managerDisplayName: names.get(m.managerId)?.display_name ?? '' })),
    };
  },

  'plans.show': (ctx, input) => {
    const user = requireUser(ctx);
    const owner = planOwner(ctx, user, input, '查看');
    const entries = entriesOfWeek(ctx.db, input.week, owner);
    return {
      week: input.week,
      days: workingDaysOfWeekIn(readCalendar(ctx.db), input.week),
      entries,
      summary: {
        total: entries.length,
        planned: entries.filter((e) => e.status === '计划').length,
        done: entries.filter((e) => e.status === '已完成').length,
        missed: entries.filter((e) => e.status === '未完成').length,
      },
    };
  },

  'plans.add': (ctx, input) => {
    const user = requireUser(ctx);
    let customerId = input.customerId;
    if (customerId === undefined) {
      const code = normaliseCode(input.customer);
      if (!code) throw badInput('客户：请选择客户', 'customerId');
      const row = findCodeOwner(ctx.db, code);
      // Another manager's customer is, to a 客户经理, a code that does not exist.
      if (!row || (isScopedToOwn(user) && row.managerId !== user.id)) throw notFound(`找不到客户编码「${code}」`);
      customerId = row.id;
    }
    const access = requireCustomerAccess(ctx.db, user, customerId);
    if (access.deleted_at !== null) throw badInput('客户：该客户已删除，不能加入计划', 'customerId');
    let managerId: number;
    if (isScopedToOwn(user)) {
      if (input.managerId !== undefined && input.managerId !== user.id) throw forbidden('客户经理只能调整自己的走访计划');
      managerId = user.id;
    } else if (input.managerId !== undefined) {
      managerId = requirePlanManager(ctx, input.managerId).id;
    } else if (access.manager_id !== null) {
      managerId = access.manager_id;
    } else {
      throw badInput('客户经理：该客户尚未分配客户经理，请指定计划的客户经理', 'managerId');
    }
    checkPlanDate(ctx, input.date);
    const monday = weekMonday(input.date);
    const clash = weekEntryOfCustomer(ctx.db, customerId, monday, 0);
    if (clash) throw conflict(`该客户本周已在计划中（${clash.date} ${weekdayLabel(clash.date)}，${clash.manager}），可以把它移到其他日期`);
    const at = localTimestamp(ctx.now());
    const id = ctx.db.transaction(() => {
      const newId = insertPlanEntry(ctx.db, { monday, date: input.date, customerId, managerId }, { at, userId: user.id });
      const e = loadEntryRecord(ctx.db, newId)!;
      ctx.audit({ action: 'plan_change', target: `${e.customer_name}（${e.customer_code}）`, detail: { op: 'add', id: newId, date: input.date, managerId } });
      return newId;
    })();
    return reloadEntry(ctx, id);
  },

  'plans.remove': (ctx, input) => {
    const user = requireUser(ctx);
    const e = requireEntryEdit(ctx, user, input.id);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      removePlanEntry(ctx.db, e.id, { at, userId: user.id });
      ctx.audit({ action: 'plan_change', target: `${e.customer_name}（${e.customer_code}）`, detail: { op: 'remove', id: e.id, date: e.date } });
    })();
    return null;
  },

  'plans.move': (ctx, input) => {
    const user = requireUser(ctx);
    const e = requireEntryEdit(ctx, user, input.id);
    if (input.date === e.date) return toPlanEntry(e);
    checkPlanDate(ctx, input.date);
    const monday = weekMonday(input.date);
    if (monday !== e.week_monday) {
      const clash = weekEntryOfCustomer(ctx.db, e.customer_id, monday, e.id);
      if (clash) throw conflict(`该客户在 ${monday} 这一周已有计划（${clash.date} ${weekdayLabel(clash.date)}）`);
    }
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      movePlanEntry(ctx.db, e.id, input.date, monday, at);
      ctx.audit({ action: 'plan_change', target: `${e.customer_name}（${e.customer_code}）`, detail: { op: 'move', id: e.id, from: e.date, to: input.date } });
    })();
    return reloadEntry(ctx, e.id);
  },
};
