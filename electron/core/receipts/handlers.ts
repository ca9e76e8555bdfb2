import type { Receipt } from '../../../shared/domain/receipts';
import type { SignatureStatus } from '../../../shared/domain/visits';
import { localDate } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { isScopedToOwn, requireCustomerAccess } from '../customers/scope';
import { badInput, notFound } from '../errors';
import { loadVisitLink } from '../visits/repo';
import { canSeeVisit } from '../visits/scope';
import {
  insertReceipt,
  listReceipts,
  loadReceipt,
  receiptItemsOf,
  receiptItemsText,
  toReceipt,
  updateReceipt,
  writeReceiptItems,
  type ReceiptItemValues,
} from './repo';
import { requireReceiptAccess, requireReceiptWrite } from './scope';

type ReceiptMethods = 'receipts.create' | 'receipts.update' | 'receipts.get' | 'receipts.list';

const text = (v: string | null | undefined): string | null => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

function reload(ctx: Ctx, id: number): Receipt {
  const r = loadReceipt(ctx.db, id);
  if (!r) throw notFound(`签收单不存在（ID ${id}）`);
  return r;
}

function itemValues(items: { name: string; quantity: number; unit?: string | null }[]): ReceiptItemValues[] {
  return items.map((it) => ({ name: it.name, quantity: it.quantity, unit: text(it.unit) }));
}

function signatureProblem(signature: SignatureStatus, note: string | null): void {
  if (signature === '无法签字' && !note) throw badInput('签字说明：客户无法签字时请写明原因', 'signatureNote');
}

export const receiptHandlers: HandlerMap<ReceiptMethods> = {
  'receipts.create': (ctx, input) => {
    const user = requireUser(ctx);
    const customer = requireCustomerAccess(ctx.db, user, input.customerId);
    if (customer.deleted_at !== null) throw badInput('客户：该客户已删除', 'customerId');
    let visitDay: string | null = null;
    let handedAt: string | null = null;
    if (input.visitId) {
      const v = loadVisitLink(ctx.db, input.visitId);
      // A visit the caller cannot see is a missing one, not "another customer's".
      if (!v || (v.customer_id !== input.customerId && !canSeeVisit(ctx.db, user, input.visitId))) {
        throw badInput(`关联走访：走访记录不存在（ID ${input.visitId}）`, 'visitId');
      }
      if (v.customer_id !== input.customerId) throw badInput('关联走访：该走访不是这个客户的', 'visitId');
      visitDay = v.sign_in.slice(0, 10);
      handedAt = v.sign_in;
    }
    const today = localDate(ctx.now());
    const date = input.date ?? visitDay ?? today;
    if (date > today) throw badInput('签收日期：不能晚于今天', 'date');
    const signature = input.signature ?? '待签';
    const signatureNote = text(input.signatureNote);
    signatureProblem(signature, signatureNote);
    const managerId = isScopedToOwn(user) ? user.id : (customer.manager_id ?? user.id);
    const at = localTimestamp(ctx.now());
    const id = ctx.db.transaction(() => {
      const newId = insertReceipt(
        ctx.db,
        {
          customerId: input.customerId,
          managerId,
          visitId: input.visitId ?? null,
          date,
          handedAt: handedAt && handedAt.slice(0, 10) === date ? handedAt : `${date} 00:00`,
          note: text(input.note),
          signature,
          signatureNote,
        },
        { at, userId: user.id },
      );
      writeReceiptItems(ctx.db, newId, itemValues(input.items));
      ctx.audit({
        action: 'receipt_change',
        target: `签收单 ${newId}`,
        detail: { op: 'create', id: newId, customerId: input.customerId, items: receiptItemsText(input.items) },
      });
      return newId;
    })();
    return reload(ctx, id);
  },

  'receipts.update': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireReceiptWrite(ctx.db, user, input.id);
    const signature = input.signature ?? r.signature;
    const signatureNote = input.signatureNote !== undefined ? text(input.signatureNote) : r.signature_note;
    signatureProblem(signature, signatureNote);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      updateReceipt(ctx.db, r.id, { note: input.note !== undefined ? text(input.note) : r.note, signature, signatureNote }, at);
      if (input.items) writeReceiptItems(ctx.db, r.id, itemValues(input.items));
      ctx.audit({ action: 'receipt_change', target: `签收单 ${r.id}`, detail: { op: 'update', id: r.id, signature } });
    })();
    return reload(ctx, r.id);
  },

  'receipts.get': (ctx, input) => {
    requireReceiptAccess(ctx.db, requireUser(ctx), input.id);
    return reload(ctx, input.id);
  },

  'receipts.list': (ctx, input) => {
    const user = requireUser(ctx);
    // A customer's receipts are all shown to whoever may see the customer; otherwise a 客户经理 sees their own.
    if (input.customerId !== undefined) requireCustomerAccess(ctx.db, user, input.customerId);
    const visibleTo = input.customerId === undefined && isScopedToOwn(user) ? user.id : null;
    const { rows, total } = listReceipts(ctx.db, { customerId: input.customerId, visibleTo, visitId: input.visitId }, input.limit, input.offset);
    const items = receiptItemsOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    return { rows: rows.map((r) => toReceipt(r, items.get(r.id) ?? [])), total };
  },
};
