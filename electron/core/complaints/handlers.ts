import { OPEN_COMPLAINT_STATUSES, type Complaint } from '../../../shared/domain/complaints';
import { localDate, localMinute, parseDate, parseVisitTime } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { isScopedToOwn, requireCustomerAccess } from '../customers/scope';
import { prepared } from '../db/statements';
import { badInput, conflict, notFound } from '../errors';
import { syncSourceFollowUp } from '../followups/repo';
import { COMPLAINT_COLUMNS, COMPLAINT_FROM, loadComplaintRecord, toComplaint, toComplaintRow, type ComplaintRecord } from './repo';
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
      const v = prepared(ctx.db, 'SELECT customer_id FROM visits WHERE id = ? AND deleted_at IS NULL').get(input.visitId) as { customer_id: number } | undefined;
      if (!v) throw badInput(`关联走访：走访记录不存在（ID ${input.visitId}）`, 'visitId');
      if (v.customer_id !== input.customerId) throw badInput('关联走访：该走访不是这个客户的', 'visitId');
    }
    if (input.nextFollowUp && input.nextFollowUp.due < openedAt.slice(0, 10)) {
      throw badInput(`下次跟进日期：不能早于反馈日期（${openedAt.slice(0, 10)}）`, 'nextFollowUp.due');
    }
    const managerId = isScopedToOwn(user) ? user.id : (customer.manager_id ?? user.id);
    const handling = text(input.handlingSteps);
    const at = localTimestamp(ctx.now());
    const id = ctx.db.transaction(() => {
      const r = prepared(
        ctx.db,
        `INSERT INTO complaints (customer_id, manager_id, visit_id, opened_at, category, content, handling_steps, result, status,
                                 created_at, created_by, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.customerId,
        managerId,
        input.visitId ?? null,
        openedAt,
        input.category,
        input.content,
        handling,
        text(input.result),
        handling ? '处理中' : '待处理',
        at,
        user.id,
        at,
        user.id,
      );
      const newId = Number(r.lastInsertRowid);
      if (input.nextFollowUp) {
        syncSourceFollowUp(ctx.db, { type: 'complaint', id: newId, customerId: input.customerId, ownerId: managerId }, input.nextFollowUp, { at, userId: user.id });
      }
      ctx.audit({ action: 'complaint_change', target: describe(loadComplaintRecord(ctx.db, newId)!), detail: { op: 'create', id: newId } });
      return newId;
    })();
    return reload(ctx, id);
  },

  'complaints.update': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireComplaintAccess(ctx, user, input.id);
    const handlingFields = (['openedAt', 'category', 'content', 'handlingSteps', 'result', 'nextFollowUp'] as const).filter((k) => input[k] !== undefined);
    if (handlingFields.length && !EDITABLE.has(r.status)) {
      throw conflict(`该投诉反馈已「${r.status}」，处理内容不能再修改（客户确认情况仍可更新）`);
    }
    const openedAt = input.openedAt !== undefined ? parseOpenedAt(ctx, input.openedAt) : r.opened_at;
    const handling = input.handlingSteps !== undefined ? text(input.handlingSteps) : r.handling_steps;
    const result = input.result !== undefined ? text(input.result) : r.result;
    // Work on the handling moves a new or returned complaint to 处理中.
    const status = handlingFields.length && (handling || result) && (r.status === '待处理' || r.status === '已退回') ? '处理中' : r.status;
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      prepared(
        ctx.db,
        `UPDATE complaints SET opened_at = ?, category = ?, content = ?, handling_steps = ?, result = ?, status = ?,
           customer_confirmation = ?, confirmation_note = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
      ).run(
        openedAt,
        input.category ?? r.category,
        input.content ?? r.content,
        handling,
        result,
        status,
        input.customerConfirmation ?? r.customer_confirmation,
        input.confirmationNote !== undefined ? text(input.confirmationNote) : r.confirmation_note,
        at,
        user.id,
        r.id,
      );
      if (input.nextFollowUp !== undefined) {
        syncSourceFollowUp(ctx.db, { type: 'complaint', id: r.id, customerId: r.customer_id, ownerId: r.manager_id }, input.nextFollowUp, { at, userId: user.id });
      }
      const fields = Object.keys(input).filter((k) => k !== 'id' && input[k as keyof typeof input] !== undefined);
      ctx.audit({ action: 'complaint_change', target: describe(r), detail: { op: 'update', id: r.id, fields, status } });
    })();
    return reload(ctx, r.id);
  },

  'complaints.submit': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireComplaintAccess(ctx, user, input.id);
    if (!EDITABLE.has(r.status)) throw conflict(`该投诉反馈已「${r.status}」，不能再次提交`);
    const missing = [!text(r.handling_steps) && { field: 'handlingSteps', message: '处理过程：提交审批前请填写' }, !text(r.result) && { field: 'result', message: '处理结果：提交审批前请填写' }].filter(
      (x): x is { field: string; message: string } => Boolean(x),
    );
    if (missing.length) throw badInput(missing.map((m) => m.message).join('；'), missing[0].field, missing);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      prepared(ctx.db, "UPDATE complaints SET status = '待审批', submitted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?").run(at, at, user.id, r.id);
      ctx.audit({ action: 'complaint_change', target: describe(r), detail: { op: 'submit', id: r.id } });
    })();
    return reload(ctx, r.id);
  },

  'complaints.review': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireComplaintAccess(ctx, user, input.id);
    if (r.status !== '待审批') throw conflict(`该投诉反馈当前为「${r.status}」，只有待审批的才能审批`);
    const comment = text(input.comment);
    if (input.decision === 'return' && !comment) throw badInput('审批意见：退回时请写明原因', 'comment');
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      if (input.decision === 'approve') {
        prepared(
          ctx.db,
          `UPDATE complaints SET status = '已批准', approved_by = ?, approved_at = ?, approval_comment = ?, closed_at = ?,
             updated_at = ?, updated_by = ? WHERE id = ?`,
        ).run(user.id, at, comment, at, at, user.id, r.id);
      } else {
        prepared(
          ctx.db,
          "UPDATE complaints SET status = '已退回', returned_at = ?, approval_comment = ?, updated_at = ?, updated_by = ? WHERE id = ?",
        ).run(at, comment, at, user.id, r.id);
      }
      ctx.audit({ action: 'complaint_change', target: describe(r), detail: { op: input.decision, id: r.id, comment: comment ?? '' } });
    })();
    return reload(ctx, r.id);
  },

  'complaints.get': (ctx, input) => {
    requireComplaintAccess(ctx, requireUser(ctx), input.id);
    return reload(ctx, input.id);
  },

  'complaints.list': (ctx, input) => {
    const user = requireUser(ctx);
    const today = localDate(ctx.now());
    const conds = ['k.deleted_at IS NULL'];
    const params: unknown[] = [];
    const statuses = input.status?.length
      ? input.status
      : input.open === true
        ? OPEN_COMPLAINT_STATUSES
        : input.open === false
          ? ['已批准']
          : null;
    if (statuses) {
      conds.push(`k.status IN (${statuses.map(() => '?').join(', ')})`);
      params.push(...statuses);
    }
    if (isScopedToOwn(user)) {
      conds.push('(c.manager_id = ? OR k.manager_id = ?)');
      params.push(user.id, user.id);
    }
    if (input.managerId !== undefined) {
      conds.push('k.manager_id = ?');
      params.push(input.managerId);
    }
    if (input.customerId !== undefined) {
      conds.push('k.customer_id = ?');
      params.push(input.customerId);
    }
    const where = conds.join(' AND ');
    // Open ones oldest first (they wait longest); otherwise newest first.
    const order = input.open === true ? 'k.opened_at, k.id' : 'k.opened_at DESC, k.id DESC';
    const rows = prepared(ctx.db, `SELECT ${COMPLAINT_COLUMNS} FROM ${COMPLAINT_FROM} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
      ...params,
      input.limit,
      input.offset,
    ) as ComplaintRecord[];
    const total =
      input.offset === 0 && rows.length < input.limit
        ? rows.length
        : (prepared(ctx.db, `SELECT count(*) AS n FROM complaints k JOIN customers c ON c.id = k.customer_id WHERE ${where}`).get(...params) as { n: number }).n;
    return { rows: rows.map((r) => toComplaintRow(r, today)), total };
  },
};
