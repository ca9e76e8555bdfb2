import type { Receipt } from '../domain/receipts';
import { maskMobile } from '../validators/phone';
import { fieldGrid, FIELD_GRID_CSS, gridTable } from './fieldGrid';
import { esc, formDocument } from './page';

/** 宣传促销品签收单: the items handed to a customer, signed by them; their phone masked. */
export interface ReceiptFormData {
  branchName: string;
  printedAt: string;
  receipt: Receipt;
  customerPhone: string | null;
  customerAddress: string | null;
}

export function receiptFormNo(id: number): string {
  return `QS-${String(id).padStart(6, '0')}`;
}

const CSS = `${FIELD_GRID_CSS}
table.items td { height: 9mm; }
table.items td:first-child, table.items td:nth-child(3), table.items td:nth-child(4) { text-align: center; }
.signs { display: flex; justify-content: space-between; margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
.signs span { min-width: 55mm; height: 16mm; border-bottom: 0.3mm solid #000; }`;

export function receiptFormHtml(d: ReceiptFormData): string {
  const r = d.receipt;
  const no = receiptFormNo(r.id);
  const fields = fieldGrid([
    { label: '客户名称', value: `${r.customerName}（${r.customer}）` },
    { label: '联系电话', value: d.customerPhone ? maskMobile(d.customerPhone) : '' },
    { label: '客户地址', value: d.customerAddress, wide: true },
    { label: '发放人', value: `${r.managerDisplayName}（${r.manager}）` },
    { label: '发放日期', value: r.date },
  ]);
  const items = gridTable(
    [{ title: '序号', mm: 14 }, { title: '宣传促销品名称' }, { title: '数量', mm: 24 }, { title: '单位', mm: 24 }, { title: '备注', mm: 50 }],
    r.items.map((it, i) => [i + 1, it.name, it.quantity, it.unit, '']),
    'items',
  );
  const body = `<h1>宣传促销品签收单</h1>
<div class="meta"><span>编号：${esc(no)}</span><span>共 ${r.items.length} 种，${r.items.reduce((n, it) => n + it.quantity, 0)} 件</span></div>
${fields}
<h2 class="section">发放明细</h2>
${items}
${r.note ? `<h2 class="section">备注</h2>${fieldGrid([{ label: '备注', value: r.note, wide: true }])}` : ''}
<p>以上物品已如数收到，特此签收。</p>
<div class="signs"><span>客户签字（盖章）：</span><span>发放人签字：</span><span>日期：</span></div>`;
  return formDocument({ title: `宣传促销品签收单 ${no}`, branchName: d.branchName, printedAt: d.printedAt, topRight: `编号：${no}` }, CSS, body);
}
