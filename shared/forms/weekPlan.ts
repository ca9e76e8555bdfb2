import type { PlanEntry } from '../domain/plans';
import { weekdayLabel } from '../domain/visitRules';
import { gridTable } from './fieldGrid';
import { esc, formDocument } from './page';

/** 客户访问日程表: a manager's plan of one week, a row per planned visit, with room for notes. */
export interface WeekPlanData {
  branchName: string;
  printedAt: string;
  managerDisplayName: string;
  manager: string;
  /** Monday of the week. */
  week: string;
  /** Sunday of the week. */
  weekEnd: string;
  entries: PlanEntry[];
}

const CSS = `
table.plan td { height: 10mm; font-size: 9.5pt; }
table.plan td:nth-child(2) { white-space: nowrap; }
table.plan td:first-child, table.plan td:nth-child(4) { text-align: center; }
.summary { margin-top: 2mm; font-size: 9.5pt; }`;

export function weekPlanHtml(d: WeekPlanData): string {
  const rows = d.entries.map((e, i) => [
    i + 1,
    `${e.date} ${weekdayLabel(e.date)}`,
    `${e.customerName}（${e.customer}）`,
    e.customerTier,
    e.customerAddress,
    e.carriedFromDate ? `${e.status}（由 ${e.carriedFromDate} 顺延）` : e.status,
    e.lastVisitAt ?? '',
    '',
  ]);
  const days = new Set(d.entries.map((e) => e.date)).size;
  const body = `<h1>客户访问日程表</h1>
<div class="meta"><span>客户经理：${esc(d.managerDisplayName)}（${esc(d.manager)}）</span><span>计划周：${esc(d.week)} 至 ${esc(d.weekEnd)}</span></div>
${gridTable(
  [{ title: '序号', mm: 10 }, { title: '日期', mm: 30 }, { title: '客户名称（编码）', mm: 42 }, { title: '分级', mm: 10 }, { title: '地址' }, { title: '状态', mm: 22 }, { title: '上次走访', mm: 22 }, { title: '备注', mm: 24 }],
  rows,
  'plan',
)}
<div class="summary">共 ${d.entries.length} 户次，${days} 个走访日。</div>`;
  return formDocument(
    { title: `客户访问日程表 ${d.manager} ${d.week}`, branchName: d.branchName, printedAt: d.printedAt, topRight: `客户访问日程表 · ${d.managerDisplayName} · ${d.week} 周` },
    CSS,
    body,
  );
}
