import './forms.css';

interface Props {
  offset: number;
  pageSize: number;
  /** Rows in all; nothing is shown while they fit on one page. */
  total: number;
  onOffset(offset: number): void;
}

/** 上一页/下一页 under a paged list, with the rows shown and the total. */
export function Pager({ offset, pageSize, total, onOffset }: Props) {
  if (total <= pageSize) return null;
  return (
    <div className="pager">
      第 {offset + 1}–{Math.min(offset + pageSize, total)} 条，共 {total} 条
      <button type="button" className="btn small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        上一页
      </button>
      <button type="button" className="btn small" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
        下一页
      </button>
    </div>
  );
}
