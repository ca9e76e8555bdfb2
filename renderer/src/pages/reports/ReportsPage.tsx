import { useCallback, useEffect, useState } from 'react';
import { previousMonth, type MonthlyReportSummary } from '../../../../shared/domain/monthlyReport';
import { localDate } from '../../../../shared/domain/visitRules';
import { errorMessage, invoke } from '../../api/client';
import { FormError } from '../../components/FormError';
import { navigate } from '../../router';
import { useSession } from '../../session';
import '../../components/forms.css';
import '../../components/pages.css';

/** 月度分析报告: a manager's own reports (and drafting last month's); a 负责人's reports of a month to review. */
export function ReportsPage() {
  const { session } = useSession();
  const isManager = session.user.role === 'manager';
  const [month, setMonth] = useState(() => previousMonth(localDate(new Date()).slice(0, 7)));
  const [rows, setRows] = useState<MonthlyReportSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setRows(await invoke('reports.list', isManager ? {} : { month }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [isManager, month]);
  useEffect(() => {
    void load();
  }, [load]);
  const draft = async () => {
    setError(null);
    try {
      const r = await invoke('reports.draft', { month });
      navigate(`reports/${r.id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="vx-page">
      <div className="vx-head">
        <h1>月度分析报告</h1>
        <label className="muted">
          月份{' '}
          <input className="input" type="month" aria-label="报告月份" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
        <span className="spacer" />
        {isManager && (
          <button type="button" className="btn primary" onClick={() => void draft()}>
            起草 {month} 报告
          </button>
        )}
      </div>
      <FormError message={error} />
      <table className="vx-table" aria-label="报告列表">
        <thead>
          <tr>
            <th>月份</th>
            <th>客户经理</th>
            <th>状态</th>
            <th>截止日期</th>
            <th>提交次数</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((r) => (
            <tr key={r.id} data-testid="report-row">
              <td>{r.month}</td>
              <td>{r.managerDisplayName}</td>
              <td>
                {r.status}
                {r.late && <span className="vx-due danger"> 逾期</span>}
              </td>
              <td>{r.due}</td>
              <td className="num">{r.versionCount}</td>
              <td>
                <a href={`#/reports/${r.id}`}>打开</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows && !rows.length && <p className="vx-empty">{isManager ? '还没有报告，点“起草”生成上月的报告' : '这个月还没有客户经理起草报告'}</p>}
    </div>
  );
}
