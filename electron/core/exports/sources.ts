import type { SessionUser } from '../../../shared/api/auth';
import { CUSTOMER_EXPORT_COLUMNS, DEFAULT_CUSTOMER_EXPORT_COLUMNS } from '../../../shared/domain/exports';
import { FOLLOWUP_SOURCE_LABELS } from '../../../shared/domain/followups';
import { OPEN_COMPLAINT_STATUSES } from '../../../shared/domain/complaints';
import { maskIdCard, maskMobile } from '../../../shared/validators';
import { buildListQuery } from '../customers/list';
import { loadTagsFor, type CustomerRecord } from '../customers/repo';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import type { OutColumn, OutValue } from '../excel/write';
import { COMPLAINT_COLUMNS, COMPLAINT_FROM, toComplaintRow, type ComplaintRecord } from '../complaints/repo';
import { FOLLOWUP_COLUMNS, FOLLOWUP_FROM, type FollowUpRecord } from '../followups/repo';
import { buildVisitQuery } from '../visits/list';
import { parseChecklist, VISIT_COLUMNS, type VisitRecord } from '../visits/repo';
import type { ExportParams } from './params';

/** What one export kind writes: its columns, how many rows (for the progress bar) and the rows, streamed. */
export interface ExportSource {
  columns: OutColumn[];
  count(): number;
  rows(): Iterable<OutValue[]>;
}

export interface SourceEnv {
  db: Db;
  user: SessionUser;
  /** ID numbers and mobiles shown as 110101********1234 / 138****0000. */
  masked: boolean;
  today: string;
}

const ID_COLUMNS = new Set(['code', 'idNumber', 'creditCode', 'licenceNo', 'mobile', 'phone']);
const CHUNK = 500;

interface ContactRow {
  customer_id: number;
  name: string;
  role: string | null;
  mobile: string | null;
  phone: string | null;
  is_decision_maker: number;
  birthday: string | null;
  notes: string | null;
}

function customerSource(env: SourceEnv, p: Extract<ExportParams, { kind: 'customers' }>): ExportSource {
  const { db, masked } = env;
  const keys = p.columns ?? [...DEFAULT_CUSTOMER_EXPORT_COLUMNS];
  const defs = keys.map((k) => CUSTOMER_EXPORT_COLUMNS.find((c) => c.key === k)!);
  const columns: OutColumn[] = defs.map((d) => {
    const base = d.key.includes('.') ? d.key.split('.')[1] : d.key;
    const kind = ID_COLUMNS.has(base) ? 'id' : d.key === 'monthlyVolume' ? 'number' : d.key === 'createdAt' || d.key === 'updatedAt' ? 'datetime' : 'text';
    return { header: d.label, kind };
  });
  const needContacts = keys.some((k) => k.startsWith('contact'));
  const needTags = keys.includes('tags');
  // The customer list's own query builder: same filter, same scope, same order as the screen.
  const plan = buildListQuery(db, env.user, { ...p.filter, offset: 0, limit: 1 });
  let ids: number[] | null = null;
  // The list's page query without a page (LIMIT -1): its first column is the customer id.
  const allIds = () => (ids ??= plan.empty ? [] : (db.prepare(plan.rows.sql).pluck().all(...plan.rows.params, -1, 0) as number[]));

  const value = (r: CustomerRecord, tags: string[], contacts: ContactRow[], key: string): OutValue => {
    if (key.startsWith('contact')) {
      const [slot, field] = key.split('.');
      const c = contacts[Number(slot.slice(7)) - 1];
      if (!c) return null;
      if (field === 'isDecisionMaker') return c.is_decision_maker ? '是' : '';
      if (field === 'mobile') return c.mobile && masked ? maskMobile(c.mobile) : c.mobile;
      return (c as unknown as Record<string, string | null>)[field];
    }
    switch (key) {
      case 'idNumber':
        return r.id_number && masked ? maskIdCard(r.id_number) : r.id_number;
      case 'mobile':
        return r.mobile && masked ? maskMobile(r.mobile) : r.mobile;
      case 'manager':
        return r.manager_display_name ?? r.manager_name;
      case 'keyCustomer':
        return r.key_customer ? '是' : '否';
      case 'tags':
        return tags.join('、');
      case 'createdAt':
        return r.created_at;
      case 'updatedAt':
        return r.updated_at;
      default: {
        const column = key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
        return (r as unknown as Record<string, string | number | null>)[column] ?? null;
      }
    }
  };

  return {
    columns,
    count: () => allIds().length,
    *rows() {
      const list = allIds();
      for (let i = 0; i < list.length; i += CHUNK) {
        const chunk = list.slice(i, i + CHUNK);
        const json = JSON.stringify(chunk);
        const records = new Map(
          (
            db
              .prepare(
                `SELECT c.*, u.name AS manager_name, u.display_name AS manager_display_name
                 FROM customers c LEFT JOIN users u ON u.id = c.manager_id WHERE c.id IN (SELECT value FROM json_each(?))`,
              )
              .all(json) as CustomerRecord[]
          ).map((r) => [r.id, r]),
        );
        const tags = needTags ? loadTagsFor(db, chunk) : new Map<number, string[]>();
        const contacts = new Map<number, ContactRow[]>();
        if (needContacts) {
          const rows = db
            .prepare('SELECT * FROM contacts WHERE customer_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY customer_id, sort, id')
            .all(json) as ContactRow[];
          for (const c of rows) {
            const l = contacts.get(c.customer_id);
            if (l) l.push(c);
            else contacts.set(c.customer_id, [c]);
          }
        }
        for (const id of chunk) {
          const r = records.get(id);
          if (!r) continue;
          const t = tags.get(id) ?? [];
          const cs = contacts.get(id) ?? [];
          yield keys.map((k) => value(r, t, cs, k));
        }
      }
    },
  };
}

const VISIT_HEADERS: OutColumn[] = [
  { header: '客户编码', kind: 'id' },
  { header: '客户名称', kind: 'text' },
  { header: '客户分级', kind: 'text' },
  { header: '客户经理', kind: 'text' },
  { header: '走访类型', kind: 'text' },
  { header: '计划内', kind: 'text' },
  { header: '签到时间', kind: 'datetime' },
  { header: '签退时间', kind: 'datetime' },
  { header: '在户时间（分钟）', kind: 'number' },
  { header: '走访地点', kind: 'text' },
  { header: '工作内容', kind: 'text' },
  { header: '工作内容清单', kind: 'text' },
  { header: '客户意见', kind: 'text' },
  { header: '发现的问题', kind: 'text' },
  { header: '下次跟进日期', kind: 'date' },
  { header: '下次跟进内容', kind: 'text' },
  { header: '客户签字', kind: 'text' },
  { header: '签字说明', kind: 'text' },
];

function visitSource(env: SourceEnv, p: Extract<ExportParams, { kind: 'visits' }>): ExportSource {
  const built = buildVisitQuery(env.db, env.user, { ...p.filter, offset: 0, limit: 1 });
  const from = 'visits v CROSS JOIN customers c ON c.id = v.customer_id CROSS JOIN users u ON u.id = v.manager_id';
  return {
    columns: VISIT_HEADERS,
    count: () => (built ? (env.db.prepare(`SELECT count(*) AS n FROM visits v CROSS JOIN customers c ON c.id = v.customer_id WHERE ${built.where}`).get(...built.params) as { n: number }).n : 0),
    *rows() {
      if (!built) return;
      const stmt = env.db.prepare(`SELECT ${VISIT_COLUMNS} FROM ${from} WHERE ${built.where} ORDER BY ${built.orderBy}`);
      for (const r of stmt.iterate(...built.params) as IterableIterator<VisitRecord>) {
        yield [
          r.customer_code,
          r.customer_name,
          r.customer_tier,
          r.manager_display_name,
          r.type,
          r.planned ? '是' : '否',
          r.sign_in,
          r.sign_out,
          r.duration_minutes,
          r.location,
          r.content,
          parseChecklist(r.checklist).join('、'),
          r.opinions,
          r.problems,
          r.next_follow_up_due,
          r.next_follow_up_content,
          r.signature,
          r.signature_note,
        ];
      }
    },
  };
}

function followUpSource(env: SourceEnv, p: Extract<ExportParams, { kind: 'followups' }>): ExportSource {
  const f = p.filter;
  // Same conditions as followups.list (scope: a 客户经理 sees the tasks they own).
  const conds = ['f.deleted_at IS NULL'];
  const params: unknown[] = [];
  const owner = isScopedToOwn(env.user) ? env.user.id : f.ownerId;
  if (owner !== undefined) {
    conds.push('f.owner_id = ?');
    params.push(owner);
  }
  if (f.customerId !== undefined) {
    conds.push('f.customer_id = ?');
    params.push(f.customerId);
  }
  let order = 'f.due, f.id';
  if (f.status === 'open') conds.push('f.done_at IS NULL');
  else if (f.status === 'overdue') {
    conds.push('f.done_at IS NULL', 'f.due < ?');
    params.push(env.today);
  } else if (f.status === 'done') {
    conds.push('f.done_at IS NOT NULL');
    order = 'f.done_at DESC, f.id DESC';
  } else order = 'f.done_at IS NOT NULL, f.due, f.id';
  const where = conds.join(' AND ');
  return {
    columns: [
      { header: '客户编码', kind: 'id' },
      { header: '客户名称', kind: 'text' },
      { header: '负责人', kind: 'text' },
      { header: '跟进日期', kind: 'date' },
      { header: '跟进内容', kind: 'text' },
      { header: '来源', kind: 'text' },
      { header: '状态', kind: 'text' },
      { header: '完成时间', kind: 'datetime' },
      { header: '跟进结果', kind: 'text' },
      { header: '创建时间', kind: 'datetime' },
    ],
    count: () => (env.db.prepare(`SELECT count(*) AS n FROM ${FOLLOWUP_FROM} WHERE ${where}`).get(...params) as { n: number }).n,
    *rows() {
      const stmt = env.db.prepare(`SELECT ${FOLLOWUP_COLUMNS} FROM ${FOLLOWUP_FROM} WHERE ${where} ORDER BY ${order}`);
      for (const r of stmt.iterate(...params) as IterableIterator<FollowUpRecord>) {
        const state = r.done_at !== null ? '已完成' : r.due < env.today ? '已逾期' : '待跟进';
        yield [r.customer_code, r.customer_name, r.owner_display_name, r.due, r.content, FOLLOWUP_SOURCE_LABELS[r.source_type], state, r.done_at, r.result, r.created_at];
      }
    },
  };
}

function complaintSource(env: SourceEnv, p: Extract<ExportParams, { kind: 'complaints' }>): ExportSource {
  const f = p.filter;
  // Same conditions as complaints.list (scope: a 客户经理 sees their customers' and their own records).
  const conds = ['k.deleted_at IS NULL'];
  const params: unknown[] = [];
  const statuses = f.status?.length ? f.status : f.open === true ? OPEN_COMPLAINT_STATUSES : f.open === false ? ['已批准'] : null;
  if (statuses) {
    conds.push(`k.status IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  if (isScopedToOwn(env.user)) {
    conds.push('(c.manager_id = ? OR k.manager_id = ?)');
    params.push(env.user.id, env.user.id);
  }
  if (f.managerId !== undefined) {
    conds.push('k.manager_id = ?');
    params.push(f.managerId);
  }
  if (f.customerId !== undefined) {
    conds.push('k.customer_id = ?');
    params.push(f.customerId);
  }
  const where = conds.join(' AND ');
  const order = f.open === true ? 'k.opened_at, k.id' : 'k.opened_at DESC, k.id DESC';
  return {
    columns: [
      { header: '客户编码', kind: 'id' },
      { header: '客户名称', kind: 'text' },
      { header: '客户经理', kind: 'text' },
      { header: '反馈时间', kind: 'datetime' },
      { header: '类别', kind: 'text' },
      { header: '反馈内容', kind: 'text' },
      { header: '处理措施', kind: 'text' },
      { header: '处理结果', kind: 'text' },
      { header: '状态', kind: 'text' },
      { header: '审批人', kind: 'text' },
      { header: '审批时间', kind: 'datetime' },
      { header: '审批意见', kind: 'text' },
      { header: '客户确认', kind: 'text' },
      { header: '确认说明', kind: 'text' },
      { header: '结案时间', kind: 'datetime' },
      { header: '处理天数', kind: 'number' },
    ],
    count: () => (env.db.prepare(`SELECT count(*) AS n FROM ${COMPLAINT_FROM} WHERE ${where}`).get(...params) as { n: number }).n,
    *rows() {
      const stmt = env.db.prepare(`SELECT ${COMPLAINT_COLUMNS} FROM ${COMPLAINT_FROM} WHERE ${where} ORDER BY ${order}`);
      for (const r of stmt.iterate(...params) as IterableIterator<ComplaintRecord>) {
        const k = toComplaintRow(r, env.today);
        yield [
          k.customer,
          k.customerName,
          k.managerDisplayName,
          // As stored (2024-06-03 09:30): the row's API form has a T, which a CSV would show as it is.
          r.opened_at,
          k.category,
          k.content,
          k.handlingSteps,
          k.result,
          k.status,
          k.approvedBy,
          k.approvedAt,
          k.approvalComment,
          k.customerConfirmation,
          k.confirmationNote,
          k.closedAt,
          k.ageDays,
        ];
      }
    },
  };
}

export function exportSource(env: SourceEnv, p: ExportParams): ExportSource {
  switch (p.kind) {
    case 'customers':
      return customerSource(env, p);
    case 'visits':
      return visitSource(env, p);
    case 'followups':
      return followUpSource(env, p);
    case 'complaints':
      return complaintSource(env, p);
  }
}
