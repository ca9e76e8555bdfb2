import { useEffect, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditAction, type AuditRow } from '../../../../shared/api/audit';
import type { ManagerOption } from '../../../../shared/api/users';
import type { Page } from '../../../../shared/domain/common';
import { AUDIT_ACTION_LABELS } from '../../../../shared/domain/auditLabels';
import { errorMessage, invoke } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { DateField } from '../../components/DateField';

const PAGE_SIZE = 50;

interface Filters {
  action: AuditAction | '';
  userName: string;
  from: string;
  to: string;
  q: string;
}
const NO_FILTERS: Filters = { action: '', userName: '', from: '', to: '', q: '' };

const ACTION_OPTIONS = [{ value: '' as const, label: '全部' }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] }))];

function AuditFilters({ users, onSearch }: { users: ManagerOption[]; onSearch: (f: Filters) => void }) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [dateError, setDateError] = useState<string | null>(null);
  const set = <K extends keyof Filters>(key: K) => (value: Filters[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) return setDateError('开始日期不能晚于结束日期');
    setDateError(null);
    onSearch(draft);
  }

  return (
    <form className="toolbar" onSubmit={submit} noValidate aria-label="筛选审计日志">
      <SelectField label="操作类型" value={draft.action} onChange={set('action')} options={ACTION_OPTIONS} autoFocus />
      <TextField label="用户名" value={draft.userName} onChange={set('userName')} list="audit-users" style={{ width: 130 }} maxLength={30} />
      <datalist id="audit-users">
        {users.map((u) => (
          <option key={u.id} value={u.name}>
            {u.displayName}
          </option>
        ))}
      </datalist>
      <DateField label="日期从" value={draft.from} onChange={set('from')} error={dateError} onlyValid />
      <DateField label="到" value={draft.to} onChange={set('to')} onlyValid />
      <TextField label="关键字" value={draft.q} onChange={set('q')} placeholder="对象或详情" style={{ width: 180 }} maxLength={50} />
      <div className="toolbar-actions">
        <button type="submit" className="btn primary">
          查询
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft(NO_FILTERS);
            setDateError(null);
            onSearch(NO_FILTERS);
          }}
        >
          重置
        </button>
      </div>
    </form>
  );
}

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [pageIndex, setPageIndex] = useState(0);
  const [data, setData] = useState<Page<AuditRow> | null>(null);
  const [users, setUsers] = useState<ManagerOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    invoke('users.options', {})
      .then(setUsers)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    let stale = false;
    setLoading(true);
    invoke('audit.list', {
      offset: pageIndex * PAGE_SIZE,
      limit: PAGE_SIZE,
      action: filters.action || undefined,
      userName: filters.userName.trim() || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      q: filters.q.trim() || undefined,
    })
      .then((page) => {
        if (stale) return;
        setData(page);
        setError(null);
      })
      .catch((e) => !stale && setError(errorMessage(e)))
      .finally(() => !stale && setLoading(false));
    // A newer query (fast paging) wins over an older answer arriving late.
    return () => {
      stale = true;
    };
  }, [filters, pageIndex]);

  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div>
      <div className="page-header">
        <h1>审计日志</h1>
        <span className="sub">登录、账号、设置和客户档案的每一次操作都有记录，不能修改或删除</span>
      </div>
      <FormError message={error} />
      <div className="panel">
        <AuditFilters
          users={users}
          onSearch={(f) => {
            setFilters({ ...f });
            setPageIndex(0);
          }}
        />
        <div className="table-wrap">
          <table className="data-table audit-table" aria-busy={loading}>
            <thead>
              <tr>
                <th style={{ width: 150 }}>时间</th>
                <th style={{ width: 100 }}>用户</th>
                <th style={{ width: 64 }}>来源</th>
                <th style={{ width: 90 }}>操作</th>
                <th style={{ width: 180 }}>对象</th>
                <th>详情</th>
                <th style={{ width: 64 }}>结果</th>
              </tr>
            </thead>
            <tbody>
              {data?.rows.map((r) => (
                <tr key={r.id} className={r.ok ? '' : 'failed'}>
                  <td className="nowrap mono">{r.at}</td>
                  <td>{r.userName || <span className="muted">—</span>}</td>
                  <td className="nowrap">{r.hostLabel || <span className="muted">—</span>}</td>
                  <td className="nowrap">{r.actionLabel}</td>
                  <td className="wrap">{r.target}</td>
                  <td className="wrap detail">{r.detail}</td>
                  <td>{r.ok ? <span className="badge ok">成功</span> : <span className="badge danger">失败</span>}</td>
                </tr>
              ))}
              {data && data.rows.length === 0 ? (
                <tr>
                  <td colSpan={7} className="empty">
                    没有符合条件的记录
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <div className="pager">
          <span data-testid="audit-pager">
            第 {pageIndex + 1} 页 共 {pages} 页 / 共 {total} 条
          </span>
          <button type="button" className="btn small" disabled={loading || pageIndex === 0} onClick={() => setPageIndex((p) => p - 1)}>
            上一页
          </button>
          <button type="button" className="btn small" disabled={loading || pageIndex + 1 >= pages} onClick={() => setPageIndex((p) => p + 1)}>
            下一页
          </button>
        </div>
      </div>
    </div>
  );
}
