import { IMPORT_KIND_LABELS, type UndoReport } from '../../../../shared/domain/imports';
import { writeAudit } from '../../audit/log';
import { commitDurablyDeferringCheckpoint } from '../../db/durableCommit';
import { localTimestamp } from '../../clock';
import { displayValue, fieldLabel, managerLabel, recordChange, writeChanges, writeTransfer, type FieldChange } from '../../customers/history';
import { loadCustomer, setDeleted } from '../../customers/repo';
import { searchColumns } from '../../customers/search';
import { prepared } from '../../db/statements';
import { conflict, notFound } from '../../errors';
import type { TaskContext, TaskResult } from '../../jobs/types';
import { findUserById } from '../../users/repo';
import { loadVisitRecord } from '../../visits/repo';
import type { VisitValues } from '../../visits/rules';
import { softDeleteVisit, updateVisit } from '../../visits/write';
import { loadBatch } from './batches';
import { SNAPSHOT_COLUMNS, snapshotCustomer, type ContactSnapshot, type CustomerSnapshot } from '../customers/rows';
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

class HardDeleteBlocked extends Error {}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const CONTACT_VALUE_KEYS = ['name', 'role', 'mobile', 'phone', 'is_decision_maker', 'birthday', 'notes', 'sort', 'deleted_at'] as const;
const contactValues = (c: ContactSnapshot) => CONTACT_VALUE_KEYS.map((k) => c[k]);

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
  const created = db
    .prepare(
      `SELECT 0 AS id, 0 AS row_no, 'customer' AS target, customer_id AS target_id, NULL AS target_key, 'insert' AS action, NULL AS before, NULL AS after
       FROM customer_changes WHERE import_batch_id = ? AND action = 'create' ORDER BY customer_id DESC`,
    )
    .all(batchId) as BatchRow[];
  const rows = [...(db.prepare('SELECT * FROM import_batch_rows WHERE batch_id = ? ORDER BY id DESC').all(batchId) as BatchRow[]), ...created];
  const report: UndoReport = { kind: 'importUndo', batchId, removed: 0, softDeleted: 0, restored: 0, conflicts: [], summary: '' };
  const tag = `撤销导入批次 #${batchId}`;
  ctx.progress({ phase: 'write', done: 0, total: rows.length, message: `正在撤销 ${rows.length} 条记录…` });

  const undoCustomerInsert = (r: BatchRow) => {
    const c = prepared(db, 'SELECT id, name, code, deleted_at, version FROM customers WHERE id = ?').get(r.target_id) as
      | { id: number; name: string; code: string; deleted_at: string | null; version: number }
      | undefined;
    if (!c) return;
    try {
      // Savepoint: a foreign key (a visit, a later edit's history row, a transfer) refusing the delete only undoes this attempt.
      db.transaction(() => {
        prepared(db, 'DELETE FROM customer_changes WHERE customer_id = ? AND import_batch_id = ?').run(c.id, batchId);
        prepared(db, 'DELETE FROM customer_tags WHERE customer_id = ?').run(c.id);
        prepared(db, 'DELETE FROM contacts WHERE customer_id = ?').run(c.id);
        try {
          prepared(db, 'DELETE FROM customers WHERE id = ?').run(c.id);
        } catch (e) {
          if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new HardDeleteBlocked();
          throw e;
        }
      })();
      report.removed++;
    } catch (e) {
      if (!(e instanceof HardDeleteBlocked)) throw e;
      if (c.deleted_at === null) {
        setDeleted(db, c.id, true, meta);
        writeChanges(db, c.id, [recordChange('delete', `${tag}（该客户已有其他记录引用，移入回收站）`)], meta, c.version + 1);
      }
      report.softDeleted++;
    }
  };

  const undoCustomerUpdate = (r: BatchRow) => {
    const before = JSON.parse(r.before ?? 'null') as CustomerSnapshot | null;
    const after = JSON.parse(r.after ?? 'null') as CustomerSnapshot | null;
    if (!before || !after) return;
    const current = snapshotCustomer(db, r.target_id);
    if (!current.row) return;
    const key = r.target_key ?? String(r.target_id);
    const changes: FieldChange[] = [];
    const sets: string[] = [];
    const params: unknown[] = [];
    const customer = loadCustomer(db, r.target_id)!;
    for (const [column, field] of SNAPSHOT_COLUMNS) {
      if (same(before.row[column], after.row[column])) continue;
      if (!same(current.row[column], after.row[column])) {
        report.conflicts.push({ key, message: `${customer.name}：${fieldLabel(field)}在导入后又被修改，保留当前值` });
        continue;
      }
      sets.push(`${column} = ?`);
      params.push(before.row[column]);
      if (column === 'manager_id') {
        const from = current.row[column] === null ? null : findUserById(db, current.row[column] as number);
        const to = before.row[column] === null ? null : findUserById(db, before.row[column] as number);
        changes.push({ action: 'transfer', field: 'manager', oldValue: managerLabel(from?.display_name), newValue: managerLabel(to?.display_name) });
        writeTransfer(db, r.target_id, current.row[column] as number | null, before.row[column] as number | null, meta, tag);
      } else {
        const show = (v: unknown) => (column === 'key_customer' ? displayValue(v === 1) : displayValue(v));
        changes.push({ action: 'update', field, oldValue: show(current.row[column]), newValue: show(before.row[column]) });
      }
    }
    if (!same(before.tags, after.tags)) {
      if (same(current.tags, after.tags)) {
        prepared(db, 'DELETE FROM customer_tags WHERE customer_id = ?').run(r.target_id);
        for (const t of before.tags) prepared(db, 'INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)').run(r.target_id, t);
        changes.push({ action: 'update', field: 'tags', oldValue: displayValue(current.tags), newValue: displayValue(before.tags) });
      } else report.conflicts.push({ key, message: `${customer.name}：标签在导入后又被修改，保留当前值` });
    }
    const beforeContacts = new Map(before.contacts.map((c) => [c.id, c]));
    const currentContacts = new Map(current.contacts.map((c) => [c.id, c]));
    for (const a of after.contacts) {
      const b = beforeContacts.get(a.id);
      const now = currentContacts.get(a.id);
      if (b && same(contactValues(a), contactValues(b))) continue;
      if (!now || !same(contactValues(now), contactValues(a))) {
        report.conflicts.push({ key, message: `${customer.name}：联系人「${a.name}」在导入后又被修改，保留当前值` });
        continue;
      }
      if (!b) {
        prepared(db, 'UPDATE contacts SET deleted_at = ? WHERE id = ?').run(at, a.id);
        changes.push({ action: 'contact', field: `contacts[${a.name}]`, oldValue: a.name, newValue: '' });
      } else {
        prepared(db, 'UPDATE contacts SET name = ?, role = ?, mobile = ?, phone = ?, is_decision_maker = ?, birthday = ?, notes = ?, sort = ?, deleted_at = ? WHERE id = ?').run(
          ...contactValues(b),
          a.id,
        );
        changes.push({ action: 'contact', field: `contacts[${b.name}]`, oldValue: a.name, newValue: b.name });
      }
    }
    if (!changes.length) return;
    // Search columns follow the restored name and phones, computed by the archive's own code.
    const restored = { ...current.row, ...Object.fromEntries(sets.map((s, i) => [s.split(' ')[0], params[i]])) } as Record<string, unknown>;
    const liveContacts = prepared(db, 'SELECT mobile, phone FROM contacts WHERE customer_id = ? AND deleted_at IS NULL').all(r.target_id) as {
      mobile: string | null;
      phone: string | null;
    }[];
    const s = searchColumns({ name: String(restored.name), mobile: restored.mobile as string | null, phone: restored.phone as string | null, contacts: liveContacts });
    sets.push('name_pinyin = ?', 'name_initials = ?', 'name_bigrams = ?', 'search_phones = ?', 'version = version + 1', 'updated_at = ?', 'updated_by = ?');
    params.push(s.namePinyin, s.nameInitials, s.nameBigrams, s.searchPhones, at, ctx.user.id);
    prepared(db, `UPDATE customers SET ${sets.join(', ')} WHERE id = ?`).run(...params, r.target_id);
    writeChanges(db, r.target_id, [...changes, recordChange('restore', `${tag}：恢复导入前的内容`)], meta, customer.version + 1);
    report.restored++;
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
