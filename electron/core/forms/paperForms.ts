import type { Customer } from '../../../shared/domain/customers';
import { addDays, localDate } from '../../../shared/domain/visitRules';
import { archiveCardsHtml } from '../../../shared/forms/archiveCard';
import { complaintFormHtml, complaintFormNo } from '../../../shared/forms/complaintForm';
import { monthlyReportHtml } from '../../../shared/forms/monthlyReport';
import { printTime } from '../../../shared/forms/page';
import { receiptFormHtml, receiptFormNo } from '../../../shared/forms/receiptForm';
import { weekPlanHtml } from '../../../shared/forms/weekPlan';
import { requireComplaintAccess } from '../complaints/scope';
import { toComplaintRow } from '../complaints/repo';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { normaliseCode } from '../customers/codes';
import { loadCustomer } from '../customers/repo';
import { requireCustomerAccess } from '../customers/scope';
import { badInput, notFound } from '../errors';
import { entriesOfWeek } from '../plans/repo';
import { loadReceipt } from '../receipts/repo';
import { requireReceiptAccess } from '../receipts/scope';
import { readSetting } from '../settings/store';
import { deliverForm, formManager } from './common';
import { customerContactLine, customerIdByCode, managerCustomerCount, visitsOfMonth } from './repo';

/**
 * The printed forms besides the sign-in book. Each checks access the way the record's
 * own screen does (a 客户经理 prints only their customers, complaints and receipts),
 * then answers the document (preview) or its PDF.
 */
type FormMethods = 'print.archiveCards' | 'print.weekPlan' | 'print.complaint' | 'print.receipt' | 'print.monthlyReport';

function frame(ctx: Ctx) {
  return { branchName: readSetting(ctx.db, 'branchName') ?? '', printedAt: printTime(ctx.now()) };
}

export const formHandlers: HandlerMap<FormMethods> = {
  'print.archiveCards': (ctx, input) => {
    const user = requireUser(ctx);
    const seen = new Set<number>();
    const customers: Customer[] = [];
    for (const [i, ref] of input.customers.entries()) {
      const id = typeof ref === 'number' ? ref : customerIdByCode(ctx.db, normaliseCode(ref));
      if (id === null) throw notFound(`第 ${i + 1} 个客户：找不到客户编码「${ref}」`);
      requireCustomerAccess(ctx.db, user, id);
      if (seen.has(id)) continue;
      seen.add(id);
      customers.push(loadCustomer(ctx.db, id)!);
    }
    const html = archiveCardsHtml({ ...frame(ctx), customers });
    const first = customers[0];
    const fileName = customers.length === 1 ? `客户档案卡-${first.code}.pdf` : `客户档案卡-${customers.length}户.pdf`;
    return deliverForm(ctx, input.output, html, fileName, {
      target: customers.length === 1 ? `客户档案卡 ${first.name}（${first.code}）` : `客户档案卡 ${customers.length} 户`,
      detail: { form: 'archive-card', customerIds: customers.map((c) => c.id) },
    });
  },

  'print.weekPlan': (ctx, input) => {
    const manager = formManager(ctx, requireUser(ctx), input, '访问日程表');
    const entries = entriesOfWeek(ctx.db, input.week, manager.id);
    if (!entries.length) throw badInput(`${manager.display_name} 在 ${input.week} 这一周没有走访计划，可以先生成计划`, 'week');
    const html = weekPlanHtml({ ...frame(ctx), managerDisplayName: manager.display_name, manager: manager.name, week: input.week, weekEnd: addDays(input.week, 6), entries });
    return deliverForm(ctx, input.output, html, `客户访问日程表-${manager.name}-${input.week}.pdf`, {
      target: `客户访问日程表 ${manager.display_name} ${input.week} 周`,
      detail: { form: 'week-plan', managerId: manager.id, week: input.week, entries: entries.length },
    });
  },

  'print.complaint': (ctx, input) => {
    const r = requireComplaintAccess(ctx.db, requireUser(ctx), input.id);
    const contact = customerContactLine(ctx.db, r.customer_id);
    const html = complaintFormHtml({ ...frame(ctx), complaint: toComplaintRow(r, localDate(ctx.now())), customerPhone: contact.phone, customerAddress: contact.address });
    const no = complaintFormNo(r.id);
    return deliverForm(ctx, input.output, html, `商品及服务质量信息反馈单-${no}.pdf`, {
      target: `商品及服务质量信息反馈单 ${no}（${r.customer_name}）`,
      detail: { form: 'complaint', complaintId: r.id },
    });
  },

  'print.receipt': (ctx, input) => {
    const user = requireUser(ctx);
    requireReceiptAccess(ctx.db, user, input.id);
    const receipt = loadReceipt(ctx.db, input.id)!;
    const contact = customerContactLine(ctx.db, receipt.customerId);
    const html = receiptFormHtml({ ...frame(ctx), receipt, customerPhone: contact.phone, customerAddress: contact.address });
    const no = receiptFormNo(receipt.id);
    return deliverForm(ctx, input.output, html, `宣传促销品签收单-${no}.pdf`, {
      target: `宣传促销品签收单 ${no}（${receipt.customerName}）`,
      detail: { form: 'receipt', receiptId: receipt.id },
    });
  },

  'print.monthlyReport': (ctx, input) => {
    const manager = formManager(ctx, requireUser(ctx), input, '月度分析报告');
    const visits = visitsOfMonth(ctx.db, manager.id, input.month);
    const html = monthlyReportHtml({
      ...frame(ctx),
      managerDisplayName: manager.display_name,
      manager: manager.name,
      month: input.month,
      customers: managerCustomerCount(ctx.db, manager.id),
      visitedCustomers: new Set(visits.map((v) => v.customer_id)).size,
      visits: visits.map((v) => ({
        date: v.sign_in.slice(0, 10),
        customer: `${v.customer_name}（${v.customer_code}）`,
        type: v.type,
        minutes: v.duration_minutes,
        signature: v.signature,
        content: v.content ?? '',
      })),
    });
    return deliverForm(ctx, input.output, html, `客户月度销售情况分析报告-${manager.name}-${input.month}.pdf`, {
      target: `客户月度销售情况分析报告 ${manager.display_name} ${input.month}`,
      detail: { form: 'monthly-report', managerId: manager.id, month: input.month, visits: visits.length },
    });
  },
};
