import type { CustomerChange } from '../../../../shared/domain/customers';
import { invoke } from '../../api/client';
import { LoadStatus, useLoad } from '../../components/useLoad';

const ACTION_LABELS: Record<CustomerChange['action'], string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  transfer: '移交',
  contact: '联系人',
};


function Value({ v }: { v: string }) {
  return v ? <span className="cx-pre">{v}</span> : <span className="cx-empty-value">（空）</span>;
}

/** 变更历史 and 移交记录: the archive's continuity, newest first, as the core recorded it. */
export function CustomerHistory({ id }: { id: number }) {
  const { data, error } = useLoad(() => invoke('customers.history', { id }), [id]);

  if (error || !data) return <LoadStatus error={error} />;

  return (
    <div className="cx-history">
      <section className="cx-section">
        <h2 className="cx-section-head plain">变更历史（{data.changes.length}）</h2>
        {data.changes.length ? (
          <table className="cx-table" aria-label="变更历史">
            <thead>
              <tr>
                <th style={{ width: 172 }}>时间</th>
                <th style={{ width: 100 }}>操作人</th>
                <th style={{ width: 70 }}>操作</th>
                <th style={{ width: 170 }}>字段</th>
                <th>原值 → 新值</th>
              </tr>
            </thead>
            <tbody>
              {data.changes.map((c) => (
                <tr key={c.id}>
                  <td className="cx-mono nowrap">{c.at.slice(0, 19)}</td>
                  <td>{c.userName}</td>
                  <td>
                    <span className={`cx-badge act-${c.action}`}>{ACTION_LABELS[c.action] ?? c.action}</span>
                  </td>
                  <td>{c.field}</td>
                  <td className="cx-change">
                    {(c.action === 'create' || c.action === 'delete' || c.action === 'restore') && !c.oldValue ? (
                      // 新建 / 删除 / 恢复 are events, not value changes: the text says what happened.
                      <span>{c.newValue || ACTION_LABELS[c.action]}</span>
                    ) : (
                      <>
                        <span className="old">
                          <Value v={c.oldValue} />
                        </span>
                        <span className="arrow" aria-label="改为">
                          →
                        </span>
                        <span className="new">
                          <Value v={c.newValue} />
                        </span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted cx-none">暂无变更记录</p>
        )}
      </section>

      <section className="cx-section">
        <h2 className="cx-section-head plain">移交记录（{data.transfers.length}）</h2>
        {data.transfers.length ? (
          <table className="cx-table" aria-label="移交记录">
            <thead>
              <tr>
                <th style={{ width: 172 }}>时间</th>
                <th style={{ width: 120 }}>原客户经理</th>
                <th style={{ width: 120 }}>新客户经理</th>
                <th style={{ width: 100 }}>操作人</th>
                <th>原因</th>
              </tr>
            </thead>
            <tbody>
              {data.transfers.map((t) => (
                <tr key={t.id}>
                  <td className="cx-mono nowrap">{t.at.slice(0, 19)}</td>
                  <td>{t.fromManager}</td>
                  <td>{t.toManager}</td>
                  <td>{t.byUser}</td>
                  <td>{t.reason || <span className="cx-empty-value">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted cx-none">暂无移交记录</p>
        )}
      </section>
    </div>
  );
}
