import '../../../../shared/api/zodLocale';
import type { SessionUser } from '../../../../shared/api/auth';
import { MAX_IMPORT_CONTACTS } from '../../../../shared/domain/importFields';
import type { ImportIssue } from '../../../../shared/domain/imports';
import { CONTACT_FIELDS, CUSTOMER_FIELDS, customerFieldsSchema, customerInputOf, type ContactInput, type CustomerInput } from '../../../../shared/domain/customers';
import { labelForPath } from '../../../../shared/domain/labels';
import { validateCreditCode, validateIdCard } from '../../../../shared/validators/index';
import { normaliseCode } from '../../customers/codes';
import { diffContacts, diffCustomer, fieldLabel, type FieldChange } from '../../customers/history';
import type { KeyMatch } from '../../customers/lookups';
import { loadCustomer } from '../../customers/repo';
import { validateCustomer } from '../../customers/rules';
import { isScopedToOwn, managerForCreate, managerForUpdate } from '../../customers/scope';
import { AppError } from '../../errors';
import type { SheetRow } from '../../excel/types';
import { startWorker } from '../../jobs/spawn';
import { findUserById } from '../../users/repo';
import { writeCustomerPlan, type CustomerPlan, type InsertPlan, type UpdatePlan } from './writer';
import { importLookups, prefilteredKeys, queriedKeys, type CustomerKeys } from './keys';
import type { Importer, ImporterEnv } from '../engine/importer';
import type { KeyProbe } from '../parallel/keyFilter';
import { managerLookup } from '../engine/managers';
import { inlineNameSearch, pooledNameSearch, POOL_MIN_BYTES, type NameSearchSource } from '../parallel/searchPool';

type Match = KeyMatch;

const KEY_KINDS = ['code', 'idNumber', 'creditCode'] as const;
const KEY_LABEL = { code: '客户编码', idNumber: '身份证号', creditCode: '统一社会信用代码' } as const;
const NONE: readonly Match[] = [];
const NO_MATCHES: ReadonlyMap<number, Match> = new Map();
const OTHERS_CUSTOMER = '不在您负责范围内的客户';

const TOP_FIELDS = new Set<string>(CUSTOMER_FIELDS.map((f) => f.key));

function describeChanges(changes: FieldChange[]): string {
  const shown = changes.slice(0, 6).map((c) => `${fieldLabel(c.field)}：${c.oldValue || '（空）'} → ${c.newValue || '（空）'}`);
  return shown.join('；') + (changes.length > 6 ? ` 等${changes.length}项` : '');
}

/** The checking half of a customer import: rows in, a plan out (writer.ts writes it). */
export interface CustomerChecks {
  add(row: SheetRow): void;
  plan(): CustomerPlan;
  /**
   * The rows planned since the last call, handed over: the checks keep no reference to
   * them, so a pipelined import (which writes them while the file is still being checked)
   * does not hold every checked row of the file in memory until the end. `plan` then
   * holds only what was not taken.
   */
  take(): CustomerPlan & { inserts: InsertPlan[]; updates: UpdatePlan[] };
}

/** What the checks need: the job thread's environment, or a check helper's own read connection. */
export type CheckEnv = Pick<ImporterEnv, 'db' | 'user' | 'now' | 'mode' | 'columns' | 'collector'>;

/**
 * Customer archive import checks. Each row goes through exactly what the archive form
 * goes through (the contract's schema, then rules.validateCustomer, the manager scope
 * rules), so an imported customer is one the form would have accepted. `newName` hears
 * every new customer's name, for the helper that computes its pinyin ahead of the write.
 */
export function customerChecks(env: CheckEnv, existing: CustomerKeys, newName: (name: string) => void = () => undefined): CustomerChecks {
  const { db, columns, collector, mode } = env;
  const user: SessionUser = { id: env.user.id, name: env.user.name, displayName: env.user.displayName, role: env.user.role, mustChangePassword: false };
  const inserts: InsertPlan[] = [];
  const updates: UpdatePlan[] = [];
  const seen = { code: new Map<string, number>(), idNumber: new Map<string, number>(), creditCode: new Map<string, number>() };
  const seenMobiles = new Map<string, number>();
  // A 客户经理 learns that a key is taken by a customer outside their care, never which one.
  const hidden = (m: { manager_id: number | null }) => isScopedToOwn(user) && m.manager_id !== user.id;
  const shown = (m: Match) => (hidden(m) ? OTHERS_CUSTOMER : `「${m.name}」（${m.code}）`);
  const resolveManager = managerLookup(db);
  const lookups = importLookups(db, existing);
  const mapped = columns.mapped();
  const contactSlots = Array.from({ length: MAX_IMPORT_CONTACTS }, (_, i) => i + 1).filter((n) => mapped.some((m) => m.field.startsWith(`contact${n}.`)));
  const schemas = new Map<string, ReturnType<typeof customerFieldsSchema.pick>>();
  /**
   * The contract's schema narrowed to the fields the row has: absent optional fields
   * are not checked by the full schema either, and a file's rows share a handful of
   * shapes, so the narrowed schemas are cached — a third of the cost per row.
   */
  const insertSchema = (input: object) => {
    const keys = Object.keys(input);
    const signature = keys.join(',');
    let schema = schemas.get(signature);
    if (!schema) {
      schema = customerFieldsSchema.pick(Object.fromEntries(keys.map((k) => [k, true])) as Record<keyof CustomerInput, true>);
      schemas.set(signature, schema);
    }
    return schema;
  };


  /** Column of a validation problem's path (contacts.1.mobile → the column of that contact's mobile). */
  function columnOf(path: string, slots: (number | null)[]): string {
    const parts = path.split('.');
    if (parts[0] === 'contacts') {
      const slot = slots[Number(parts[1])];
      if (slot === null || slot === undefined) return '联系人';
      return columns.label(`contact${slot}.${parts[2] ?? 'name'}`);
    }
    return columns.label(parts[0]);
  }

  function problemsOf(e: AppError, slots: (number | null)[], row: number): ImportIssue[] {
    const fields = e.extra.fields?.length ? e.extra.fields : [{ field: e.extra.field ?? '', message: e.message }];
    return fields.map((f) => ({ row, column: f.field ? columnOf(f.field, slots) : '', message: f.message }));
  }

  function keyOf(kind: 'code' | 'idNumber' | 'creditCode', raw: unknown): string | null {
    if (typeof raw !== 'string' || !raw.trim()) return null;
    if (kind === 'code') return normaliseCode(raw) || null;
    if (kind === 'idNumber') {
      const r = validateIdCard(raw, env.now);
      return r.ok ? r.value : raw.trim().toUpperCase();
    }
    const r = validateCreditCode(raw);
    return r.ok ? r.value : raw.trim().toUpperCase();
  }

  return {
    add(sheetRow: SheetRow) {
      const { row, cells } = sheetRow;
      const { values, issues } = columns.convert(row, cells);
      const name = typeof values.name === 'string' ? values.name : '';
      const shownKey = typeof values.code === 'string' ? normaliseCode(values.code) : '';
      collector.counts.total++;

      // The imported part of the form: top-level fields and up to three contacts.
      const given: Partial<CustomerInput> & Record<string, unknown> = {};
      for (const k in values) if (TOP_FIELDS.has(k)) given[k] = values[k];
      const contacts: { slot: number; contact: Partial<ContactInput> }[] = [];
      for (const n of contactSlots) {
        const c: Record<string, unknown> = {};
        for (const k of CONTACT_FIELDS) if (values[`contact${n}.${k}`] !== undefined) c[k] = values[`contact${n}.${k}`];
        if (Object.keys(c).length) {
          if (c.name === undefined) issues.push({ row, column: columns.label(`contact${n}.name`), message: `联系人${n}姓名不能为空（填写了联系人${n}的其他信息）` });
          contacts.push({ slot: n, contact: c as Partial<ContactInput> });
        }
      }

      // Duplicates inside the file: the second row with the same code / ID / credit code is refused.
      const keys = { code: keyOf('code', values.code), idNumber: keyOf('idNumber', values.idNumber), creditCode: keyOf('creditCode', values.creditCode) };
      for (const k of KEY_KINDS) {
        const v = keys[k];
        if (!v) continue;
        const first = seen[k].get(v);
        if (first !== undefined) issues.push({ row, column: columns.label(k), message: `与第${first}行重复（${KEY_LABEL[k]}相同）` });
        else seen[k].set(v, row);
      }

      // Existing customers with the same code, ID number or credit code (deleted ones included).
      // Nearly every row of a big file is new: no map is made for it.
      const found = [
        ...(keys.code ? existing.byCode(keys.code) : NONE),
        ...(keys.idNumber ? existing.byIdNumber(keys.idNumber) : NONE),
        ...(keys.creditCode ? existing.byCreditCode(keys.creditCode) : NONE),
      ];
      const matches = found.length ? new Map(found.map((m) => [m.id, m])) : NO_MATCHES;

      const fail = (more: ImportIssue[] = []) => collector.invalid(row, cells, [...issues, ...more], shownKey, name);
      if (issues.length) return fail();
      if (matches.size > 1) {
        const list = [...new Set([...matches.values()].map(shown))].join('、');
        return fail([{ row, column: columns.label(keys.code ? 'code' : 'idNumber'), message: `编码、身份证号、信用代码分别对应不同的已有客户：${list}，请核对` }]);
      }
      const match = matches.size ? [...matches.values()][0] : null;

      if (match && mode === 'skip') {
        collector.counts.skipped++;
        if (hidden(match)) collector.planned(row, 'skip', shownKey, name, '已存在，按“跳过”处理');
        else collector.planned(row, 'skip', match.code, match.name, '已存在，按“跳过”处理');
        return;
      }
      if (match && mode === 'add') {
        const key = keys.code && match.code === keys.code ? 'code' : keys.idNumber ? 'idNumber' : 'creditCode';
        const column = columns.label(key);
        if (hidden(match)) return fail([{ row, column, message: `${OTHERS_CUSTOMER}已使用该${KEY_LABEL[key]}，不能重复新增；如确属您负责，请联系负责人移交` }]);
        const where = match.deleted_at ? '（在回收站中）' : '';
        return fail([{ row, column, message: `客户已存在：「${match.name}」（${match.code}）${where}；如需更新请选择“更新已有记录”` }]);
      }

      if (!match) {
        // New customer: the form's required fields must be there.
        const missing: ImportIssue[] = [];
        if (!given.name) missing.push({ row, column: columns.label('name'), message: '客户名称不能为空' });
        if (!given.kind) missing.push({ row, column: columns.label('kind'), message: '客户类型不能为空' });
        if (missing.length) return fail(missing);
        // `given` becomes the form input itself (this row is not looked at again).
        const input = given as CustomerInput;
        input.contacts = contacts.map((c) => c.contact) as ContactInput[];
        const slots = contacts.map((c) => c.slot);
        try {
          if (typeof input.manager === 'string') {
            const m = resolveManager(input.manager);
            if (typeof m !== 'string') return fail([{ row, column: columns.label('manager'), message: m.error }]);
            input.manager = m;
          }
          try {
            input.manager = managerForCreate(user, input.manager);
          } catch (e) {
            if (e instanceof AppError) return fail([{ row, column: columns.label('manager'), message: e.message }]);
            throw e;
          }
          const parsed = insertSchema(input).safeParse(input);
          if (!parsed.success) {
            return fail(
              parsed.error.issues.map((i) => {
                const path = i.path.join('.');
                const label = labelForPath(i.path as (string | number)[]);
                return { row, column: columnOf(path, slots), message: i.message.startsWith(label) ? i.message : `${label}：${i.message}` };
              }),
            );
          }
          const v = validateCustomer(db, parsed.data, { today: env.now, lookups, viewer: user });
          inserts.push({ row, values: v });
          newName(v.name);
          if (v.mobile) {
            const other = existing.byMobile(v.mobile);
            if (other) collector.warning({ row, column: columns.label('mobile'), message: `手机号与已有客户${hidden(other) ? OTHERS_CUSTOMER : `「${other.name}」（${other.code}）`}相同，请确认不是同一客户` });
            const firstRow = seenMobiles.get(v.mobile);
            if (firstRow !== undefined) collector.warning({ row, column: columns.label('mobile'), message: `手机号与第${firstRow}行相同` });
            else seenMobiles.set(v.mobile, row);
          }
          collector.planned(row, 'insert', v.code ?? '（自动编号）', v.name);
        } catch (e) {
          if (e instanceof AppError) return fail(problemsOf(e, slots, row));
          throw e;
        }
        return;
      }

      // Update: merge the non-empty imported cells onto the stored archive.
      if (hidden(match)) return fail([{ row, column: columns.label('code'), message: `${OTHERS_CUSTOMER}已使用该客户编码、身份证号或统一社会信用代码，无权更新` }]);
      if (match.deleted_at) return fail([{ row, column: columns.label('code'), message: `客户「${match.name}」（${match.code}）在回收站中，请先恢复后再更新` }]);
      const before = loadCustomer(db, match.id)!;
      // The archive as an editable form (what customers.update receives), so the update merges onto it.
      const form = customerInputOf(before);
      const merged: CustomerInput = { ...form, ...given };
      const slots: (number | null)[] = form.contacts!.map(() => null);
      const mergedContacts = [...form.contacts!];
      for (const { slot, contact } of contacts) {
        const at = mergedContacts.findIndex((x) => x.name.trim() === (contact.name ?? '').trim());
        if (at >= 0) {
          mergedContacts[at] = { ...mergedContacts[at], ...contact };
          slots[at] = slot;
        } else {
          mergedContacts.push(contact as ContactInput);
          slots.push(slot);
        }
      }
      merged.contacts = mergedContacts;
      try {
        if (typeof given.manager === 'string') {
          const m = resolveManager(given.manager);
          if (typeof m !== 'string') return fail([{ row, column: columns.label('manager'), message: m.error }]);
          merged.manager = m;
        }
        try {
          merged.manager = managerForUpdate(user, columns.has('manager') ? merged.manager : undefined, before.manager);
        } catch (e) {
          if (e instanceof AppError) return fail([{ row, column: columns.label('manager'), message: e.message }]);
          throw e;
        }
        const parsed = customerFieldsSchema.safeParse(merged);
        if (!parsed.success) {
          return fail(
            parsed.error.issues.map((i) => {
              const label = labelForPath(i.path as (string | number)[]);
              return { row, column: columnOf(i.path.join('.'), slots), message: i.message.startsWith(label) ? i.message : `${label}：${i.message}` };
            }),
          );
        }
        const v = validateCustomer(db, parsed.data, { existing: before, today: env.now, lookups, viewer: user });
        const after = { ...v, code: v.code ?? before.code };
        const manager = after.managerId === null ? null : findUserById(db, after.managerId);
        const changes = [...diffCustomer(before, after, manager?.display_name ?? ''), ...diffContacts(before.contacts, after.contacts)];
        if (!changes.length) {
          collector.counts.skipped++;
          collector.planned(row, 'skip', before.code, before.name, '内容无变化');
          return;
        }
        // The update statement computes its own search columns (updates are few).
        updates.push({ row, before, after, changes });
        collector.planned(row, 'update', before.code, after.name, describeChanges(changes));
      } catch (e) {
        if (e instanceof AppError) return fail(problemsOf(e, slots, row));
        throw e;
      }
    },

    plan: () => ({ inserts, updates }),

    take: () => ({ inserts: inserts.splice(0), updates: updates.splice(0) }),
  };
}

/** The sequential customer import: the checks while the file is read, then the whole plan in the run's transaction. */
export function customerImporter(env: ImporterEnv, names: NameSearchSource = inlineNameSearch(), existing: CustomerKeys = queriedKeys(env.db)): Importer {
  const checks = customerChecks(env, existing, (name) => names.request(name));
  return {
    add: (row) => checks.add(row),
    ready: () => names.drain(),
    planned() {
      const { inserts, updates } = checks.plan();
      return { inserts: inserts.length, updates: updates.length };
    },
    write: (meta, progress) => writeCustomerPlan(env.db, (name) => names.get(name), meta, checks.plan(), progress),
    close: () => names.close(),
  };
}

/** Files this large (thousands of rows) check keys against sets loaded once (see keys.ts). */
const PREFILTER_MIN_BYTES = 256 * 1024;

export function customerKeysFor(env: Pick<ImporterEnv, 'db'>, fileBytes: number, probe?: KeyProbe): CustomerKeys {
  return fileBytes >= PREFILTER_MIN_BYTES ? prefilteredKeys(env.db, probe) : queriedKeys(env.db);
}

/**
 * Where the pinyin search columns come from: helper threads for a large file read on
 * a worker (they work while the rows are still being read), the calling thread otherwise.
 */
export function nameSearchFor(env: ImporterEnv, fileBytes: number): NameSearchSource {
  if (!env.workerEntry || fileBytes < POOL_MIN_BYTES) return inlineNameSearch();
  const entry = env.workerEntry;
  return pooledNameSearch(() => startWorker(entry, { role: 'search' }));
}
