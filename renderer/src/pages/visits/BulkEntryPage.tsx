import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldProblem } from '../../../../shared/domain/visitRules';
import { localMinute, parseTimeOfDay } from '../../../../shared/domain/visitRules';
import { BULK_MAX_ROWS } from '../../../../shared/domain/visits';
import { errorMessage, invoke } from '../../api/client';
import { FormError, FormNotice } from '../../components/FormError';
import { BulkCustomerCell } from './BulkCustomerCell';
import {
  BULK_COLUMNS,
  COLUMN_LABELS,
  SIGNATURE_CHOICES,
  TYPE_CHOICES,
  choiceHint,
  columnOf,
  isBlank,
  matchChoice,
  newRow,
  parseGridDate,
  toInput,
  validateRows,
  type BulkColumn,
  type BulkRow,
} from './bulkModel';
import { today } from '../../components/format';
import '../../components/forms.css';
import '../../components/pages.css';
import './visits.css';

/** Kept while the app runs: leaving the page to look something up does not lose a half-typed week. */
let draft: BulkRow[] | null = null;

/** There is always one blank row at the end to type into; it takes the date of the row above. */
function withTrailing(rows: BulkRow[]): BulkRow[] {
  const last = rows[rows.length - 1];
  if (!last) return [newRow()];
  return isBlank(last) ? rows : [...rows, newRow(last.date)];
}

const PLACEHOLDERS: Partial<Record<BulkColumn, string>> = {
  date: '1123',
  customer: '名称/拼音/编码',
  signIn: '0930',
  signOut: '1015',
  type: '常规走访',
  signature: '已签',
};

/** `第3行` in a message from the core counts the rows that were sent; after a save those numbers mean nothing on screen. */
function describeSentRow(r: BulkRow | undefined): string {
  if (!r) return '另一行';
  const t = [parseTimeOfDay(r.signIn), parseTimeOfDay(r.signOut)].filter(Boolean).join('–');
  return `「${r.customer?.name ?? r.customerText}」${t ? `${t} ` : ''}那一行`;
}

export function BulkEntryPage() {
  const [rows, setRowsState] = useState<BulkRow[]>(() => withTrailing(draft ?? []));
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const focusNext = useRef<{ index: number; col: BulkColumn } | null>(null);
  const table = useRef<HTMLTableElement>(null);

  const setRows = useCallback((update: (rows: BulkRow[]) => BulkRow[]) => {
    setRowsState((prev) => {
      const next = withTrailing(update(prev));
      draft = next;
      return next;
    });
  }, []);

  const now = localMinute(new Date());
  const problems = useMemo(() => validateRows(rows, now), [rows, now]);
  // A row's problems show once the focus has left it (or after a save): no red while it is being typed.
  const [leftRows, setLeftRows] = useState<ReadonlySet<number>>(() => new Set(draft?.map((r) => r.key) ?? []));
  const shown = (r: BulkRow): FieldProblem[] => r.serverErrors ?? (leftRows.has(r.key) ? (problems.get(r.key) ?? []) : []);
  const filled = rows.filter((r) => !isBlank(r));
  const invalidCount = filled.filter((r) => shown(r).length).length;

  const update = (key: number, patch: Partial<BulkRow>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch, serverErrors: null } : r)));
    setSummary('');
  };

  const focusCell = (index: number, col: BulkColumn) => {
    const r = rows[index];
    const el = r && table.current?.querySelector<HTMLInputElement>(`[data-cell="${r.key}:${col}"]`);
    if (!el) return false;
    el.focus();
    el.select();
    return true;
  };

  useEffect(() => {
    const f = focusNext.current;
    if (f && focusCell(f.index, f.col)) focusNext.current = null;
  });

  const onNavKey = (e: KeyboardEvent<HTMLInputElement>, index: number, col: BulkColumn) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (index + 1 < rows.length) focusCell(index + 1, col);
      else if (e.key === 'Enter') {
        // Enter on the (blank) last row: a new row appears below it.
        setRows((rs) => [...rs, newRow(rs[rs.length - 1]?.date ?? '')]);
        focusNext.current = { index: index + 1, col };
      }
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (index > 0) focusCell(index - 1, col);
    }
  };

  /** Shorthand becomes the full text when leaving the cell, so the sheet reads back as written. */
  const normalise = (key: number, col: BulkColumn) => {
    // Reads the row inside the update: a fill followed at once by Tab must not normalise the old text.
    setRowsState((rs) => {
      const i = rs.findIndex((x) => x.key === key);
      if (i < 0) return rs;
      const v = (rs[i] as unknown as Record<string, string>)[col];
      let out: string | null = null;
      if (col === 'date') out = parseGridDate(v, today());
      else if (col === 'signIn' || col === 'signOut') out = parseTimeOfDay(v);
      else if (col === 'type') out = matchChoice(v, TYPE_CHOICES);
      else if (col === 'signature') out = matchChoice(v, SIGNATURE_CHOICES);
      if (!out || out === v) return rs;
      const next = rs.map((x) => (x.key === key ? { ...x, [col]: out } : x));
      draft = next;
      return next;
    });
  };

  const save = async () => {
    if (busy) return;
    const sending = rows.filter((r) => !isBlank(r));
    setError(null);
    if (!sending.length) {
      setError('没有要保存的行');
      return;
    }
    if (sending.length > BULK_MAX_ROWS) {
      setError(`一次最多保存${BULK_MAX_ROWS}行，请分批保存`);
      return;
    }
    setBusy(true);
    setLeftRows(new Set(rows.map((r) => r.key)));
    try {
      const day = today();
      const result = await invoke('visits.bulkCreate', { rows: sending.map((r) => toInput(r, day)), mode: 'valid-only' });
      const savedKeys = new Set<number>();
      const errorsByKey = new Map<number, FieldProblem[]>();
      for (const res of result.results) {
        const r = sending[res.index];
        if (res.ok) savedKeys.add(r.key);
        else {
          errorsByKey.set(
            r.key,
            (res.errors ?? [{ field: '', message: '保存失败' }]).map((p) => ({
              field: p.field,
              message: p.message.replace(/第(\d+)行/g, (_, n: string) => describeSentRow(sending[Number(n) - 1])),
            })),
          );
        }
      }
      setRows((rs) => rs.filter((r) => !savedKeys.has(r.key)).map((r) => (errorsByKey.has(r.key) ? { ...r, serverErrors: errorsByKey.get(r.key)! } : r)));
      setSummary(
        result.saved
          ? `已保存 ${result.saved} 条${result.failed ? `，${result.failed} 条有问题` : ''}`
          : `没有保存，${result.failed} 条有问题`,
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const clearAll = () => {
    setRows(() => []);
    setSummary('');
    setError(null);
  };

  return (
    <div className="vx-page vx-bulk">
      <div className="vx-head">
        <h1>批量录入</h1>
        <div className="vx-bulk-help">
          <div>
            <kbd>Enter</kbd> 下一行 <kbd>Tab</kbd> 下一格 <kbd>↑</kbd>
            <kbd>↓</kbd> 换行 <kbd>Ctrl+S</kbd> 保存；日期写 1123，时间写 0930，客户输入名称、拼音首字母或编码后按 Enter 选择
          </div>
          <div>
            类型：{choiceHint(TYPE_CHOICES)}（空为常规走访）；签字：{choiceHint(SIGNATURE_CHOICES)}（空为已签）
          </div>
        </div>
      </div>
      <FormNotice kind={invalidCount ? 'info' : 'success'}>{summary && <span data-testid="bulk-summary">{summary}</span>}</FormNotice>
      <FormError message={error} />
      <div className="vx-bulk-bar">
        <span data-testid="bulk-status">
          {filled.length} 行待保存{invalidCount ? <span className="vx-bad">，{invalidCount} 行有问题</span> : ''}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={clearAll} disabled={busy || !filled.length}>
          清空
        </button>
        <button type="button" className="btn primary" onClick={() => void save()} disabled={busy || !filled.length} title="Ctrl+S">
          {busy ? '正在保存…' : '保存'}
        </button>
      </div>
      <div className="vx-bulk-scroll">
        <table className="vx-bulk-table" ref={table} aria-label="批量录入">
          <colgroup>
            <col style={{ width: 36 }} />
            <col style={{ width: 104 }} />
            <col style={{ width: 200 }} />
            <col style={{ width: 64 }} />
            <col style={{ width: 64 }} />
            <col style={{ width: 84 }} />
            <col style={{ width: 76 }} />
            <col style={{ width: 110 }} />
            <col />
            <col style={{ width: 220 }} />
            <col style={{ width: 28 }} />
          </colgroup>
          <thead>
            <tr>
              <th>#</th>
              {BULK_COLUMNS.map((c) => (
                <th key={c}>{COLUMN_LABELS[c]}</th>
              ))}
              <th>问题</th>
              <th aria-label="删除" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, index) => {
              const rowProblems = shown(r);
              const cellProblems = (col: BulkColumn) => rowProblems.filter((p) => columnOf(p.field) === col).map((p) => p.message);
              return (
                <tr
                  key={r.key}
                  className={rowProblems.length ? 'invalid' : ''}
                  data-row={index + 1}
                  onBlur={(e) => {
                    if (!e.currentTarget.contains(e.relatedTarget as Node | null) && !leftRows.has(r.key)) setLeftRows((s) => new Set(s).add(r.key));
                  }}
                >
                  <td className="vx-rownum">{index + 1}</td>
                  {BULK_COLUMNS.map((col) => {
                    const msgs = cellProblems(col);
                    const label = `第${index + 1}行${COLUMN_LABELS[col]}`;
                    return (
                      <td key={col} className={msgs.length ? 'bad' : ''}>
                        {col === 'customer' ? (
                          <BulkCustomerCell
                            text={r.customerText}
                            picked={r.customer}
                            cellId={`${r.key}:customer`}
                            label={label}
                            invalid={msgs.length > 0}
                            title={msgs.join('\n') || undefined}
                            onChange={(text, picked) => update(r.key, { customerText: text, customer: picked })}
                            onNavKey={(e) => onNavKey(e, index, col)}
                          />
                        ) : (
                          <input
                            className={`vx-cell-input${col === 'signIn' || col === 'signOut' || col === 'date' ? ' vx-mono' : ''}`}
                            data-cell={`${r.key}:${col}`}
                            aria-label={label}
                            aria-invalid={msgs.length > 0 || undefined}
                            title={msgs.join('\n') || undefined}
                            placeholder={index === rows.length - 1 ? PLACEHOLDERS[col] : undefined}
                            value={(r as unknown as Record<string, string>)[col]}
                            autoFocus={index === 0 && col === 'date' && !r.date}
                            autoComplete="off"
                            onChange={(e) => update(r.key, { [col]: e.target.value })}
                            onBlur={() => normalise(r.key, col)}
                            onKeyDown={(e) => onNavKey(e, index, col)}
                          />
                        )}
                      </td>
                    );
                  })}
                  <td className="vx-problems" data-testid={`bulk-problems-${index + 1}`}>
                    {rowProblems.map((p, i) => (
                      <div key={i}>{p.message}</div>
                    ))}
                  </td>
                  <td>
                    {!isBlank(r) && (
                      <button type="button" className="vx-row-del" tabIndex={-1} aria-label={`删除第${index + 1}行`} title="删除此行" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                        ×
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
