import type { SessionUser } from '../../../shared/api/auth';
import type { Visit } from '../../../shared/domain/visits';
import { localMinute } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { loadPlanEntryState } from '../plans/repo';
import { bulkCreateVisits } from './bulk';
import { readChecklist, readChecklistEntries, writeChecklistEntries } from './checklist';
import { countVisits, listVisits } from './list';
import { loadVisit, loadVisitRecord, openVisitOf, parseChecklist, type VisitRecord } from './repo';
import { resolveVisit, throwProblems, type ExistingVisit, type VisitDraft } from './rules';
import { requireVisitAccess, requireVisitWrite } from './scope';
import { insertVisit, softDeleteVisit, updateVisit, type WriteMeta } from './write';

type VisitMethods =
  | 'visits.create'
  | 'visits.update'
  | 'visits.delete'
  | 'visits.get'
  | 'visits.list'
  | 'visits.count'
  | 'visits.signIn'
  | 'visits.signOut'
  | 'visits.bulkCreate'
  | 'checklist.get'
  | 'checklist.set';

export function writeMeta(ctx: Ctx, user: SessionUser): WriteMeta {
  return { at: localTimestamp(ctx.now()), userId: user.id };
}

function reload(ctx: Ctx, id: number): Visit {
  const v = loadVisit(ctx.db, id);
  if (!v) throw notFound(`走访记录不存在或已删除（ID ${id}）`);
  return v;
}

function describe(r: Pick<VisitRecord, 'customer_name' | 'customer_code' | 'sign_in'>): string {
  return `${r.customer_name}（${r.customer_code}）${r.sign_in}`;
}

/** A stored visit as a draft the rules can re-check with an update laid over it. */
function draftOf(r: VisitRecord): VisitDraft {
  return {
    customerId: r.customer_id,
    type: r.type,
    signIn: r.sign_in,
    signOut: r.sign_out,
    location: r.location,
    content: r.content,
    checklist: parseChecklist(r.checklist),
    opinions: r.opinions,
    problems: r.problems,
    nextFollowUp: r.next_follow_up_due ? { due: r.next_follow_up_due, content: r.next_follow_up_content ?? '' } : null,
    signature: r.signature,
    signatureNote: r.signature_note,
    planEntryId: r.plan_entry_id ?? undefined,
  };
}

function existingOf(r: VisitRecord): ExistingVisit {
  return { id: r.id, customerId: r.customer_id, managerId: r.manager_id, planEntryId: r.plan_entry_id, checklist: parseChecklist(r.checklist) };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const TIME_FIELDS = ['signIn', 'signOut', 'date', 'durationMinutes'] as const;

/** Applies an update (or a sign-out) to a stored visit and re-checks the whole record. */
function applyChange(ctx: Ctx, user: SessionUser, before: VisitRecord, patch: VisitDraft, audit: 'visit_update'): Visit {
  const draft: VisitDraft = { ...draftOf(before), ...defined(patch) };
  if (patch.customer !== undefined && patch.customerId === undefined) delete draft.customerId;
  // Another customer or manager: the old plan entry no longer applies; the rules look for the right one.
  if (patch.manager !== undefined && patch.managerId === undefined) delete draft.managerId;
  if (
    (patch.customer !== undefined || patch.customerId !== undefined || patch.manager !== undefined || patch.managerId !== undefined) &&
    patch.planEntryId === undefined
  ) {
    delete draft.planEntryId;
  }
  // A visit confirmed as long once needs no new confirmation unless its times change.
  if (patch.confirmLong === undefined && !TIME_FIELDS.some((f) => patch[f] !== undefined)) draft.confirmLong = true;
  const { values, problems } = resolveVisit(ctx.db, user, draft, {
    now: localMinute(ctx.now()),
    checklist: readChecklist(ctx.db),
    existing: existingOf(before),
    allowOpen: before.sign_out === null && (patch.signOut === undefined || patch.signOut === null),
  });
  if (!values) throwProblems(problems);
  const meta = writeMeta(ctx, user);
  ctx.db.transaction(() => {
    updateVisit(ctx.db, { id: before.id, customerId: before.customer_id, planEntryId: before.plan_entry_id }, values, meta);
    const changed = Object.keys(defined(patch)).filter((k) => k !== 'id' && k !== 'confirmLong');
    ctx.audit({ action: audit, target: describe(before), detail: { id: before.id, fields: changed } });
  })();
  return reload(ctx, before.id);
}

function loadOwnRecord(ctx: Ctx, user: SessionUser, id: number): VisitRecord {
  requireVisitWrite(ctx.db, user, id);
  const r = loadVisitRecord(ctx.db, id);
  if (!r) throw notFound(`走访记录不存在或已删除（ID ${id}）`);
  return r;
}

export const visitHandlers: HandlerMap<VisitMethods> = {
  'visits.create': (ctx, input) => {
    const user = requireUser(ctx);
    const { values, problems } = resolveVisit(ctx.db, user, input, { now: localMinute(ctx.now()), checklist: readChecklist(ctx.db) });
    if (!values) throwProblems(problems);
    const meta = writeMeta(ctx, user);
    const id = ctx.db.transaction(() => {
      const newId = insertVisit(ctx.db, values, meta);
      const r = loadVisitRecord(ctx.db, newId)!;
      ctx.audit({ action: 'visit_create', target: describe(r), detail: { id: newId, planned: values.planned } });
      return newId;
    })();
    return reload(ctx, id);
  },

  'visits.update': (ctx, input) => {
    const user = requireUser(ctx);
    const before = loadOwnRecord(ctx, user, input.id);
    const { id: _id, ...patch } = input;
    return applyChange(ctx, user, before, patch, 'visit_update');
  },

  'visits.delete': (ctx, input) => {
    const user = requireUser(ctx);
    const before = loadOwnRecord(ctx, user, input.id);
    // A manager may take back a wrong entry on the day it was made; later the record is history and 负责人 decides.
    if (isScopedToOwn(user) && before.created_at.slice(0, 10) !== localTimestamp(ctx.now()).slice(0, 10)) {
      throw forbidden('客户经理只能在录入当天删除自己的走访记录，如需删除请联系负责人');
    }
    const meta = writeMeta(ctx, user);
    ctx.db.transaction(() => {
      softDeleteVisit(ctx.db, { id: before.id, customerId: before.customer_id, planEntryId: before.plan_entry_id }, meta);
      ctx.audit({ action: 'visit_delete', target: describe(before), detail: { id: before.id, reason: input.reason ?? '' } });
    })();
    return null;
  },

  'visits.get': (ctx, input) => {
    requireVisitAccess(ctx.db, requireUser(ctx), input.id);
    return reload(ctx, input.id);
  },

  'visits.list': (ctx, input) => listVisits(ctx.db, requireUser(ctx), input),

  'visits.count': (ctx, input) => ({ total: countVisits(ctx.db, requireUser(ctx), input) }),

  'visits.signIn': (ctx, input) => {
    const user = requireUser(ctx);
    const open = openVisitOf(ctx.db, user.id);
    if (open) {
      throw conflict(`您还有一条未签退的走访（客户「${open.customer_name}」，${open.sign_in} 签到），请先签退后再签到`);
    }
    const draft: VisitDraft = { manager: user.name, type: input.type, location: input.location };
    if (input.planEntryId !== undefined) {
      const entry = loadPlanEntryState(ctx.db, input.planEntryId);
      if (!entry || entry.removed_at !== null || (isScopedToOwn(user) && entry.manager_id !== user.id)) {
        throw notFound(`计划条目不存在或已移除（ID ${input.planEntryId}）`);
      }
      if (entry.manager_id !== user.id) throw forbidden('只能签到自己计划中的走访');
      if (entry.status === '已完成' || entry.visit_id !== null) throw conflict('该计划走访已完成，无需再次签到');
      if (entry.status === '未完成') throw conflict('该计划已过期并结转到后续周，请在当前周的计划中签到');
      draft.customerId = entry.customer_id;
      draft.planEntryId = entry.id;
    } else if (input.customerId !== undefined || input.customer !== undefined) {
      draft.customerId = input.customerId;
      draft.customer = input.customer;
    } else {
      throw badInput('签到：请选择计划中的客户（planEntryId）或客户（customerId / customer）', 'planEntryId');
    }
    const now = localMinute(ctx.now());
    draft.signIn = now;
    const { values, problems } = resolveVisit(ctx.db, user, draft, { now, checklist: readChecklist(ctx.db), allowOpen: true });
    if (!values) throwProblems(problems);
    const meta = writeMeta(ctx, user);
    const id = ctx.db.transaction(() => {
      const newId = insertVisit(ctx.db, values, meta);
      ctx.audit({ action: 'visit_create', target: describe(loadVisitRecord(ctx.db, newId)!), detail: { id: newId, signIn: true, planned: values.planned } });
      return newId;
    })();
    return reload(ctx, id);
  },

  'visits.signOut': (ctx, input) => {
    const user = requireUser(ctx);
    const before = loadOwnRecord(ctx, user, input.visitId);
    if (before.sign_out !== null) throw conflict(`该走访已于 ${before.sign_out} 签退`);
    const now = localMinute(ctx.now());
    if (input.signOut === undefined && now <= before.sign_in) throw conflict('签到后不足1分钟，请稍后再签退');
    const { visitId: _id, ...fields } = input;
    return applyChange(ctx, user, before, { ...fields, signOut: input.signOut ?? now }, 'visit_update');
  },

  'visits.bulkCreate': (ctx, input) => {
    const user = requireUser(ctx);
    const meta = writeMeta(ctx, user);
    // One transaction with the audit entry (the rows' own transaction nests in it).
    return ctx.db.transaction(() => {
      const result = bulkCreateVisits(ctx.db, user, input.rows, {
        now: localMinute(ctx.now()),
        checklist: readChecklist(ctx.db),
        mode: input.mode,
        dryRun: input.dryRun === true,
        meta,
      });
      if (result.saved) ctx.audit({ action: 'visit_create', target: `批量录入 ${result.saved} 条`, detail: { bulk: true, saved: result.saved, failed: result.failed } });
      return result;
    })();
  },

  'checklist.get': (ctx) => ({ items: readChecklist(ctx.db), entries: readChecklistEntries(ctx.db) }),

  'checklist.set': (ctx, input) => {
    const show = (entries: { name: string; active: boolean }[]) => entries.map((e) => (e.active ? e.name : `${e.name}（停用）`)).join('、');
    const before = readChecklistEntries(ctx.db);
    const entries = ctx.db.transaction(() => {
      const written = writeChecklistEntries(ctx.db, input.entries ?? input.items!.map((name) => ({ name, active: true })));
      ctx.audit({ action: 'settings_update', target: '走访工作内容清单', detail: { visitChecklist: `${show(before)} → ${show(written)}` } });
      return written;
    })();
    return { items: entries.filter((e) => e.active).map((e) => e.name), entries };
  },
};
