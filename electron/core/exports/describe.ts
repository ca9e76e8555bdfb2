import type { Db } from '../db/connection';
import type { ExportParams } from './params';

const FOLLOWUP_STATUS_LABELS: Record<string, string> = { open: '未完成', overdue: '已逾期', done: '已完成', all: '全部' };

function userNames(db: Db, ids: readonly number[]): string {
  return ids
    .map((id) => {
      if (id === 0) return '未分配';
      const u = db.prepare('SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined;
      return u?.display_name ?? `ID ${id}`;
    })
    .join('、');
}

/** The exporter's own customers by name; any other id stays an id (a 客户经理 learns no name from a filter). */
function customerName(db: Db, id: number, viewer: Viewer): string {
  const c = db.prepare('SELECT name, code, manager_id FROM customers WHERE id = ?').get(id) as { name: string; code: string; manager_id: number | null } | undefined;
  return c && (viewer.role !== 'manager' || c.manager_id === viewer.id) ? `${c.name}（${c.code}）` : `ID ${id}`;
}

interface Viewer {
  id: number;
  role: string;
}

/** The filter in words, for the title row and the audit log (“分级：A、B；状态：正式”). */
export function describeFilter(db: Db, p: ExportParams, viewer: Viewer): string {
  const parts: string[] = [];
  const add = (label: string, value: string | undefined | null) => {
    if (value) parts.push(`${label}：${value}`);
  };
  if (p.kind === 'customers') {
    const f = p.filter;
    add('关键词', f.q ? `“${f.q}”` : null);
    add('分级', f.tier?.join('、'));
    add('状态', f.status?.join('、'));
    add('客户经理', f.managerId?.length ? userNames(db, f.managerId) : null);
    add('片区', f.region?.join('、'));
    if (f.keyCustomer !== undefined) parts.push(f.keyCustomer ? '仅重点客户' : '非重点客户');
    add('标签', f.tag);
    if (f.deleted) parts.push('回收站');
  } else if (p.kind === 'visits') {
    const f = p.filter;
    if (f.from || f.to) parts.push(`走访日期：${f.from ?? '…'} 至 ${f.to ?? '…'}`);
    add('客户经理', [f.managerId?.length ? userNames(db, f.managerId) : '', f.manager ?? ''].filter(Boolean).join('、'));
    add('客户', f.customerId !== undefined ? customerName(db, f.customerId, viewer) : f.customer);
    add('类型', f.type?.join('、'));
    add('签字', f.signature?.join('、'));
    add('分级', f.tier?.join('、'));
    if (f.planned !== undefined) parts.push(f.planned ? '计划内' : '计划外');
  } else if (p.kind === 'followups') {
    const f = p.filter;
    add('状态', FOLLOWUP_STATUS_LABELS[f.status]);
    add('负责人', f.ownerId !== undefined ? userNames(db, [f.ownerId]) : null);
    add('客户', f.customerId !== undefined ? customerName(db, f.customerId, viewer) : null);
  } else {
    const f = p.filter;
    add('状态', f.status?.join('、') ?? (f.open === true ? '未结案' : f.open === false ? '已批准' : null));
    add('客户经理', f.managerId !== undefined ? userNames(db, [f.managerId]) : null);
    add('客户', f.customerId !== undefined ? customerName(db, f.customerId, viewer) : null);
  }
  return parts.length ? parts.join('；') : '全部';
}
