import type { SessionUser } from '../../../shared/api/auth';
import type { Receipt, ReceiptItem } from '../../../shared/domain/receipts';
import type { SignatureStatus } from '../../../shared/domain/visits';
import { localDate } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { isScopedToOwn, requireCustomerAccess } from '../customers/scope';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { badInput, forbidden, notFound } from '../errors';

type ReceiptMethods = 'receipts.create' | 'receipts.update' | 'receipts.get' | 'receipts.list';

interface ReceiptRecord {
  id: number;
  customer_id: number;
  manager_id: number;
  visit_id: number | null;
  date: string;
  note: string | null;
  signature: SignatureStatus;
  signature_note: string | null;
  created_at: string;
  customer_code: string;
  customer_name: string;
  customer_manager_id: number | null;
  manager_name: string;
  manager_display_name: string;
}

const COLUMNS = `r.id, r.customer_id, r.manager_id, r.visit_id, r.date, r.note, r.signature, r.signature_note, r.created_at,
  c.code AS customer_code, c.name AS customer_name, c.manager_id AS customer_manager_id,
  u.name AS manager_name, u.display_name AS manager_display_name`;
const FROM = 'receipts r JOIN customers c ON c.id = r.customer_id JOIN users u ON u.id = r.manager_id';

const text = (v: string | null | undefined): string | null => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

function itemsOf(db: Db, ids: number[]): Map<number, ReceiptItem[]> {
  const out = new Map<number, ReceiptItem[]>();
  if (!ids.length) return out;
  const rows = prepared(
    db,
    'SELECT receipt_id, name, quantity, unit FROM receipt_items WHERE receipt_id IN (SELECT value FROM json_each(?)) ORDER BY receipt_id, sort, id',
  ).all(JSON.stringify(ids)) as { receipt_id: number; name: string; quantity: number; unit: string | null }[];
  for (const r of rows) {
    const item = { name: r.name, quantity: r.quantity, unit: r.unit ?? '' };
    const list = out.get(r.receipt_id);
    if (list) list.push(item);
    else out.set(r.receipt_id, [item]);
  }
  return out;
}

function toReceipt(r: ReceiptRecord, items: ReceiptItem[]): Receipt {
  return {
    id: r.id,
    customerId: r.customer_id,
    customer: r.customer_code,
    customerName: r.customer_name,
    managerId: r.manager_id,
    manager: r.manager_name,
    managerDisplayName: r.manager_display_name,
    visitId: r.visit_id,
    date: r.date,
    items,
    note: r.note ?? '',
    signature: r.signature,
    signatureNote: r.signature_note ?? '',
    createdAt: r.created_at,
  };
}

function loadRecord(db: Db, id: number): ReceiptRecord | null {
  return (prepared(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as ReceiptRecord | undefined) ?? null;
}

function reload(ctx: Ctx, id: number): Receipt {
  const r = loadRecord(ctx.db, id);
  if (!r) throw notFound(`签收单不存在（ID ${id}）`);
  return toReceipt(r, itemsOf(ctx.db, [id]).get(id) ?? []);
}

function requireReceiptAccess(ctx: Ctx, user: SessionUser, id: number): ReceiptRecord {
  const r = loadRecord(ctx.db, id);
  if (!r) throw notFound(`签收单不存在（ID ${id}）`);
  if (isScopedToOwn(user) && r.customer_manager_id !== user.id && r.manager_id !== user.id) {
    throw forbidden('无权查看该签收单：客户由其他客户经理负责');
  }
  return r;
}

function writeItems(db: Db, receiptId: number, items: { name: string; quantity: number; unit?: string | null }[]): void {
  prepared(db, 'DELETE FROM receipt_items WHERE receipt_id = ?').run(receiptId);
  const insert = prepared(db, 'INSERT INTO receipt_items (receipt_id, name, quantity, unit, sort) VALUES (?, ?, ?, ?, ?)');
  items.forEach((it, i) => insert.run(receiptId, it.name, it.quantity, text(it.unit), i));
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
      const v = prepared(ctx.db, 'SELECT customer_id, sign_in FROM visits WHERE id = ? AND deleted_at IS NULL').get(input.visitId) as
        | { customer_id: number; sign_in: string }
        | undefined;
      if (!v) throw badInput(`关联走访：走访记录不存在（ID ${input.visitId}）`, 'visitId');
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
      const r = prepared(
        ctx.db,
        `INSERT INTO receipts (customer_id, manager_id, visit_id, date, handed_at, note, signature, signature_note, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.customerId,
        managerId,
        input.visitId ?? null,
        date,
        handedAt && handedAt.slice(0, 10) === date ? handedAt : `${date} 00:00`,
        text(input.note),
        signature,
        signatureNote,
        at,
        user.id,
        at,
      );
      const newId = Number(r.lastInsertRowid);
      writeItems(ctx.db, newId, input.items);
      ctx.audit({
        action: 'receipt_change',
        target: `签收单 ${newId}`,
        detail: { op: 'create', id: newId, customerId: input.customerId, items: input.items.map((i) => `${i.name}×${i.quantity}`).join('、') },
      });
      return newId;
    })();
    return reload(ctx, id);
  },

  'receipts.update': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireReceiptAccess(ctx, user, input.id);
    if (isScopedToOwn(user) && r.manager_id !== user.id) throw forbidden('只能修改自己登记的签收单');
    const signature = input.signature ?? r.signature;
    const signatureNote = input.signatureNote !== undefined ? text(input.signatureNote) : r.signature_note;
    signatureProblem(signature, signatureNote);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      prepared(ctx.db, 'UPDATE receipts SET note = ?, signature = ?, signature_note = ?, updated_at = ? WHERE id = ?').run(
        input.note !== undefined ? text(input.note) : r.note,
        signature,
        signatureNote,
        at,
        r.id,
      );
      if (input.items) writeItems(ctx.db, r.id, input.items);
      ctx.audit({ action: 'receipt_change', target: `签收单 ${r.id}`, detail: { op: 'update', id: r.id, signature } });
    })();
    return reload(ctx, r.id);
  },

  'receipts.get': (ctx, input) => {
    requireReceiptAccess(ctx, requireUser(ctx), input.id);
    return reload(ctx, input.id);
  },

  'receipts.list': (ctx, input) => {
    const user = requireUser(ctx);
    const conds = ['r.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (input.customerId !== undefined) {
      requireCustomerAccess(ctx.db, user, input.customerId);
      conds.push('r.customer_id = ?');
      params.push(input.customerId);
    } else if (isScopedToOwn(user)) {
      conds.push('(c.manager_id = ? OR r.manager_id = ?)');
      params.push(user.id, user.id);
    }
    if (input.visitId !== undefined) {
      conds.push('r.visit_id = ?');
      params.push(input.visitId);
    }
    const where = conds.join(' AND ');
    const rows = prepared(ctx.db, `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY r.handed_at DESC, r.id DESC LIMIT ? OFFSET ?`).all(
      ...params,
      input.limit,
      input.offset,
    ) as ReceiptRecord[];
    const total =
      input.offset === 0 && rows.length < input.limit
        ? rows.length
        : (prepared(ctx.db, `SELECT count(*) AS n FROM receipts r JOIN customers c ON c.id = r.customer_id WHERE ${where}`).get(...params) as { n: number }).n;
    const items = itemsOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    return { rows: rows.map((r) => toReceipt(r, items.get(r.id) ?? [])), total };
  },
};
