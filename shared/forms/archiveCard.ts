import type { Customer } from '../domain/customers';
import { maskIdCard } from '../validators/idCard';
import { fieldGrid, FIELD_GRID_CSS, gridTable } from './fieldGrid';
import { esc, formDocument } from './page';

/**
 * 客户档案卡: one customer per page, for the branch's own paper files. It stays in the
 * branch, so phones print in full (the manager calls from it); the 身份证号 is masked,
 * since nobody needs it from paper and a lost card must not leak it.
 */
export interface ArchiveCardData {
  branchName: string;
  printedAt: string;
  customers: Customer[];
}

const CSS = `${FIELD_GRID_CSS}
.card { break-after: page; page-break-after: always; }
.card:last-child { break-after: auto; page-break-after: auto; }
/* On screen the cards follow each other on one sheet: the dashed line is where the paper is cut. */
@media screen { .card + .card { border-top: 0.5mm dashed #999; margin-top: 10mm; padding-top: 10mm; } }
.card table.contacts td { height: 8mm; }
.sign { display: flex; justify-content: flex-end; gap: 20mm; margin-top: 5mm; }
.sign span { min-width: 45mm; border-bottom: 0.3mm solid #000; padding-bottom: 6mm; }`;

function card(c: Customer): string {
  const fields = fieldGrid([
    { label: '客户名称', value: c.name },
    { label: '客户编码', value: c.code },
    { label: '客户类型', value: c.kind },
    { label: '客户分级', value: c.tier },
    { label: '状态', value: c.deleted ? `${c.status}（已删除）` : c.status },
    { label: '客户经理', value: c.managerDisplayName ? `${c.managerDisplayName}（${c.manager}）` : '' },
    { label: '身份证号', value: c.idNumber ? maskIdCard(c.idNumber) : '' },
    { label: '统一社会信用代码', value: c.creditCode },
    { label: '许可证号', value: c.licenceNo },
    { label: '重点客户', value: c.keyCustomer ? '是' : '否' },
    { label: '手机', value: c.mobile },
    { label: '固定电话', value: c.phone },
    { label: '地址', value: c.address, wide: true },
    { label: '片区', value: c.region },
    { label: '行业', value: c.industry },
    { label: '经济性质', value: c.economicNature },
    { label: '经营规模', value: c.scale },
    { label: '信用等级', value: c.creditRating },
    { label: '付款习惯', value: c.paymentHabit },
    { label: '月销量', value: c.monthlyVolume },
    { label: '标签', value: c.tags.join('、') },
    { label: '主营业务', value: c.mainBusiness, wide: true },
    { label: '经营产品', value: c.products, wide: true },
    { label: '经营背景', value: c.background, wide: true, minMm: 14 },
    { label: '客户需求', value: c.needs, wide: true, minMm: 14 },
    { label: '备注', value: c.notes, wide: true, minMm: 14 },
  ]);
  const contacts = gridTable(
    [{ title: '姓名', mm: 24 }, { title: '职务', mm: 24 }, { title: '手机', mm: 30 }, { title: '固定电话', mm: 30 }, { title: '决策人', mm: 14 }, { title: '生日', mm: 22 }, { title: '备注' }],
    c.contacts.length
      ? c.contacts.map((k) => [k.name, k.role, k.mobile, k.phone, k.isDecisionMaker ? '是' : '', k.birthday, k.notes])
      : [['', '', '', '', '', '', '']],
    'contacts',
  );
  return `<section class="card">
<h1>客户档案卡</h1>
<div class="meta"><span>客户：${esc(c.name)}（${esc(c.code)}）</span><span>建档：${esc(c.createdAt.slice(0, 10))}\u3000更新：${esc(c.updatedAt.slice(0, 10))}</span></div>
${fields}
<h2 class="section">联系人</h2>
${contacts}
<div class="sign"><span>客户经理签字：</span><span>日期：</span></div>
</section>`;
}

export function archiveCardsHtml(d: ArchiveCardData): string {
  return formDocument(
    { title: d.customers.length === 1 ? `客户档案卡 ${d.customers[0].name}` : `客户档案卡（${d.customers.length} 户）`, branchName: d.branchName, printedAt: d.printedAt },
    CSS,
    d.customers.map(card).join('\n'),
  );
}
