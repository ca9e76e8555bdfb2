import type { Customer } from '../../../shared/domain/customer';
import { suspendFtsInsertTrigger } from '../customers/bulk';
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

export interface CustomerWriter {
  /** Rows with their own code go in at once; rows to be numbered wait for `finish`, when every code the file uses is in. */
  insert(plans: readonly InsertPlan[]): void;
  update(plans: readonly UpdatePlan[]): void;
  /** Numbers and inserts the waiting rows, completes the search index and writes the 'create' history. */
  finish(): void;
}

/**
 * Writes an import's checked customers inside the caller's open transaction. The
 * sequential import hands it the whole plan at once; the pipelined one (pipeline.ts)
 * batch by batch while the rest of the file is still being checked. Both end in the
 * same rows: codes, history, search index and batch rows.
 */
export function customerWriter(
  db: Db,
  nameSearch: (name: string) => NameSearch,
  meta: WriteMeta,
  options: { setWiseFts: boolean; progress: (written: number) => void },
): CustomerWriter {
  const at = { at: meta.at, userId: meta.userId };
  const fts = options.setWiseFts ? suspendFtsInsertTrigger(db) : null;
  const insertedIds: number[] = [];
  const numberedLater: InsertPlan[] = [];
  const fileCodes = new Set<string>();
  // Taken before the file's own codes go in, as if the rows were numbered in one go.
  let seq = Number(nextCustomerCode(db).slice(AUTO_CODE_PREFIX.length));
  let written = 0;

  const insertOne = (p: InsertPlan, code: string): number => {
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
    options.progress(++written);
    return id;
  };

  return {
    insert(plans) {
      const ids: number[] = [];
      for (const p of plans) {
        if (!p.values.code) {
          numberedLater.push(p);
          continue;
        }
        fileCodes.add(p.values.code);
        ids.push(insertOne(p, p.values.code));
      }
      fts?.index(ids);
    },

    update(plans) {
      for (const u of plans) {
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
        options.progress(++written);
      }
    },

    finish() {
      // Automatic codes continue the branch's sequence, stepping over codes the file itself uses.
      const autoCode = () => {
        for (;;) {
          const c = formatAutoCode(seq++);
          if (!fileCodes.has(c) && !findCodeOwner(db, c)) return c;
        }
      };
      const ids = numberedLater.map((p) => insertOne(p, autoCode()));
      if (fts) fts.restore(ids);
      // One 'create' history row per new customer, written set-wise. It carries the batch:
      // undo finds the batch's inserts by it (they get no import_batch_rows row).
      writeCreateHistory(db, insertedIds, at, meta.batchId);
    },
  };
}
