import type { CustomerVolume } from '../../../../shared/domain/volumes';
import { invoke } from '../../api/client';
import { LoadStatus, useLoad } from '../../components/useLoad';

/** Months as rows, metrics as columns: the shape branches keep their monthly sheets in. */
export function pivotVolumes(rows: readonly CustomerVolume[], metricOrder: readonly string[]): { metrics: string[]; months: { month: string; values: Record<string, number> }[] } {
  const seen = new Set(rows.map((r) => r.metric));
  const metrics = [...metricOrder.filter((m) => seen.has(m)), ...[...seen].filter((m) => !metricOrder.includes(m)).sort()];
  const byMonth = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = byMonth.get(r.month) ?? {};
    m[r.metric] = r.value;
    byMonth.set(r.month, m);
  }
  const months = [...byMonth.keys()].sort().reverse().map((month) => ({ month, values: byMonth.get(month)! }));
  return { metrics, months };
}

const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** 业务量: the monthly business volume imported for this customer (数据导入 → 月度业务量). */
export function CustomerVolumes({ customerId }: { customerId: number }) {
  const { data, error } = useLoad(
    () => Promise.all([invoke('volumes.list', { customerId }), invoke('imports.volumeMetrics', {})]).then(([rows, metrics]) => pivotVolumes(rows, metrics)),
    [customerId],
  );

  if (error || !data) return <LoadStatus error={error} />;
  if (!data.months.length) {
    return (
      <p className="muted">
        还没有这位客户的月度业务量。可在<a href="#/imports">数据导入</a>中选择“月度业务量”导入。
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="customer-volumes">
        <thead>
          <tr>
            <th>月份</th>
            {data.metrics.map((m) => (
              <th key={m} className="num">
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.months.map((row) => (
            <tr key={row.month}>
              <td>{row.month}</td>
              {data.metrics.map((m) => (
                <td key={m} className="num">
                  {row.values[m] === undefined ? '' : number.format(row.values[m])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
