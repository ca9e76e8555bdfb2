import { METRIC_PREFIX } from '../../../../shared/domain/importFields';
import type { ImportIssue } from '../../../../shared/domain/imports';
import { normaliseCode } from '../../customers/codes';
import { prepared } from '../../db/statements';
import { badInput } from '../../errors';
import type { SheetRow } from '../../excel/types';
import { cellText, convertCell, isBlank } from '../../excel/values';
import { recordBatchRow } from '../engine/batches';
import type { Importer, ImporterEnv, WriteMeta } from '../engine/importer';

interface VolumePlan {
  row: number;
  customerId: number;
  code: string;
  month: string;
  values: { metric: string; value: number; before: number | null }[];
}

const fmt = (n: number | null) => (n === null ? '（无）' : String(n));

/**
 * Monthly business volume: one row per customer and month, one column per amount
 * (销量/存款/AUM/消费 or the branch's own names). Stored per (customer, month, metric)
 * with upsert; the previous value is kept in the batch so undo can put it back.
 */
export function volumeImporter(env: ImporterEnv): Importer {
  const { db, columns, collector, mode, user } = env;
  const metricCols = columns.entries().filter(([f]) => f.startsWith(METRIC_PREFIX));
  if (!metricCols.length) throw badInput(`请至少把一列对应到业务量指标（${env.metrics.join('、')}）`, 'mapping');
  const plans: VolumePlan[] = [];
  const seen = new Map<string, number>();
  const byCode = prepared(db, 'SELECT id, name, manager_id, deleted_at FROM customers WHERE code = ?');
  const current = prepared(db, 'SELECT value FROM customer_volumes WHERE customer_id = ? AND month = ? AND metric = ?');

  return {
    add({ row, cells }: SheetRow) {
      collector.counts.total++;
      const issues: ImportIssue[] = [];
      const get = (field: string) => {
        const i = columns.index(field);
        return i === undefined ? null : (cells[i] ?? null);
      };
      const code = normaliseCode(cellText(get('customerCode')));
      const nameCell = cellText(get('customerName'));
      const fail = (more: ImportIssue[] = []) => collector.invalid(row, cells, [...issues, ...more], code, nameCell);
      if (!code) issues.push({ row, column: columns.label('customerCode'), message: '客户编码不能为空' });
      let month = '';
      const monthCell = get('month');
      if (isBlank(monthCell)) issues.push({ row, column: columns.label('month'), message: '月份不能为空' });
      else {
        const m = convertCell(monthCell, 'month');
        if (m.ok) month = m.value as string;
        else issues.push({ row, column: columns.label('month'), message: m.message });
      }
      const amounts: { metric: string; value: number }[] = [];
      for (const [field, col] of metricCols) {
        const cell = cells[col] ?? null;
        if (isBlank(cell)) continue;
        const n = convertCell(cell, 'number');
        if (n.ok) amounts.push({ metric: field.slice(METRIC_PREFIX.length), value: n.value as number });
        else issues.push({ row, column: columns.label(field), message: n.message });
      }
      if (!amounts.length && !issues.length) issues.push({ row, column: columns.label(metricCols[0][0]), message: '没有填写任何业务量数值' });
      if (issues.length) return fail();

      const customer = byCode.get(code) as { id: number; name: string; manager_id: number | null; deleted_at: string | null } | undefined;
      // Another manager's customer is, to a 客户经理, a code that does not exist.
      if (!customer || (user.role === 'manager' && customer.manager_id !== user.id)) {
        return fail([{ row, column: columns.label('customerCode'), message: `找不到客户编码为 ${code} 的客户` }]);
      }
      if (customer.deleted_at) return fail([{ row, column: columns.label('customerCode'), message: `客户「${customer.name}」（${code}）在回收站中` }]);
      const key = `${customer.id}|${month}`;
      const first = seen.get(key);
      if (first !== undefined) return fail([{ row, column: columns.label('month'), message: `与第${first}行重复（同一客户同一月份）` }]);
      seen.set(key, row);
      if (nameCell && nameCell !== customer.name) {
        collector.warning({ row, column: columns.label('customerName'), message: `客户名称「${nameCell}」与编码 ${code} 对应的「${customer.name}」不一致，已按编码导入` });
      }

      const values = amounts.map((a) => {
        const old = current.get(customer.id, month, a.metric) as { value: number } | undefined;
        return { ...a, before: old ? old.value : null };
      });
      const existing = values.filter((v) => v.before !== null);
      const label = `${code} ${month}`;
      if (existing.length && mode === 'add') {
        return fail([{ row, column: columns.label('month'), message: `${customer.name} ${month} 已有${existing.map((v) => v.metric).join('、')}数据；如需覆盖请选择“更新已有记录”` }]);
      }
      if (existing.length && mode === 'skip') {
        collector.counts.skipped++;
        collector.planned(row, 'skip', label, customer.name, '该月已有数据，按“跳过”处理');
        return;
      }
      const changed = values.filter((v) => v.before !== v.value);
      if (!changed.length) {
        collector.counts.skipped++;
        collector.planned(row, 'skip', label, customer.name, '内容无变化');
        return;
      }
      plans.push({ row, customerId: customer.id, code, month, values: changed });
      const isUpdate = changed.some((v) => v.before !== null);
      collector.planned(row, isUpdate ? 'update' : 'insert', label, customer.name, changed.map((v) => `${v.metric}：${fmt(v.before)} → ${v.value}`).join('；'));
    },

    async ready() {},

    planned() {
      const updates = plans.filter((p) => p.values.some((v) => v.before !== null)).length;
      return { inserts: plans.length - updates, updates };
    },

    write(meta: WriteMeta, progress) {
      const upsert = prepared(
        db,
        `INSERT INTO customer_volumes (customer_id, month, metric, value, batch_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (customer_id, month, metric) DO UPDATE SET value = excluded.value, batch_id = excluded.batch_id, updated_at = excluded.updated_at`,
      );
      let written = 0;
      for (const p of plans) {
        // Re-read inside the transaction: the before-image must be what this write replaces.
        const before: Record<string, number | null> = {};
        const after: Record<string, number> = {};
        for (const v of p.values) {
          const old = current.get(p.customerId, p.month, v.metric) as { value: number } | undefined;
          before[v.metric] = old ? old.value : null;
          after[v.metric] = v.value;
          upsert.run(p.customerId, p.month, v.metric, v.value, meta.batchId, meta.at);
        }
        const isUpdate = Object.values(before).some((b) => b !== null);
        recordBatchRow(db, { batchId: meta.batchId, row: p.row, target: 'volume', targetId: p.customerId, key: p.month, action: isUpdate ? 'update' : 'insert', before, after });
        progress(++written);
      }
    },

    close() {},
  };
}
