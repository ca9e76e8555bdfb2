import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimelineItem, TimelineKind } from '../../../../shared/domain/timeline';
import { errorMessage, invoke } from '../../api/client';
import '../../components/pages.css';
import './timeline.css';

const PAGE_SIZE = 30;

const KIND: Record<TimelineKind, { label: string; icon: string }> = {
  visit: { label: '走访', icon: '访' },
  followup: { label: '跟进', icon: '跟' },
  complaint: { label: '投诉反馈', icon: '诉' },
  receipt: { label: '签收单', icon: '签' },
  change: { label: '档案变更', icon: '档' },
};

function linkOf(item: TimelineItem): string | null {
  switch (item.kind) {
    case 'visit':
      return `#/visits/${item.id}`;
    case 'complaint':
      return `#/complaints/${item.id}`;
    case 'followup':
      return '#/followups';
    case 'receipt':
      return '#/receipts';
    default:
      return null;
  }
}

export interface CustomerTimelineProps {
  customerId: number;
}

/**
 * 客户时间线: visits, follow-ups, complaints, receipts and archive changes of one
 * customer, newest first, 30 at a time (加载更多 follows the core's cursor, so pages
 * neither skip nor repeat items however many years of history there are).
 */
export function CustomerTimeline({ customerId }: CustomerTimelineProps) {
  const [items, setItems] = useState<TimelineItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const generation = useRef(0);

  const load = useCallback(
    async (before: string | null, reset: boolean) => {
      const gen = reset ? ++generation.current : generation.current;
      setLoading(true);
      setError('');
      try {
        const page = await invoke('timeline.customer', { customerId, limit: PAGE_SIZE, ...(before ? { before } : {}) });
        if (gen !== generation.current) return;
        setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
        setCursor(page.nextBefore);
        setDone(page.nextBefore === null);
      } catch (e) {
        if (gen === generation.current) setError(errorMessage(e));
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [customerId],
  );

  useEffect(() => {
    setItems([]);
    setDone(false);
    void load(null, true);
  }, [load]);

  let lastDay = '';
  return (
    <div className="vx-timeline" aria-label="客户时间线">
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {!items.length && !loading && !error && <p className="vx-empty">还没有任何记录</p>}
      <ol className="vx-tl-list">
        {items.map((item) => {
          const day = item.at.slice(0, 10);
          const showDay = day !== lastDay;
          lastDay = day;
          const href = linkOf(item);
          const k = KIND[item.kind];
          return (
            <li key={`${item.kind}-${item.id}`} className={`vx-tl-item kind-${item.kind}`} data-testid="timeline-item">
              <div className="vx-tl-day">{showDay ? day : ''}</div>
              <div className="vx-tl-icon" title={k.label} aria-hidden="true">
                {k.icon}
              </div>
              <div className="vx-tl-body">
                <div className="vx-tl-head">
                  <span className="vx-tl-kind">{k.label}</span>
                  {href ? (
                    <a className="vx-tl-title" href={href}>
                      {item.title}
                    </a>
                  ) : (
                    <span className="vx-tl-title">{item.title}</span>
                  )}
                  {item.status && <span className="vx-badge muted">{item.status}</span>}
                  <span className="spacer" />
                  <span className="vx-tl-meta">
                    {item.at.slice(11, 16)}
                    {item.by ? ` · ${item.by}` : ''}
                  </span>
                </div>
                {item.detail && <div className="vx-tl-detail">{item.detail}</div>}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="vx-tl-foot">
        {loading ? (
          <span className="muted">正在加载…</span>
        ) : !done && cursor ? (
          <button type="button" className="btn" onClick={() => void load(cursor, false)}>
            加载更多
          </button>
        ) : items.length ? (
          <span className="muted">没有更早的记录了</span>
        ) : null}
      </div>
    </div>
  );
}
