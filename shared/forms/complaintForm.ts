import type { ComplaintRow } from '../domain/complaints';
import { maskMobile } from '../validators/phone';
import { fieldGrid, FIELD_GRID_CSS } from './fieldGrid';
import { esc, formDocument } from './page';

/**
 * 商品及服务质量信息反馈单: a complaint as recorded, with the 客户确认 box the customer
 * signs. The customer holds this paper, so their phone never prints in full.
 */
export interface ComplaintFormData {
  branchName: string;
  printedAt: string;
  complaint: ComplaintRow;
  customerPhone: string | null;
  customerAddress: string | null;
}

/** The form's number on paper: FK + the record id, so a returned form finds its record. */
export function complaintFormNo(id: number): string {
  return `FK-${String(id).padStart(6, '0')}`;
}

const CSS = `${FIELD_GRID_CSS}
.confirm { border: 0.3mm solid #000; border-top: none; padding: 2mm 3mm; break-inside: avoid; page-break-inside: avoid; }
.confirm .choices { display: flex; gap: 10mm; margin: 1mm 0 2mm; }
.confirm .opinion { min-height: 18mm; border-bottom: 0.2mm dashed #666; }
.confirm .signs { display: flex; justify-content: space-between; margin-top: 3mm; }
.confirm .signs span { min-width: 55mm; height: 14mm; }`;

export function complaintFormHtml(d: ComplaintFormData): string {
  const k = d.complaint;
  const no = complaintFormNo(k.id);
  const fields = fieldGrid([
    { label: '客户名称', value: `${k.customerName}（${k.customer}）` },
    { label: '联系电话', value: d.customerPhone ? maskMobile(d.customerPhone) : '' },
    { label: '客户地址', value: d.customerAddress, wide: true },
    { label: '客户经理', value: `${k.managerDisplayName}（${k.manager}）` },
    { label: '反馈时间', value: k.openedAt.replace('T', ' ') },
    { label: '问题类别', value: k.category },
    { label: '处理状态', value: k.status },
    { label: '反馈内容', value: k.content, wide: true, minMm: 30 },
    { label: '处理过程', value: k.handlingSteps, wide: true, minMm: 25 },
    { label: '处理结果', value: k.result, wide: true, minMm: 18 },
    { label: '审批意见', value: k.approvedBy ? `${k.approvalComment || '同意'}（${k.approvedBy}${k.approvedAt ? `，${k.approvedAt.slice(0, 10)}` : ''}）` : '', wide: true },
  ]);
  const body = `<h1>商品及服务质量信息反馈单</h1>
<div class="meta"><span>编号：${esc(no)}</span><span>客户确认：${esc(k.customerConfirmation)}</span></div>
${fields}
<div class="confirm">
  <b>客户确认</b>
  <div class="choices"><span>□ 对处理结果满意</span><span>□ 基本满意</span><span>□ 不满意</span></div>
  <div class="opinion">客户意见：</div>
  <div class="signs"><span>客户签字（盖章）：</span><span>日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日</span></div>
  <div class="signs"><span>客户经理签字：</span><span>日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日</span></div>
</div>`;
  return formDocument({ title: `商品及服务质量信息反馈单 ${no}`, branchName: d.branchName, printedAt: d.printedAt, topRight: `编号：${no}` }, CSS, body);
}
