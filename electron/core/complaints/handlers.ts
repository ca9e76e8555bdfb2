import { OPEN_COMPLAINT_STATUSES, type Complaint } from '../../../shared/domain/complaints';
import { localDate, localMinute, parseDate, parseVisitTime } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { isScopedToOwn, requireCustomerAccess } from '../customers/scope';
import { badInput, conflict, notFound } from '../errors';
import { syncSourceFollowUp } from '../followups/repo';
import { loadVisitLink } from '../visits/repo';
import { canSeeVisit } from '../visits/scope';
import {
  approveComplaint,
  insertComplaint,
  listComplaints,
  loadComplaintRecord,
  returnComplaint,
  submitComplaint,
  toComplaint,
  toComplaintRow,
  updateComplaint,
  type ComplaintRecord,
} from './repo';
import { requireComplaintAccess } from './scope';

type ComplaintMethods = 'complaints.create' | 'complaints.update' | 'complaints.submit' | 'complaints.review' | 'complaints.get' | 'complaints.list';

/** Statuses in which the manager still works on the handling; after submitting, only the customer's confirmation changes. */
const EDITABLE = new Set(['待处理', '处理中', '已退回']);

const text = (v: string | null | undefined): string | null => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

function reload(ctx: Ctx, id: number): Complaint {
  const r = loadComplaintRecord(ctx.db, id);
  if (!r) throw notFound(`投诉反馈不存在（ID ${id}）`);
  return toComplaint(ctx.db, r, localDate(ctx.now()));
}

function parseOpenedAt(ctx: Ctx, raw: string | undefined): string {
  const now = localMinute(ctx.now());
  if (raw === undefined || raw.trim() === '') return now;
  const date = parseDate(raw);
  const at = date ? `${date} 00:00` : parseVisitTime(raw);
  if (!at) throw badInput(`反馈时间：「${raw}」不是有效时间，请写成 2024-06-03T09:30 或 2024-06-03`, 'openedAt');
  if (at > now) throw badInput('反馈时间：不能晚于当前时间', 'openedAt');
  return at;
}

function describe(r: Pick<ComplaintRecord, 'customer_name' | 'customer_code' | 'category'>): string {
  return `${r.customer_name}（${r.customer_code}）${r.category}`;
}

export const complaintHandlers: HandlerMap<ComplaintMethods> = {
  'complaints.create': (ctx, input) => {
    const user = requireUser(ctx);
    const customer = requireCustomerAccess(ctx.db, user, input.customerId);
    if (customer.deleted_at !== null) throw badInput('客户：该客户已删除', 'customerId');
    const openedAt = parseOpenedAt(ctx, input.openedAt);
    if (input.visitId) {
      const v = loadVisitLink(ctx.db, input.visitId);
      // A visit the caller cannot see is a missing one, not "another customer's".
      if (!v || (v.customer_id !== input.customerId && !canSeeVisit(ctx.db, user, input.visitId))) {
        throw badInput(`关联走访：走访记录不存在（ID ${input.visitId}）`, 'visitId');
      }
      if (v.customer_id !== input.customerId) throw badInput('关联走访：该走访不是这个客户的', 'visitId');
    }
    if (input.nextFollowUp && input.nextFollowUp.due < openedAt.slice(0, 10)) {
      throw badInput(`下次跟进日期：不能早于反馈日期（${openedAt.slice(0, 10)}）`, 'nextFollowUp.due');
    }
    const managerId = isScopedToOwn(user) ? user.id : (customer.manager_id ?? user.id);
    const handling = text(input.handlingSteps);
    const at = localTimestamp(ctx.now());
    const meta = { at, userId: user.id };
    const id = ctx.db.transaction(() => {
      const newId = insertComplaint(
        ctx.db,
        {
          customerId: input.customerId,
          managerId,
          visitId: input.visitId ?? null,
          openedAt,
          category: input.category,
          content: input.content,
          handlingSteps: handling,
          result: text(input.result),
          status: handling ? '处理中' : '待处理',
        },
        meta,
      );
      if (input.nextFollowUp) {
        syncSourceFollowUp(ctx.db, { type: 'complaint', id: newId, customerId: input.customerId, ownerId: managerId }, input.nextFollowUp, meta);
      }
      ctx.audit({ action: 'complaint_change', target: describe(loadComplaintRecord(ctx.db, newId)!), detail: { op: 'create', id: newId } });
      return newId;
    })();
    return reload(ctx, id);
  },

  'complaints.update': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireComplaintAccess(ctx.db, user, input.id);
    const handlingFields = (['openedAt', 'category', 'content', 'handlingSteps', 'result', 'nextFollowUp'] as const).filter((k) => input[k] !== undefined);
    if (handlingFields.length && !EDITABLE.has(r.status)) {
      throw conflict(`该投诉反馈已「${r.status}」，处理内容不能再修改（客户确认情况仍可更新）`);
    }
    const openedAt = input.openedAt !== undefined ? parseOpenedAt(ctx, input.openedAt) : r.opened_at;
    const handling = input.handlingSteps !== undefined ? text(input.handlingSteps) : r.handling_steps;
    const result = input.result !== undefined ? text(input.result) : r.result;
    // Work on the handling moves a new or returned complaint to 处理中.
    const status = handlingFields.length && (handling || result) && (r.status === '待处理' || r.status === '已退回') ? '处理中' : r.status;
    const meta = { at: localTimestamp(ctx.now()), userId: user.id };
    ctx.db.transaction(() => {
      updateComplaint(
        ctx.db,
        r.id,
        {
          openedAt,
          category: input.category ?? r.category,
          content: input.content ?? r.content,
          handlingSteps: handling,
          result,
          status,
          customerConfirmation: input.customerConfirmation ?? r.customer_confirmation,
          confirmationNote: input.confirmationNote !== undefined ? text(input.confirmationNote) : r.confirmation_note,
        },
        meta,
      );
      if (input.nextFollowUp !== undefined) {
        syncSourceFollowUp(ctx.db, { type: 'complaint', id: r.id, customerId: r.customer_id, ownerId: r.manager_id }, input.nextFollowUp, meta);
      }
      const fields = Object.keys(input).filter((k) => k !== 'id' && input[k as keyof typeof input] !== undefined);
      ctx.audit({ action: 'complaint_change', target: describe(r), detail: { op: 'update', id: r.id, fields, status } });
    })();
    return reload(ctx, r.id);
  },

  'complaints.submit': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireComplaintAccess(ctx.db, user, input.id);
    if (!EDITABLE.has(r.status)) throw conflict(`该投诉反馈已「${r.status}」，不能再次提交`);
    const missing = [!text(r.handling_steps) && { field: 'handlingSteps', message: '处理过程：提交审批前请填写' }, !text(r.result) && { field: 'result', message: '处理结果：提交审批前请填写' }].filter(
      (x): x is { field: string; message: string } => Boolean(x),
    );
    if (missing.length) throw badInput(missing.map((m) => m.message).join('；'), missing[0].field, missing);
    const meta = { at: localTimestamp(ctx.now()), userId: user.id };
    ctx.db.transaction(() => {
      submitComplaint(ctx.db, r.id, meta);
      ctx.audit({ action: 'complaint_change', target: describe(r), detail: { op: 'submit', id: r.id } });
    })();
    return reload(ctx, r.id);
  },

  'complaints.review': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireComplaintAccess(ctx.db, user, input.id);
    if (r.status !== '待审批') throw conflict(`该投诉反馈当前为「${r.status}」，只有待审批的才能审批`);
    const comment = text(input.comment);
    if (input.decision === 'return' && !comment) throw badInput('审批意见：退回时请写明原因', 'comment');
    const meta = { at: localTimestamp(ctx.now()), userId: user.id };
    ctx.db.transaction(() => {
      if (input.decision === 'approve') approveComplaint(ctx.db, r.id, comment, meta);
      else returnComplaint(ctx.db, r.id, comment, meta);
      ctx.audit({ action: 'complaint_change', target: describe(r), detail: { op: input.decision, id: r.id, comment: comment ?? '' } });
    })();
    return reload(ctx, r.id);
  },

  'complaints.get': (ctx, input) => {
    requireComplaintAccess(ctx.db, requireUser(ctx), input.id);
    return reload(ctx, input.id);
  },

  'complaints.list': (ctx, input) => {
    const user = requireUser(ctx);
    const statuses = input.status?.length
      ? input.status
      : input.open === true
        ? OPEN_COMPLAINT_STATUSES
        : input.open === false
          ? ['已批准']
          : null;
    const { rows, total } = listComplaints(
      ctx.db,
      {
        statuses,
        visibleTo: isScopedToOwn(user) ? user.id : null,
        managerId: input.managerId,
        customerId: input.customerId,
        // Open ones oldest first (they wait longest); otherwise newest first.
        oldestFirst: input.open === true,
      },
      input.limit,
      input.offset,
    );
    const today = localDate(ctx.now());
    return { rows: rows.map((r) => toComplaintRow(r, today)), total };
  },
};
