import { useEffect, useId, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { CustomerRow } from '../../../../shared/domain/customers';
import { SuggestList, suggestKeys } from '../../components/CustomerPicker';
import { pickedLabel, toPicked, useCustomerSearch, type PickedCustomer } from '../../components/customerSearch';

interface Props {
  text: string;
  picked: PickedCustomer | null;
  onChange: (text: string, picked: PickedCustomer | null) => void;
  /** Grid navigation for keys the suggestion list did not take. */
  onNavKey: (e: KeyboardEvent<HTMLInputElement>) => void;
  cellId: string;
  label: string;
  invalid: boolean;
  title?: string;
}

/** The 客户 cell: type code, name or pinyin initials, pick with ↑↓ Enter (Tab takes the highlighted one too). */
export function BulkCustomerCell({ text, picked, onChange, onNavKey, cellId, label, invalid, title }: Props) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = picked ? '' : text;
  const { hits, loading } = useCustomerSearch(query, open);
  const input = useRef<HTMLInputElement>(null);
  // The list sits on the page (position: fixed) under the cell: follow the cell when the grid scrolls.
  const [, reposition] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!open) return;
    window.addEventListener('scroll', reposition, true);
    return () => window.removeEventListener('scroll', reposition, true);
  }, [open]);

  const pick = (row: CustomerRow) => {
    const c = toPicked(row);
    onChange(pickedLabel(c), c);
    setOpen(false);
  };

  return (
    <div className="vx-combo">
      <input
        ref={input}
        className="vx-cell-input"
        data-cell={cellId}
        role="combobox"
        aria-label={label}
        aria-expanded={open && !!query.trim()}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && hits.length ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        title={title}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          onChange(e.target.value, null);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(e) => picked && e.target.select()}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (open && query.trim() && e.key === 'Tab' && hits.length) {
            // Tab keeps moving right, taking the highlighted customer with it.
            pick(hits[Math.min(active, hits.length - 1)]);
            return;
          }
          if (open && query.trim() && suggestKeys(e, hits, active, setActive, pick, () => setOpen(false))) return;
          onNavKey(e);
        }}
      />
      {open && <SuggestList id={listId} hits={hits} active={active} loading={loading} query={query} onPick={pick} anchor={input.current} />}
    </div>
  );
}
