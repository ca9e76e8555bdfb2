import { useEffect, useRef } from 'react';
import type { DuplicateHit } from '../../../../shared/domain/customers';

interface Props {
  hits: DuplicateHit[];
  /**
   * Present when the save was stopped by these hits: offers 仍然保存.
   * Absent for the early check made while the form is being filled.
   */
  onSaveAnyway?: () => void;
  onDismiss: () => void;
  busy?: boolean;
}

/** Likely duplicates, each with why it matched and, when the user may see it, a link to it. */
export function DuplicateWarning({ hits, onSaveAnyway, onDismiss, busy }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const blocking = !!onSaveAnyway;
  useEffect(() => {
    // A save that was stopped must say so where the user's eyes (and focus) are.
    if (blocking) box.current?.focus();
  }, [blocking]);
  return (
    <div ref={box} className={blocking ? 'cx-dup blocking' : 'cx-dup'} role={blocking ? 'alert' : 'status'} tabIndex={-1}>
      <div className="cx-dup-head">
        {blocking ? '发现可能重复的客户，尚未保存：' : '注意：已有相似的客户'}
      </div>
      <table className="cx-table compact">
        <thead>
          <tr>
            <th>客户编码</th>
            <th>客户名称</th>
            <th>客户经理</th>
            <th>相同之处</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {hits.map((h) => (
            <tr key={h.id}>
              <td className="cx-mono">{h.code}</td>
              <td>{h.name}</td>
              <td>{h.manager}</td>
              <td>{h.reason}</td>
              <td>
                {h.accessible ? (
                  <a href={`#/customers/${h.id}`}>打开</a>
                ) : (
                  <span className="muted" title="该客户由其他客户经理负责">无权查看</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="cx-dup-foot">
        {blocking ? (
          <>
            <span className="muted">确认不是同一客户后可继续保存。</span>
            <span className="spacer" />
            <button type="button" className="btn" onClick={onDismiss} disabled={busy}>
              返回修改
            </button>
            <button type="button" className="btn cx-warn" onClick={onSaveAnyway} disabled={busy}>
              仍然保存
            </button>
          </>
        ) : (
          <>
            <span className="muted">如果是同一客户，请打开已有档案，不要重复建档。</span>
            <span className="spacer" />
            <button type="button" className="link" onClick={onDismiss}>
              知道了
            </button>
          </>
        )}
      </div>
    </div>
  );
}
