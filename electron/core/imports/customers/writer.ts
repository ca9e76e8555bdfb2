import { SET_WISE_FTS_MIN_ROWS, suspendFtsInsertTrigger } from '../../customers/bulk';
import { insertPacked, packCustomer, writeCheckedUpdate, writeCreateHistory, type CheckedUpdate, type PackedCustomer } from '../../customers/bulkWrite';
import { AUTO_CODE_PREFIX, findCodeOwner, formatAutoCode, nextCustomerCode } from '../../customers/codes';
import type { CustomerValues } from '../../customers/rules';
import { snapshotCustomer } from '../../customers/snapshots';
import type { Db } from '../../db/connection';
import { conflict } from '../../errors';
import { recordBatchRow } from '../engine/batches';
import type { WriteMeta } from '../engine/importer';
import type { NameSearch } from '../parallel/searchPool';

/** A checked new customer: the values the archive form would store. */
export interface InsertPlan {
  row: number;
  values: CustomerValues;
}

/** A checked update (the stored archive it was checked against, the merged values and what changes) of one row. */
export interface UpdatePlan extends CheckedUpdate {
  row: number;
}

/** What the checks planned for one file: its new customers and its updates, in file order. */
export interface CustomerPlan {
  inserts: readonly InsertPlan[];
  updates: readonly UpdatePlan[];
}

/**
 * New rows get their search index entries and 'create' history set-wise, this many at
 * a time: a pipelined import does it while it is still receiving rows, and chunks this
 * large cost about what one statement for the whole file costs.
 */
const CHUNK_ROWS = 10_000;

export interface CustomerWriter {
  /**
   * Inserts new customers in the order given. A row without a code is numbered at once
   * when every code of the file is known (`fileCodes`), else it waits for `finish`.
   */
  insert(plans: readonly PackedCustomer[]): void;
  update(plans: readonly UpdatePlan[]): void;
  /** Numbers and inserts the waiting rows, completes the search index and the 'create' history, puts the FTS trigger back. */
  finish(): void;
}

export interface CustomerWriterOptions {
  /** Every code the file's new customers bring, when the whole file is checked before writing. */
  fileCodes?: ReadonlySet<string>;
  /** Index new rows set-wise instead of row by row (from SET_WISE_FTS_MIN_ROWS new rows on). */
  setWiseFts: boolean;
  progress(written: number): void;
}

/**
 * Writes an import's checked customers inside the caller's open transaction. The
 * sequential import hands it the whole plan at once; the pipelined one (pipeline.ts)
 * batch by batch while the rest of the file is still being checked. Both end in the
 * same rows: codes, contacts, tags, search index, history and undo images.
 */
export function customerWriter(db: Db, nameSearch: (name: string) => NameSearch, meta: WriteMeta, options: CustomerWriterOptions): CustomerWriter {
  const at = { at: meta.at, userId: meta.userId };
  const fts = options.setWiseFts ? suspendFtsInsertTrigger(db) : null;
  // Inserted, not yet indexed (set-wise) nor given their 'create' history.
  let pending: number[] = [];
  const numberedLater: PackedCustomer[] = [];
  const fileCodes = new Set<string>(options.fileCodes ?? []);
  // Taken before the file's own codes go in, as if the rows were numbered in one go.
  let seq = Number(nextCustomerCode(db).slice(AUTO_CODE_PREFIX.length));
  let written = 0;
  // Automatic codes continue the branch's sequence, stepping over codes the file itself uses.
  const autoCode = () => {
    for (;;) {
      const c = formatAutoCode(seq++);
      if (!fileCodes.has(c) && !findCodeOwner(db, c)) return c;
    }
  };

  const insertOne = (p: PackedCustomer, code: string): void => {
    const id = insertPacked(db, p, code, p.search ?? nameSearch(p.name), at);
    if (id === null) throw conflict(`第${p.row}行：客户编码 ${code} 在导入期间已被占用，本次导入未保存任何数据，请重新导入`);
    pending.push(id);
    options.progress(++written);
  };
  const completePending = (last: boolean) => {
    if (last) fts?.restore(pending);
    else fts?.index(pending);
    // One 'create' history row per new customer. It carries the batch: undo finds the
    // batch's inserts by it (they get no import_batch_rows row).
    writeCreateHistory(db, pending, at, meta.batchId);
    pending = [];
  };

  return {
    insert(plans) {
      for (const p of plans) {
        if (p.code) {
          fileCodes.add(p.code);
          insertOne(p, p.code);
        } else if (options.fileCodes) insertOne(p, autoCode());
        else numberedLater.push(p);
      }
      if (pending.length >= CHUNK_ROWS) completePending(false);
    },

    update(plans) {
      for (const u of plans) {
        const id = u.before.id;
        const beforeImage = snapshotCustomer(db, id);
        if (!writeCheckedUpdate(db, u, at, meta.batchId)) {
          throw conflict(`第${u.row}行：客户「${u.before.name}」（${u.before.code}）在导入期间被他人修改，本次导入未保存任何数据，请重新导入`);
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
      for (const p of numberedLater) insertOne(p, autoCode());
      numberedLater.length = 0;
      completePending(true);
    },
  };
}

/** The sequential import: the whole checked plan, in file order, inside the run's transaction. */
export function writeCustomerPlan(db: Db, nameSearch: (name: string) => NameSearch, meta: WriteMeta, plan: CustomerPlan, progress: (written: number) => void): void {
  const inserts = plan.inserts.map((p) => packCustomer(p.row, p.values));
  const fileCodes = new Set(inserts.map((p) => p.code).filter((c): c is string => c !== null));
  const writer = customerWriter(db, nameSearch, meta, { fileCodes, setWiseFts: inserts.length >= SET_WISE_FTS_MIN_ROWS, progress });
  writer.insert(inserts);
  writer.finish();
  writer.update(plan.updates);
}
