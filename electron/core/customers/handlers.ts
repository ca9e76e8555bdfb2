import type { SessionUser } from '../../../shared/api/auth';
import { TRANSFER_MAX } from '../../../shared/api/customers';
import type { Customer } from '../../../shared/domain/customers';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { badInput, conflict, notFound } from '../errors';
import { findUserById } from '../users/repo';
import { nextCustomerCode } from './codes';
import { duplicatesMessage, findDuplicates, probeFromPartial, probeFromValues } from './duplicates';
import {
  diffContacts,
  diffCustomer,
  fieldLabel,
  managerLabel,
  readChanges,
  readTransfers,
  recordChange,
  writeChanges,
  writeTransfer,
  type FieldChange,
} from './history';
import { filteredCustomerIds, listCustomers, type ListQuery } from './list';
import {
  insertContact,
  insertCustomerRow,
  loadAccessRecord,
  loadCustomer,
  replaceTags,
  setDeleted,
  setManager,
  softDeleteContact,
  updateContact,
  updateCustomerRow,
  type WriteMeta,
} from './repo';
import { managerProblem, validateCustomer } from './rules';
import { managerForCreate, managerForUpdate, requireCustomerAccess } from './scope';

type CustomerMethods =
  | 'customers.list'
  | 'customers.get'
  | 'customers.create'
  | 'customers.update'
  | 'customers.delete'
  | 'customers.restore'
  | 'customers.transfer'
  | 'customers.history'
  | 'customers.checkDuplicates'
  | 'customers.nextCode';

const STALE_VERSION = '该客户已被他人修改，请刷新后再编辑';

function writeMeta(ctx: Ctx, user: SessionUser): WriteMeta {
  return { at: localTimestamp(ctx.now()), userId: user.id };
}

function describe(c: Pick<Customer, 'name' | 'code'>): string {
  return `${c.name}（${c.code}）`;
}

/** Another connection (an import worker) can take a code between our check and our insert. */
function mapUniqueViolation<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw conflict('客户编码刚被其他操作占用，请重新保存');
    throw e;
  }
}

function reload(ctx: Ctx, id: number): Customer {
  const c = loadCustomer(ctx.db, id);
  if (!c) throw notFound(`客户不存在（ID ${id}）`);
  return c;
}

/**
 * 全选: the ids the caller's list shows under `filter` (same query, same scope), read
 * inside the transfer's transaction. A count other than the one the user confirmed
 * means the list changed in between: refused, so nobody's customers move unseen.
 */
type TransferFilter = Omit<ListQuery, 'offset' | 'limit' | 'sort' | 'dir' | 'deleted'>;

function filteredIds(ctx: Ctx, user: SessionUser, filter: TransferFilter, expected: number): number[] {
  const rows = filteredCustomerIds(ctx.db, user, filter, TRANSFER_MAX + 1);
  if (rows.length > TRANSFER_MAX) throw badInput(`移交：筛选结果超过${TRANSFER_MAX}个客户，请缩小筛选范围后分批移交`, 'filter');
  if (rows.length !== expected) throw conflict(`移交：筛选结果已变化（确认时 ${expected} 个，现在 ${rows.length} 个），请重新查看后再确认`);
  return rows;
}

export const customerHandlers: HandlerMap<CustomerMethods> = {
  'customers.list': (ctx, input) => listCustomers(ctx.db, requireUser(ctx), input),

  'customers.get': (ctx, input) => {
    requireCustomerAccess(ctx.db, requireUser(ctx), input.id);
    return reload(ctx, input.id);
  },

  'customers.create': (ctx, input) => {
    const user = requireUser(ctx);
    const data = { ...input.data, manager: managerForCreate(user, input.data.manager) };
    const values = validateCustomer(ctx.db, data, { today: ctx.now(), viewer: user });
    if (!input.ignoreDuplicates) {
      const hits = findDuplicates(ctx.db, user, probeFromValues(values));
      if (hits.length) throw conflict(duplicatesMessage(hits), hits);
    }
    const meta = writeMeta(ctx, user);
    const id = mapUniqueViolation(() =>
      ctx.db.transaction(() => {
        const code = values.code ?? nextCustomerCode(ctx.db);
        // Ids in a new customer's contacts cannot refer to anything yet.
        const contacts = values.contacts.map(({ id: _ignored, ...c }) => c);
        const newId = insertCustomerRow(ctx.db, { ...values, code, contacts }, meta);
        contacts.forEach((c, i) => insertContact(ctx.db, newId, c, i));
        replaceTags(ctx.db, newId, values.tags);
        writeChanges(ctx.db, newId, [recordChange('create', `新建客户「${values.name}」（${code}）`)], meta, 0);
        ctx.audit({ action: 'customer_create', target: describe({ name: values.name, code }), detail: { id: newId } });
        return newId;
      })(),
    );
    return reload(ctx, id);
  },

  'customers.update': (ctx, input) => {
    const user = requireUser(ctx);
    const access = requireCustomerAccess(ctx.db, user, input.id);
    if (access.deleted_at !== null) throw conflict('该客户已删除，请先从回收站恢复后再编辑');
    if (access.version !== input.version) throw conflict(STALE_VERSION);
    const before = reload(ctx, input.id);
    const data = { ...input.data, manager: managerForUpdate(user, input.data.manager, before.manager) };
    const values = validateCustomer(ctx.db, data, { existing: before, today: ctx.now(), viewer: user });

    const ownContacts = new Set(before.contacts.map((c) => c.id));
    const strangers = values.contacts.map((c, i) => ({ c, i })).filter(({ c }) => c.id !== undefined && !ownContacts.has(c.id));
    if (strangers.length) {
      const fields = strangers.map(({ c, i }) => ({ field: `contacts.${i}`, message: `联系人第${i + 1}行：联系人不存在或已删除（ID ${c.id}），请刷新后再编辑` }));
      throw badInput(fields.map((f) => f.message).join('；'), fields[0].field, fields);
    }

    // An empty code keeps the current one: a customer always has a code.
    const after = { ...values, code: values.code ?? before.code };
    const newManager = after.managerId === null ? null : findUserById(ctx.db, after.managerId);
    const changes: FieldChange[] = [
      ...diffCustomer(before, after, newManager?.display_name ?? ''),
      ...diffContacts(before.contacts, after.contacts),
    ];
    const reordered = after.contacts.map((c) => c.id ?? 0).join() !== before.contacts.map((c) => c.id).join();
    if (!changes.length && !reordered) return before;

    const meta = writeMeta(ctx, user);
    mapUniqueViolation(() =>
      ctx.db.transaction(() => {
        if (!updateCustomerRow(ctx.db, input.id, input.version, after, meta)) throw conflict(STALE_VERSION);
        const kept = new Set<number>();
        after.contacts.forEach((c, i) => {
          if (c.id === undefined) insertContact(ctx.db, input.id, c, i);
          else {
            updateContact(ctx.db, c.id, c, i);
            kept.add(c.id);
          }
        });
        for (const c of before.contacts) if (!kept.has(c.id)) softDeleteContact(ctx.db, c.id, meta.at);
        replaceTags(ctx.db, input.id, after.tags);
        writeChanges(ctx.db, input.id, changes, meta, input.version + 1);
        if (after.managerId !== before.managerId) {
          writeTransfer(ctx.db, input.id, before.managerId, after.managerId, meta, '编辑客户档案时更换客户经理');
        }
        ctx.audit({
          action: 'customer_update',
          target: describe(after),
          detail: { id: input.id, fields: [...new Set(changes.map((c) => fieldLabel(c.field)))] },
        });
      })(),
    );
    return reload(ctx, input.id);
  },

  'customers.delete': (ctx, input) => {
    const user = requireUser(ctx);
    const access = requireCustomerAccess(ctx.db, user, input.id);
    if (access.deleted_at !== null) throw conflict('该客户已在回收站中');
    const c = reload(ctx, input.id);
    const meta = writeMeta(ctx, user);
    ctx.db.transaction(() => {
      setDeleted(ctx.db, input.id, true, meta);
      writeChanges(ctx.db, input.id, [recordChange('delete', input.reason ? `删除（原因：${input.reason}）` : '删除')], meta, access.version + 1);
      ctx.audit({ action: 'customer_delete', target: describe(c), detail: { id: input.id, reason: input.reason ?? '' } });
    })();
    return null;
  },

  'customers.restore': (ctx, input) => {
    const user = requireUser(ctx);
    const access = requireCustomerAccess(ctx.db, user, input.id);
    if (access.deleted_at === null) throw conflict('该客户不在回收站中，无需恢复');
    const c = reload(ctx, input.id);
    const meta = writeMeta(ctx, user);
    ctx.db.transaction(() => {
      setDeleted(ctx.db, input.id, false, meta);
      writeChanges(ctx.db, input.id, [recordChange('restore', '从回收站恢复')], meta, access.version + 1);
      ctx.audit({ action: 'customer_restore', target: describe(c), detail: { id: input.id } });
    })();
    return null;
  },

  'customers.transfer': (ctx, input) => {
    const user = requireUser(ctx);
    const target = findUserById(ctx.db, input.toManagerId);
    const problem = managerProblem(target, `ID ${input.toManagerId}`);
    if (problem) throw badInput(`接收的客户经理：${problem}`, 'toManagerId');
    const meta = writeMeta(ctx, user);
    const reason = input.reason || null;
    const count = ctx.db.transaction(() => {
      const ids = input.filter ? filteredIds(ctx, user, input.filter, input.expectedCount!) : [...new Set(input.ids!)];
      const records = ids.map((id) => ({ id, rec: loadAccessRecord(ctx.db, id) }));
      const missing = records.filter((r) => !r.rec).map((r) => r.id);
      if (missing.length) throw notFound(`客户不存在（ID ${missing.slice(0, 10).join('、')}${missing.length > 10 ? ' 等' : ''}）`);
      const deleted = records.filter((r) => r.rec!.deleted_at !== null).map((r) => r.id);
      if (deleted.length) throw badInput(`已删除的客户不能移交（ID ${deleted.slice(0, 10).join('、')}${deleted.length > 10 ? ' 等' : ''}），请先恢复`, 'ids');
      let moved = 0;
      for (const { id, rec } of records) {
        if (rec!.manager_id === target!.id) continue;
        const from = rec!.manager_id === null ? null : findUserById(ctx.db, rec!.manager_id);
        setManager(ctx.db, id, target!.id, meta);
        writeTransfer(ctx.db, id, rec!.manager_id, target!.id, meta, reason);
        writeChanges(
          ctx.db,
          id,
          [{ action: 'transfer', field: 'manager', oldValue: managerLabel(from?.display_name), newValue: managerLabel(target!.display_name) }],
          meta,
          rec!.version + 1,
        );
        moved++;
      }
      ctx.audit({
        action: 'customer_transfer',
        target: `${target!.display_name}（${target!.name}）`,
        detail: { count: moved, requested: ids.length, toManagerId: target!.id, reason: reason ?? '', ...(input.filter ? { filter: input.filter } : {}) },
      });
      return moved;
    })();
    return { count };
  },

  'customers.history': (ctx, input) => {
    requireCustomerAccess(ctx.db, requireUser(ctx), input.id);
    return { changes: readChanges(ctx.db, input.id), transfers: readTransfers(ctx.db, input.id) };
  },

  'customers.checkDuplicates': (ctx, input) =>
    findDuplicates(ctx.db, requireUser(ctx), probeFromPartial(input.data), input.excludeId),

  'customers.nextCode': (ctx) => nextCustomerCode(ctx.db),
};
