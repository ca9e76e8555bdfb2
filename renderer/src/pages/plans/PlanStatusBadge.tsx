import type { PlanEntry } from '../../../../shared/domain/plans';

/** 计划 / 已完成 / 未完成 in their colours, and 顺延 when the entry carries over a missed one. */
export function PlanStatusBadge({ entry }: { entry: Pick<PlanEntry, 'status' | 'carriedFromId' | 'carriedFromDate'> }) {
  return (
    <>
      <span className={`vx-badge plan-${entry.status}`}>{entry.status}</span>
      {entry.carriedFromId !== null && (
        <span className="vx-badge carried" title={entry.carriedFromDate ? `${entry.carriedFromDate} 的计划未完成，顺延到本周` : '上周未完成，顺延到本周'}>
          顺延
        </span>
      )}
    </>
  );
}
