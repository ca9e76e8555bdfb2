import { useEffect, useRef, useState } from 'react';

export interface ColumnChoice {
  id: string;
  header: string;
  visible: boolean;
  locked: boolean;
}

interface Props {
  /** Read when the menu opens, so it always shows what the grid shows. */
  getColumns: () => ColumnChoice[];
  onToggle: (id: string, visible: boolean) => void;
  onReset: () => void;
}

/** 列设置: a small popover of checkboxes; order and widths are changed by dragging in the grid itself. */
export function ColumnMenu({ getColumns, onToggle, onReset }: Props) {
  const [open, setOpen] = useState(false);
  const [columns, setColumns] = useState<ColumnChoice[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const toggleOpen = () => {
    if (!open) setColumns(getColumns());
    setOpen(!open);
  };

  return (
    <div className="cx-colmenu" ref={box}>
      <button ref={button} type="button" className="btn" aria-haspopup="dialog" aria-expanded={open} onClick={toggleOpen}>
        列设置 ▾
      </button>
      {open && (
        <div
          className="cx-colmenu-pop"
          role="dialog"
          aria-label="列设置"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          {columns.map((c, i) => (
            <label key={c.id} className={c.locked ? 'disabled' : ''}>
              <input
                type="checkbox"
                autoFocus={i === 0}
                checked={c.visible}
                disabled={c.locked}
                onChange={(e) => {
                  onToggle(c.id, e.target.checked);
                  setColumns(columns.map((x) => (x.id === c.id ? { ...x, visible: e.target.checked } : x)));
                }}
              />
              {c.header}
            </label>
          ))}
          <div className="cx-colmenu-foot">
            <button
              type="button"
              className="link"
              onClick={() => {
                onReset();
                setOpen(false);
              }}
            >
              恢复默认列
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
