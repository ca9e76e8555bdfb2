import { fieldGrid, FIELD_GRID_CSS, gridTable } from './fieldGrid';
import { esc, formDocument } from './page';

/**
 * 客户月度销售情况分析报告: the layout, with what BranchDesk knows today (the manager's
 * customers and the month's visits); the analysis boxes are filled in by hand until the
 * sales figures arrive with the supervisor work.
 */
export interface MonthlyVisitLine {
  date: string;
  customer: string;
  type: string;
  minutes: number | null;
  signature: string;
  content: string;
}

export interface MonthlyReportData {
  branchName: string;
  printedAt: string;
  managerDisplayName: string;
  manager: string;
  /** `YYYY-MM` */
  month: string;
  customers: number;
  visitedCustomers: number;
  visits: MonthlyVisitLine[];
}

const CSS = `${FIELD_GRID_CSS}
table.visits td { font-size: 9pt; }
.box { border: 0.3mm solid #000; margin-top: 3mm; padding: 1.5mm 2mm; min-height: 38mm; break-inside: avoid; page-break-inside: avoid; }
.box b { display: block; margin-bottom: 1mm; }`;

export function monthlyReportHtml(d: MonthlyReportData): string {
  const signed = d.visits.filter((v) => v.signature === '已签').length;
  const [y, m] = d.month.split('-');
  const summary = fieldGrid([
    { label: '客户经理', value: `${d.managerDisplayName}（${d.manager}）` },
    { label: '报告月份', value: `${y} 年 ${Number(m)} 月` },
    { label: '负责客户数', value: `${d.customers} 户` },
    { label: '本月走访', value: `${d.visits.length} 次` },
    { label: '走访客户数', value: `${d.visitedCustomers} 户` },
    { label: '客户已签字', value: `${signed} 次` },
  ]);
  const visits = d.visits.length
    ? gridTable(
        [{ title: '序号', mm: 11 }, { title: '日期', mm: 22 }, { title: '客户', mm: 46 }, { title: '类型', mm: 18 }, { title: '时长', mm: 16 }, { title: '签字', mm: 16 }, { title: '走访内容' }],
        d.visits.map((v, i) => [i + 1, v.date, v.customer, v.type, v.minutes === null ? '' : `${v.minutes} 分钟`, v.signature, v.content]),
        'visits',
      )
    : '<p class="muted">本月没有走访记录。</p>';
  const boxes = ['问题及原因', '对策措施', '客户意见', '次月预测']
    .map((t) => `<div class="box"><b>${esc(t)}</b></div>`)
    .join('\n');
  const body = `<h1>客户月度销售情况分析报告</h1>
${summary}
<h2 class="section">本月走访</h2>
${visits}
${boxes}`;
  return formDocument(
    { title: `客户月度销售情况分析报告 ${d.manager} ${d.month}`, branchName: d.branchName, printedAt: d.printedAt, topRight: `${d.managerDisplayName} · ${d.month}` },
    CSS,
    body,
  );
}
