import { maskMobile } from '../validators/phone';
import { weekdayLabel } from '../domain/visitRules';
import { SIGN_IN_ROWS_PER_PAGE } from '../domain/sheets';
import { code128Svg } from './code128';
import { esc, formDocument } from './page';

/** 营销人员市场走访签到记录簿: one sheet (one number) per print, a manager's week or blank pages. */

export interface SignInSource {
  planEntryId: number;
  date: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  address: string | null;
  mobile: string | null;
  phone: string | null;
}

export interface SignInRowView {
  row: number;
  planEntryId: number | null;
  /** Plan day (YYYY-MM-DD) and customer the row carries; null on a blank row. */
  planDate: string | null;
  customerId: number | null;
  /** As printed: day and weekday. */
  date: string;
  customer: string;
  address: string;
  /** Masked: the sheet goes from customer to customer. */
  phone: string;
}

export interface SignInSheetData {
  branchName: string;
  printedAt: string;
  /** null in the preview: the number is given when the book is printed. */
  sheetNo: string | null;
  managerDisplayName: string;
  manager: string;
  /** Monday of the plan week, or null for a blank book. */
  week: string | null;
  rows: SignInRowView[];
}

/** Plan entries as numbered rows, in the plan's order; a customer's phone never in full. */
export function signInRowsFromPlan(entries: readonly SignInSource[]): SignInRowView[] {
  return entries.map((e, i) => ({
    row: i + 1,
    planEntryId: e.planEntryId,
    planDate: e.date,
    customerId: e.customerId,
    date: `${e.date} ${weekdayLabel(e.date)}`,
    customer: `${e.customerName}（${e.customerCode}）`,
    address: e.address ?? '',
    phone: e.mobile || e.phone ? maskMobile((e.mobile || e.phone)!) : '',
  }));
}

export function blankSignInRows(pages: number): SignInRowView[] {
  return Array.from({ length: pages * SIGN_IN_ROWS_PER_PAGE }, (_, i) => ({ row: i + 1, planEntryId: null, planDate: null, customerId: null, date: '', customer: '', address: '', phone: '' }));
}

const COLUMNS: { title: string; mm: number }[] = [
  { title: '行号', mm: 11 },
  { title: '日期', mm: 20 },
  { title: '客户名称（编码）', mm: 44 },
  { title: '地址', mm: 50 },
  { title: '联系电话', mm: 24 },
  { title: '签到时间', mm: 18 },
  { title: '签退时间', mm: 18 },
  { title: '工作内容', mm: 40 },
  { title: '客户经理签字', mm: 24 },
  { title: '客户签字', mm: 28 },
];

const CSS = `
table.signin td { height: 14.5mm; font-size: 9pt; }
table.signin td.sig { min-width: 20mm; }
table.signin thead th.head { border: none; background: none; font-weight: normal; padding: 0 0 1.5mm; text-align: left; }
.head-row { display: flex; justify-content: space-between; align-items: flex-end; }
.head-row h1 { text-align: left; margin: 0; }
.sheetno { text-align: right; font-size: 9pt; }
.sheetno b { font-size: 11pt; letter-spacing: 0.05em; }
.barcode { display: block; margin-left: auto; }
.info { display: flex; gap: 8mm; font-size: 9.5pt; margin-top: 1mm; }
.note { font-size: 8.5pt; color: #333; margin-top: 2mm; }`;

export function signInSheetHtml(d: SignInSheetData): string {
  const weekText = d.week ? `计划周：${d.week} 起` : '空白签到页';
  const head = `<tr><th class="head" colspan="${COLUMNS.length}">
  <div class="head-row">
    <div><h1>营销人员市场走访签到记录簿</h1>
      <div class="info"><span>网点：${esc(d.branchName)}</span><span>客户经理：${esc(d.managerDisplayName)}（${esc(d.manager)}）</span><span>${esc(weekText)}</span><span>打印时间：${esc(d.printedAt)}</span></div>
    </div>
    <div class="sheetno">${d.sheetNo ? `${code128Svg(d.sheetNo)}<div>编号 <b>${esc(d.sheetNo)}</b></div>` : '<div>编号 <b>（打印时生成）</b></div>'}</div>
  </div></th></tr>
  <tr>${COLUMNS.map((c) => `<th>${c.title}</th>`).join('')}</tr>`;
  const body = d.rows
    .map(
      (r) =>
        `<tr><td class="c">${r.row}</td><td>${esc(r.date)}</td><td>${esc(r.customer)}</td><td>${esc(r.address)}</td><td>${esc(r.phone)}</td>` +
        '<td></td><td></td><td></td><td class="sig"></td><td class="sig"></td></tr>',
    )
    .join('\n');
  const table = `<table class="grid signin">
<colgroup>${COLUMNS.map((c) => `<col style="width:${c.mm}mm">`).join('')}</colgroup>
<thead>${head}</thead>
<tbody>
${body}
</tbody></table>
<div class="note">说明：签到、签退时间请填写“时:分”；客户无法签字或拒签时请在“客户签字”栏注明原因。收回后凭编号${d.sheetNo ? ` ${esc(d.sheetNo)} ` : ''}在 BranchDesk“回收登记”中录入。</div>`;
  return formDocument(
    {
      title: `走访签到记录簿 ${d.sheetNo ?? '预览'}`,
      branchName: d.branchName,
      printedAt: d.printedAt,
      landscape: true,
      topRight: `签到簿编号：${d.sheetNo ?? '打印时生成'}`,
    },
    CSS,
    table,
  );
}
