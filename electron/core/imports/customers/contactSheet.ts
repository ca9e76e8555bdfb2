import type { SessionUser } from '../../../../shared/api/auth';
import { CONTACT_FIELDS, contactInputSchema, type Contact, type ContactInput } from '../../../../shared/domain/customers';
import { CONTACT_SHEET_KEY_LABEL, MAX_CUSTOMER_CONTACTS, MAX_IMPORT_CONTACTS } from '../../../../shared/domain/importFields';
import type { ImportIssue, ImportMode } from '../../../../shared/domain/imports';
import { validateCreditCode, validateIdCard } from '../../../../shared/validators/index';
import { normaliseCode } from '../../customers/codes';
import { findCreatedBy, writeImportedContacts } from '../../customers/bulkWrite';
import { keyLookups, liveIdsByName } from '../../customers/lookups';
import { diffContacts, fieldLabel, type FieldChange } from '../../customers/history';
import { loadContacts } from '../../customers/repo';
import { validateContact, type ContactValues } from '../../customers/rules';
import { isScopedToOwn } from '../../customers/scope';
import { snapshotCustomer } from '../../customers/snapshots';
import type { Db } from '../../db/connection';
import { conflict } from '../../errors';
import type { CellValue, SheetRow } from '../../excel/types';
import { convertCell, isBlank } from '../../excel/values';
import { recordBatchRow } from '../engine/batches';
import type { Collector, Columns } from '../engine/collector';
import type { Importer, ImporterEnv, WriteMeta } from '../engine/importer';

type KeyField = 'code' | 'idNumber' | 'creditCode';
const KEY_FIELDS: readonly KeyField[] = ['code', 'idNumber', 'creditCode'];
const KEY_LABEL: Record<KeyField | 'name', string> = { code: '客户编码', idNumber: '身份证号', creditCode: '统一社会信用代码', name: '客户名称' };
const CONTACT_PARTS = CONTACT_FIELDS.filter((k) => k !== 'name');

/** A customer key as the archive stores it, so a file's spelling finds the stored record. */
function normaliseKey(kind: KeyField, raw: string, now: Date): string | null {
  const s = raw.trim();
  if (!s) return null;
  if (kind === 'code') return normaliseCode(s) || null;
  const r = kind === 'idNumber' ? validateIdCard(s, now) : validateCreditCode(s);
  return r.ok ? r.value : s.toUpperCase();
}

/** What happened to one row of the main (customer) sheet, as far as its contacts care. */
export interface MainRow {
  row: number;
  action: 'insert' | 'update' | 'skip' | 'invalid';
  code: string | null;
  idNumber: string | null;
  creditCode: string | null;
  name: string;
  /** The stored customer an update/skip row matched. */
  existingId: number | null;
  /** Names of the row's own contacts (联系人1…3 columns). */
  contactNames: string[];
}

/** The main sheet's customers by key: where a contacts-sheet row looks first. */
export class SheetCustomers {
  readonly byKey: Record<KeyField, Map<string, MainRow>> = { code: new Map(), idNumber: new Map(), creditCode: new Map() };
  readonly byName = new Map<string, MainRow[]>();

  constructor(readonly sheet: string) {}

  add(r: MainRow): void {
    for (const k of KEY_FIELDS) {
      const v = r[k];
      // The first row with a key owns it; a later one with the same key is invalid anyway.
      if (v && !this.byKey[k].has(v)) this.byKey[k].set(v, r);
    }
    if (r.name) {
      const list = this.byName.get(r.name);
      if (list) list.push(r);
      else this.byName.set(r.name, [r]);
    }
  }
}

/**
 * Wraps the customer importer to learn each main-sheet row's fate (from the counts it
 * moves) and keys, without reaching into its plan: the contacts sheet is read after
 * the main sheet and only needs to know which customer a key means.
 */
export function recordSheetCustomers(inner: Importer, env: ImporterEnv, registry: SheetCustomers): Importer {
  const { db, columns, collector } = env;
  const typeOf = new Map(columns.mapped().map((m) => [m.field, m]));
  const text = (cells: CellValue[], field: string): string => {
    const m = typeOf.get(field);
    if (!m) return '';
    const cell = cells[m.index] ?? null;
    if (isBlank(cell)) return '';
    const c = convertCell(cell, m.type);
    return c.ok && typeof c.value === 'string' ? c.value.trim() : '';
  };
  const archive = keyLookups(db);
  const byKey = { code: archive.byCode, idNumber: archive.byIdNumber, creditCode: archive.byCreditCode };
  return {
    ...inner,
    add(row: SheetRow) {
      const before = { ...inner.planned(), invalid: collector.counts.invalid, skipped: collector.counts.skipped };
      inner.add(row);
      const after = inner.planned();
      const action: MainRow['action'] | null =
        collector.counts.invalid > before.invalid
          ? 'invalid'
          : after.inserts > before.inserts
            ? 'insert'
            : after.updates > before.updates
              ? 'update'
              : collector.counts.skipped > before.skipped
                ? 'skip'
                : null;
      if (!action) return;
      const keys = Object.fromEntries(KEY_FIELDS.map((k) => [k, normaliseKey(k, text(row.cells, k), env.now)])) as Record<KeyField, string | null>;
      let existingId: number | null = null;
      if (action === 'update' || action === 'skip') {
        for (const k of KEY_FIELDS) {
          const hit = keys[k] ? byKey[k](keys[k])[0] : undefined;
          if (hit) {
            existingId = hit.id;
            break;
          }
        }
      }
      const contactNames: string[] = [];
      for (let n = 1; n <= MAX_IMPORT_CONTACTS; n++) {
        const name = text(row.cells, `contact${n}.name`);
        if (name) contactNames.push(name);
      }
      registry.add({ row: row.row, action, ...keys, name: text(row.cells, 'name'), existingId, contactNames });
    },
  };
}

interface ContactOp {
  row: number;
  /** update: the stored contact's id. */
  contactId: number | null;
  values: ContactValues;
}

/** A customer that receives contacts: one the main sheet inserts, or a stored one. */
interface Target {
  /** `row:N` (inserted by main-sheet row N) or `id:N` (stored customer N). */
  identity: string;
  label: string;
  code: string;
  main: MainRow | null;
  id: number | null;
  stored: Map<string, Contact>;
  /** Contact names already taken in the file, with where (for the duplicate message). */
  taken: Map<string, string>;
  /** Contacts the customer will have: stored + the main row's new ones + planned inserts. */
  count: number;
  ops: ContactOp[];
}

interface Found {
  via: KeyField | 'name';
  main?: MainRow;
  id?: number;
}

export interface ContactSheetEnv {
  db: Db;
  user: SessionUser;
  now: Date;
  mode: ImportMode;
  sheet: string;
  columns: Columns;
  collector: Collector;
  registry: SheetCustomers;
}

export interface ContactSheetImporter {
  add(row: SheetRow): void;
  /** Contacts to insert and to update. */
  planned(): { inserts: number; updates: number };
  /** Runs inside the import's transaction, after the main sheet's rows were written. */
  write(meta: WriteMeta, progress: (written: number) => void): void;
}

/**
 * The contacts sheet of a customer import: one contact per row, tied to its customer
 * by 客户编码 / 身份证号 / 统一社会信用代码 (or a 客户名称 that means one customer),
 * looked up among the main sheet's rows first and then among the stored customers the
 * user may edit. A contact is checked by the archive's own contact rules; the mode
 * applies per contact (same customer + same name = the same contact).
 */
export function contactSheetImporter(env: ContactSheetEnv): ContactSheetImporter {
  const { db, user, columns, collector, registry, mode } = env;
  const targets = new Map<string, Target>();
  let inserts = 0;
  let updates = 0;
  const lookups = keyLookups(db);
  const keyQuery = { code: lookups.byCode, idNumber: lookups.byIdNumber, creditCode: lookups.byCreditCode };
  // Another manager's customer is, to a 客户经理, one that does not exist: the same 找不到 answer.
  const inScope = (r: { manager_id: number | null }) => !isScopedToOwn(user) || r.manager_id === user.id;
  const mainWhere = (m: MainRow) => `${registry.sheet}第${m.row}行`;

  function identityOf(f: Found): string {
    if (f.main) return f.main.existingId !== null ? `id:${f.main.existingId}` : `row:${f.main.row}`;
    return `id:${f.id}`;
  }

  /** The customer a row means, or the problem (column field + message). */
  function resolve(keys: Record<KeyField, string | null>, name: string): Found | { field: string; message: string } {
    const found: Found[] = [];
    for (const k of KEY_FIELDS) {
      const v = keys[k];
      if (!v) continue;
      const main = registry.byKey[k].get(v);
      if (main) {
        found.push({ via: k, main });
        continue;
      }
      const ids = keyQuery[k](v).filter(inScope);
      if (!ids.length) return { field: k, message: `找不到${KEY_LABEL[k]}为「${v}」的客户（${registry.sheet}和已有档案中都没有）` };
      if (ids.length > 1) return { field: k, message: `${KEY_LABEL[k]}「${v}」对应多个已有客户，请改填客户编码` };
      found.push({ via: k, id: ids[0].id });
    }
    if (!found.length) {
      if (!name) return { field: columns.has('code') ? 'code' : 'name', message: `缺少所属客户：请填写${CONTACT_SHEET_KEY_LABEL}` };
      const candidates = new Map<string, Found>();
      for (const m of registry.byName.get(name) ?? []) candidates.set(identityOf({ via: 'name', main: m }), { via: 'name', main: m });
      const stored = liveIdsByName(db, name, isScopedToOwn(user) ? user.id : undefined);
      for (const id of stored) if (!candidates.has(`id:${id}`)) candidates.set(`id:${id}`, { via: 'name', id });
      if (!candidates.size) return { field: 'name', message: `找不到客户名称为「${name}」的客户（${registry.sheet}和已有档案中都没有）` };
      if (candidates.size > 1) return { field: 'name', message: `客户名称「${name}」对应${candidates.size}个客户，请改填客户编码、身份证号或统一社会信用代码` };
      return [...candidates.values()][0];
    }
    const first = found[0];
    const other = found.find((f) => identityOf(f) !== identityOf(first));
    if (other) return { field: other.via, message: `${KEY_LABEL[first.via]}与${KEY_LABEL[other.via]}对应的不是同一个客户，请核对` };
    return first;
  }

  function storedTarget(id: number, main: MainRow | null): Target | string {
    const identity = `id:${id}`;
    let t = targets.get(identity);
    if (!t) {
      const c = lookups.byId(id)!;
      const label = `「${c.name}」（${c.code}）`;
      if (isScopedToOwn(user) && c.manager_id !== user.id) return '找不到该客户';
      if (c.deleted_at !== null) return `客户${label}在回收站中，请先恢复后再添加联系人`;
      const stored = new Map(loadContacts(db, id).map((x) => [x.name.trim(), x]));
      t = { identity, label, code: c.code, main: null, id, stored, taken: new Map(), count: stored.size, ops: [] };
      targets.set(identity, t);
    }
    if (main && !t.main) {
      t.main = main;
      for (const n of main.contactNames) {
        if (!t.taken.has(n)) t.taken.set(n, mainWhere(main));
        if (!t.stored.has(n)) t.count++;
      }
    }
    return t;
  }

  function newTarget(main: MainRow): Target {
    const identity = `row:${main.row}`;
    let t = targets.get(identity);
    if (!t) {
      const label = `「${main.name}」（${mainWhere(main)}）`;
      const taken = new Map(main.contactNames.map((n) => [n, mainWhere(main)]));
      t = { identity, label, code: main.code ?? '', main, id: null, stored: new Map(), taken, count: taken.size, ops: [] };
      targets.set(identity, t);
    }
    return t;
  }

  function targetOf(f: Found): Target | string {
    if (!f.main) return storedTarget(f.id!, null);
    const m = f.main;
    if (m.action === 'invalid') return `所属客户在${mainWhere(m)}，该行有错误未导入，联系人也不能导入`;
    if (m.action === 'insert') return newTarget(m);
    if (m.existingId === null) return `找不到${mainWhere(m)}对应的已有客户`;
    return storedTarget(m.existingId, m);
  }

  return {
    add(sheetRow: SheetRow) {
      const { row, cells } = sheetRow;
      const { values, issues } = columns.convert(row, cells);
      collector.counts.total++;
      const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).trim() : '');
      const contactName = str('contact.name');
      const keys = Object.fromEntries(KEY_FIELDS.map((k) => [k, normaliseKey(k, str(k), env.now)])) as Record<KeyField, string | null>;
      const customerName = str('name');
      const shownKey = keys.code ?? keys.idNumber ?? keys.creditCode ?? customerName;
      const fail = (more: ImportIssue[] = []) => collector.invalid(row, cells, [...issues, ...more], shownKey, contactName);

      // The contact itself: the contract's lengths, then the archive's contact rules.
      const input: Record<string, unknown> = { name: contactName };
      for (const k of CONTACT_PARTS) if (values[`contact.${k}`] !== undefined) input[k] = values[`contact.${k}`];
      let contact: ContactValues | null = null;
      if (!contactName) issues.push({ row, column: columns.label('contact.name'), message: '联系人姓名不能为空' });
      else {
        const parsed = contactInputSchema.safeParse(input);
        if (!parsed.success) {
          for (const i of parsed.error.issues) issues.push({ row, column: columns.label(`contact.${String(i.path[0] ?? 'name')}`), message: i.message });
        } else {
          const before = issues.length;
          const v = validateContact(parsed.data as ContactInput, (field, message) => issues.push({ row, column: columns.label(`contact.${field}`), message }));
          if (issues.length === before) contact = v;
        }
      }

      const where = resolve(keys, customerName);
      if ('message' in where) return fail([{ row, column: columns.label(where.field), message: where.message }]);
      const target = targetOf(where);
      if (typeof target === 'string') return fail([{ row, column: columns.label(where.via), message: target }]);
      if (issues.length || !contact) return fail();

      if (customerName && where.via !== 'name') {
        const actual = target.main?.name ?? lookups.byId(target.id!)!.name;
        if (actual && actual !== customerName) {
          collector.warning({ row, column: columns.label('name'), message: `客户名称「${customerName}」与${KEY_LABEL[where.via]}对应的客户「${actual}」不一致，已按${KEY_LABEL[where.via]}导入` });
        }
      }

      const key = target.code || shownKey;
      const prior = target.taken.get(contact.name);
      if (prior) return fail([{ row, column: columns.label('contact.name'), message: `与${prior}的联系人重复（同一客户${target.label}、姓名相同）` }]);
      const stored = target.stored.get(contact.name);
      if (stored) {
        if (mode === 'add') {
          return fail([{ row, column: columns.label('contact.name'), message: `客户${target.label}已有联系人「${contact.name}」；如需更新请选择“更新已有记录”` }]);
        }
        target.taken.set(contact.name, `第${row}行`);
        if (mode === 'skip') {
          collector.counts.skipped++;
          collector.planned(row, 'skip', key, contact.name, '联系人已存在，按“跳过”处理');
          return;
        }
        // Update: only the filled cells change, as for the main sheet.
        const merged: ContactValues = {
          id: stored.id,
          name: stored.name,
          role: stored.role || null,
          mobile: stored.mobile || null,
          phone: stored.phone || null,
          isDecisionMaker: stored.isDecisionMaker,
          birthday: stored.birthday || null,
          notes: stored.notes || null,
        };
        for (const k of CONTACT_PARTS) if (input[k] !== undefined) (merged as unknown as Record<string, unknown>)[k] = contact[k];
        const changes = diffContacts([stored], [merged]);
        if (!changes.length) {
          collector.counts.skipped++;
          collector.planned(row, 'skip', key, contact.name, '内容无变化');
          return;
        }
        target.ops.push({ row, contactId: stored.id, values: merged });
        updates++;
        collector.planned(row, 'update', key, contact.name, describe(changes));
        return;
      }
      if (target.count >= MAX_CUSTOMER_CONTACTS) {
        return fail([{ row, column: columns.label('contact.name'), message: `客户${target.label}的联系人已达${MAX_CUSTOMER_CONTACTS}个（联系人最多${MAX_CUSTOMER_CONTACTS}个）` }]);
      }
      target.taken.set(contact.name, `第${row}行`);
      target.count++;
      target.ops.push({ row, contactId: null, values: contact });
      inserts++;
      collector.planned(row, 'insert', key, contact.name, `新增为客户${target.label}的联系人`);
    },

    planned() {
      return { inserts, updates };
    },

    write(meta: WriteMeta, progress) {
      const at = { at: meta.at, userId: meta.userId };
      let written = 0;
      for (const t of targets.values()) {
        if (!t.ops.length) continue;
        const id = t.id ?? findCreatedBy(db, meta.batchId, t.main!);
        if (id === null) throw conflict(`${mainWhere(t.main!)}新建的客户在写入时未找到，本次导入未保存任何数据，请重新导入`);
        const isNew = t.id === null;
        const before = isNew ? null : snapshotCustomer(db, id);
        const gone = writeImportedContacts(db, id, t.ops, at, meta.batchId, isNew, () => progress(++written));
        if (gone) {
          throw conflict(`${env.sheet}第${gone.row}行：客户${t.label}的联系人「${gone.values.name}」在导入期间被他人修改，本次导入未保存任何数据，请重新导入`);
        }
        if (isNew) continue;
        // Undo restores a stored customer from these images: the added contacts go to the recycle state, updated ones get their values back.
        recordBatchRow(db, { batchId: meta.batchId, row: t.ops[0].row, target: 'customer', targetId: id, key: t.code, action: 'update', before, after: snapshotCustomer(db, id) });
      }
    },
  };
}

function describe(changes: FieldChange[]): string {
  const shown = changes.slice(0, 6).map((c) => `${fieldLabel(c.field)}：${c.oldValue || '（空）'} → ${c.newValue || '（空）'}`);
  return shown.join('；') + (changes.length > 6 ? ` 等${changes.length}项` : '');
}
