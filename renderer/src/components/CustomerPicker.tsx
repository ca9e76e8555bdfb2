import { useId, useState, type KeyboardEvent } from 'react';
import type { CustomerRow } from '../../../shared/domain/customers';
import { pickedLabel, toPicked, useCustomerSearch, type PickedCustomer } from './customerSearch';
import './customerPicker.css';

interface SuggestListProps {
  id: string;
  hits: CustomerRow[];
  active: number;
  loading: boolean;
  query: string;
  onPick: (row: CustomerRow) => void;
  /** Inside a scrolling box (the bulk grid) the list is placed on the page under this input, so the box does not clip it. */
  anchor?: HTMLElement | null;
}

/** The drop-down under a customer input: mouse or ↑↓ Enter. */
export function SuggestList({ id, hits, active, loading, query, onPick, anchor }: SuggestListProps) {
  if (!query.trim()) return null;
  const rect = anchor?.getBoundingClientRect();
  const style = rect ? { position: 'fixed' as const, left: rect.left, top: rect.bottom + 2, minWidth: rect.width } : undefined;
  return (
    <ul className="vx-suggest" id={id} role="listbox" aria-label="候选客户" style={style}>
      {hits.map((h, i) => (
        <li
          key={h.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : ''}
          // mousedown, not click: the input keeps its focus, so blur does not close the list first.
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(h);
          }}
        >
          <span className="vx-suggest-name">{h.name}</span>
          <span className="vx-suggest-meta">
            {h.code}
            {h.tier ? ` · ${h.tier}` : ''}
          </span>
        </li>
      ))}
      {!hits.length && <li className="vx-suggest-empty">{loading ? '正在查找…' : '没有匹配的客户'}</li>}
    </ul>
  );
}

/** ↑↓ move, Enter picks, Esc closes: shared by the form picker and the bulk-entry cell. */
export function suggestKeys(
  e: KeyboardEvent,
  hits: CustomerRow[],
  active: number,
  setActive: (n: number) => void,
  pick: (row: CustomerRow) => void,
  close: () => void,
): boolean {
  if (!hits.length) return false;
  if (e.key === 'ArrowDown') setActive((active + 1) % hits.length);
  else if (e.key === 'ArrowUp') setActive((active - 1 + hits.length) % hits.length);
  else if (e.key === 'Enter') pick(hits[Math.min(active, hits.length - 1)]);
  else if (e.key === 'Escape') close();
  else return false;
  e.preventDefault();
  e.stopPropagation();
  return true;
}

export interface CustomerPickerProps {
  value: PickedCustomer | null;
  onChange: (c: PickedCustomer | null) => void;
  id?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}

/** A customer combobox for forms: type a name, pinyin initials or code, pick with ↑↓ Enter. */
export function CustomerPicker({ value, onChange, id, autoFocus, disabled, placeholder, ...aria }: CustomerPickerProps) {
  const listId = useId();
  const [text, setText] = useState(value ? pickedLabel(value) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = value ? '' : text;
  const { hits, loading } = useCustomerSearch(query, open);

  const pick = (row: CustomerRow) => {
    const c = toPicked(row);
    onChange(c);
    setText(pickedLabel(c));
    setOpen(false);
  };

  return (
    <div className="vx-combo">
      <input
        id={id}
        className="input"
        role="combobox"
        aria-expanded={open && !!query.trim()}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && hits.length ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={text}
        autoFocus={autoFocus}
        disabled={disabled}
        placeholder={placeholder ?? '客户名称 / 拼音首字母 / 编码'}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={(e) => {
          // A picked customer is selected whole, so typing replaces it.
          if (value) e.target.select();
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (open) suggestKeys(e, hits, active, setActive, pick, () => setOpen(false));
        }}
        {...aria}
      />
      {open && <SuggestList id={listId} hits={hits} active={active} loading={loading} query={query} onPick={pick} />}
    </div>
  );
}
