import { IMPORT_KIND_LABELS, type UndoReport } from '../../../../shared/domain/imports';
import { writeAudit } from '../../audit/log';
import { commitDurablyDeferringCheckpoint } from '../../db/durableCommit';
import { localTimestamp } from '../../clock';
import { customersCreatedBy } from '../../customers/bulkWrite';
import { removeImportedCustomer, restoreSnapshot, type CustomerSnapshot } from '../../customers/snapshots';
import { prepared } from '../../db/statements';
import { conflict, notFound } from '../../errors';
import type { TaskContext, TaskResult } from '../../jobs/types';
import { loadVisitRecord } from '../../visits/repo';
import type { VisitValues } from '../../visits/rules';
import { softDeleteVisit, updateVisit } from '../../visits/write';
import { loadBatch } from './batches';
import { visitValuesOf } from '../visits/visitSheet';

interface BatchRow {
  id: number;
  row_no: number;
  target: 'customer' | 'visit' | 'volume';
  target_id: number;
  target_key: string | null;
  action: 'insert' | 'update';
  before: string | null;
  after: string | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Undo of one import batch, in one transaction: records the batch inserted are
 * removed (deleted for good when nothing else refers to them, else moved to the
 * recycle bin), records it updated get their previous values back — field by field,
 * and only where the value is still the one the import wrote, so a later edit by
 * someone else is never overwritten. Everything is recorded in the archive history.
 */
export async function runUndo(ctx: TaskContext, batchId: number): Promise<TaskResult> {
  const { db } = ctx;
  const batch = loadBatch(db, batchId);
  if (!batch) throw notFound(`导入批次 #${batchId} 不存在`);
  if (batch.undoneAt) throw conflict(`导入批次 #${batchId} 已于 ${batch.undoneAt} 撤销`);
  const at = localTimestamp(ctx.now);
  const meta = { at, userId: ctx.user.id };
  // Customers the batch created are found by their 'create' history row (it carries the batch); everything else by its batch row.
  const created = customersCreatedBy(db, batchId).map(
    (id): BatchRow => ({ id: 0, row_no: 0, target: 'customer', target_id: id, target_key: null, action: 'insert', before: null, after: null }),
  );
  const rows = [...(db.prepare('SELECT * FROM import_batch_rows WHERE batch_id = ? ORDER BY id DESC').all(batchId) as BatchRow[]), ...created];
  const report: UndoReport = { kind: 'importUndo', batchId, removed: 0, softDeleted: 0, restored: 0, conflicts: [], summary: '' };
  ctx.progress({ phase: 'write', done: 0, total: rows.length, message: `正在撤销 ${rows.length} 条记录…` });

  const undoCustomerInsert = (r: BatchRow) => {
    const outcome = removeImportedCustomer(db, r.target_id, batchId, meta);
    if (outcome === 'removed') report.removed++;
    else if (outcome === 'recycled') report.softDeleted++;
  };

  const undoCustomerUpdate = (r: BatchRow) => {
    const before = JSON.parse(r.before ?? 'null') as CustomerSnapshot | null;
    const after = JSON.parse(r.after ?? 'null') as CustomerSnapshot | null;
    if (!before || !after) return;
    const key = r.target_key ?? String(r.target_id);
    const { restored, conflicts } = restoreSnapshot(db, r.target_id, before, after, meta, batchId);
    for (const message of conflicts) report.conflicts.push({ key, message });
    if (restored) report.restored++;
  };

  const undoVolume = (r: BatchRow) => {
    const before = JSON.parse(r.before ?? '{}') as Record<string, number | null>;
    const after = JSON.parse(r.after ?? '{}') as Record<string, number>;
    const month = r.target_key ?? '';
    let touched = false;
    for (const [metric, value] of Object.entries(after)) {
      const cur = prepared(db, 'SELECT value FROM customer_volumes WHERE customer_id = ? AND month = ? AND metric = ?').get(r.target_id, month, metric) as
        | { value: number }
        | undefined;
      if (!cur || cur.value !== value) {
        report.conflicts.push({ key: `${month} ${metric}`, message: `客户 ID ${r.target_id} ${month} 的${metric}在导入后又被修改，保留当前值` });
        continue;
      }
      const old = before[metric] ?? null;
      if (old === null) prepared(db, 'DELETE FROM customer_volumes WHERE customer_id = ? AND month = ? AND metric = ?').run(r.target_id, month, metric);
      else prepared(db, 'UPDATE customer_volumes SET value = ?, batch_id = NULL, updated_at = ? WHERE customer_id = ? AND month = ? AND metric = ?').run(old, at, r.target_id, month, metric);
      touched = true;
    }
    if (touched) {
      if (r.action === 'insert') report.removed++;
      else report.restored++;
    }
  };

  const undoVisit = (r: BatchRow) => {
    const rec = loadVisitRecord(db, r.target_id);
    if (!rec) return;
    if (r.action === 'insert') {
      softDeleteVisit(db, { id: rec.id, customerId: rec.customer_id, planEntryId: rec.plan_entry_id }, meta);
      report.softDeleted++;
      return;
    }
    const before = JSON.parse(r.before ?? 'null') as VisitValues | null;
    const after = JSON.parse(r.after ?? 'null') as VisitValues | null;
    if (!before || !after) return;
    if (!same(visitValuesOf(rec), after)) {
      report.conflicts.push({ key: r.target_key ?? String(r.target_id), message: `走访 ${r.target_key ?? ''} 在导入后又被修改，保留当前内容` });
      return;
    }
    updateVisit(db, { id: rec.id, customerId: rec.customer_id, planEntryId: rec.plan_entry_id }, before, meta);
    report.restored++;
  };

  // Durable when it returns; the WAL checkpoint waits until the user has the answer (as for the import).
  const undo = db.transaction(() => {
    let n = 0;
    for (const r of rows) {
      if (r.target === 'customer') {
        if (r.action === 'insert') undoCustomerInsert(r);
        else undoCustomerUpdate(r);
      } else if (r.target === 'volume') undoVolume(r);
      else undoVisit(r);
      if (++n % 200 === 0) {
        ctx.checkCancelled();
        ctx.progress({ phase: 'write', done: n, total: rows.length, rowsWritten: n, message: `已撤销 ${n} / ${rows.length} 条` });
      }
    }
    ctx.checkCancelled();
    db.prepare('UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, ctx.user.id, batchId);
    writeAudit(db, ctx.now, {
      userId: ctx.user.id,
      userName: ctx.user.name,
      action: 'import_undo',
      target: `${IMPORT_KIND_LABELS[batch.kind]}：${batch.fileName}（批次 #${batchId}）`,
      detail: { batchId, removed: report.removed, softDeleted: report.softDeleted, restored: report.restored, conflicts: report.conflicts.length },
      host: ctx.host,
    });
  });
  commitDurablyDeferringCheckpoint(db, () => undo.immediate());

  const parts = [`删除 ${report.removed} 条`, `移入回收站 ${report.softDeleted} 条`, `恢复 ${report.restored} 条`];
  report.summary = `已撤销导入批次 #${batchId}：${parts.join('，')}${report.conflicts.length ? `；${report.conflicts.length} 处在导入后被他人修改，已保留当前值` : ''}`;
  return { report, files: [] };
}
