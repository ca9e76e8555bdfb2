import type { Customer } from '../../../shared/domain/customer';
import { SET_WISE_FTS_MIN_ROWS, suspendFtsInsertTrigger } from '../customers/bulk';
import { AUTO_CODE_PREFIX, findCodeOwner, formatAutoCode, nextCustomerCode } from '../customers/codes';
import { writeTransfer, type FieldChange } from '../customers/history';
import { insertContact, replaceTags, updateContact, updateCustomerRow } from '../customers/repo';
import type { CustomerValues } from '../customers/rules';
import type { Db } from '../db/connection';
import { conflict } from '../errors';
import { recordBatchRow } from './batches';
import { insertImportedCustomer, snapshotCustomer, writeCreateHistory, writeImportChanges } from './customerRows';
import type { WriteMeta } from './importer';
import type { NameSearch } from './searchPool';

/** A checked new customer: the values the archive form would store. */
export interface InsertPlan {
  row: number;
  values: CustomerValues;
}

/** A checked update: the stored archive it was checked against, the merged values and what changes. */
export interface UpdatePlan {
  row: number;
  before: Customer;
  after: CustomerValues & { code: string };
  changes: FieldChange[];
}

/** What the checks planned for one file: its new customers and its updates, in file order. */
export interface CustomerPlan {
  inserts: readonly InsertPlan[];
  updates: readonly UpdatePlan[];
}

/**
 * Writes a customer import's plan inside the run's open transaction: the new customers
 * (with the pinyin its helper computed beforehand), their contacts, tags, search index
 * and 'create' history, then the updates with their history and undo images.
 */
export function writeCustomerPlan(db: Db, nameSearch: (name: string) => NameSearch, meta: WriteMeta, plan: CustomerPlan, progress: (written: number) => void): void {
  const at = { at: meta.at, userId: meta.userId };
  // Automatic codes continue the branch's sequence, stepping over codes the file itself uses.
  const reserved = new Set(plan.inserts.map((p) => p.values.code).filter((c): c is string => !!c));
  let seq = Number(nextCustomerCode(db).slice(AUTO_CODE_PREFIX.length));
  const autoCode = () => {
    for (;;) {
      const c = formatAutoCode(seq++);
      if (!reserved.has(c) && !findCodeOwner(db, c)) return c;
    }
  };
  let written = 0;
  const insertedIds: number[] = [];
  const ftsTrigger = plan.inserts.length >= SET_WISE_FTS_MIN_ROWS ? suspendFtsInsertTrigger(db) : null;
  for (const p of plan.inserts) {
    const code = p.values.code ?? autoCode();
    const contacts = p.values.contacts.map(({ id: _ignored, ...c }) => c);
    let id: number;
    try {
      id = insertImportedCustomer(db, { ...p.values, code, contacts }, nameSearch(p.values.name), at);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw conflict(`第${p.row}行：客户编码 ${code} 在导入期间已被占用，本次导入未保存任何数据，请重新导入`);
      }
      throw e;
    }
    contacts.forEach((c, i) => insertContact(db, id, c, i));
    if (p.values.tags.length) replaceTags(db, id, p.values.tags);
    insertedIds.push(id);
    progress(++written);
  }
  if (ftsTrigger) ftsTrigger.restore(insertedIds);
  // One 'create' history row per new customer, written set-wise. It carries the batch:
  // undo finds the batch's inserts by it (they get no import_batch_rows row).
  writeCreateHistory(db, insertedIds, at, meta.batchId);
  for (const u of plan.updates) {
    const id = u.before.id;
    const beforeImage = snapshotCustomer(db, id);
    if (!updateCustomerRow(db, id, u.before.version, u.after, at)) {
      throw conflict(`第${u.row}行：客户「${u.before.name}」（${u.before.code}）在导入期间被他人修改，本次导入未保存任何数据，请重新导入`);
    }
    u.after.contacts.forEach((c, i) => {
      if (c.id === undefined) insertContact(db, id, c, i);
      else updateContact(db, c.id, c, i);
    });
    replaceTags(db, id, u.after.tags);
    writeImportChanges(db, id, u.changes, at, u.before.version + 1, meta.batchId);
    if (u.after.managerId !== u.before.managerId && u.after.managerId !== null) {
      writeTransfer(db, id, u.before.managerId, u.after.managerId, at, `导入更新（批次 #${meta.batchId}）`);
    }
    recordBatchRow(db, {
      batchId: meta.batchId,
      row: u.row,
      target: 'customer',
      targetId: id,
      key: u.after.code,
      action: 'update',
      before: beforeImage,
      after: snapshotCustomer(db, id),
    });
    progress(++written);
  }
}
