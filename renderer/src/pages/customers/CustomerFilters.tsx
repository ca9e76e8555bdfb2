import { useEffect, useRef, useState, type RefObject } from 'react';
import { CUSTOMER_STATUSES } from '../../../../shared/domain/constants';
import type { CustomerListQuery } from '../../../../shared/domain/customers';
import type { CustomerOptions } from './useCustomerOptions';

export interface FilterValue {
  q: string;
  tier: string;
  status: string;
  /** '' = everyone; a user id as text (select values are strings). */
  managerId: string;
  region: string;
  tag: string;
  keyCustomer: boolean;
  deleted: boolean;
}

export const NO_FILTERS: FilterValue = { q: '', tier: '', status: '', managerId: '', region: '', tag: '', keyCustomer: false, deleted: false };

const SEARCH_DEBOUNCE_MS = 250;

/** The list query's filter part; empty choices are left out so the server applies no condition. */
export function toQuery(f: FilterValue): Omit<CustomerListQuery, 'offset' | 'limit' | 'sort' | 'dir'> {
  return {
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.tier ? { tier: [f.tier] } : {}),
    ...(f.status ? { status: [f.status as (typeof CUSTOMER_STATUSES)[number]] } : {}),
    ...(f.managerId ? { managerId: [Number(f.managerId)] } : {}),
    ...(f.region ? { region: [f.region] } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...(f.keyCustomer ? { keyCustomer: true } : {}),
    ...(f.deleted ? { deleted: true } : {}),
  };
}

export function hasFilters(f: FilterValue): boolean {
  return !!(f.tier || f.status || f.managerId || f.region || f.tag || f.keyCustomer);
}

interface SelectProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}

function FilterSelect({ label, value, options, onChange }: SelectProps) {
  return (
    <label className={value ? 'cx-filter active' : 'cx-filter'}>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const names = (list: string[]) => list.map((n) => ({ value: n, label: n }));

interface Props {
  value: FilterValue;
  onChange: (v: FilterValue) => void;
  options: CustomerOptions;
  showManager: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
  /** ↓ in the search box moves into the grid. */
  onSearchDown: () => void;
}

export function CustomerFilters({ value, onChange, options, showManager, searchRef, onSearchDown }: Props) {
  const [text, setText] = useState(value.q);
  // Latest value for the debounced callback, which outlives the render that scheduled it.
  const latest = useRef(value);
  latest.current = value;

  useEffect(() => {
    if (text === latest.current.q) return;
    const t = window.setTimeout(() => onChange({ ...latest.current, q: text }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, onChange]);

  const set = (patch: Partial<FilterValue>) => onChange({ ...value, ...patch });

  return (
    <div className="cx-filters">
      <input
        ref={searchRef}
        className="cx-search"
        type="search"
        value={text}
        autoFocus
        placeholder="名称 / 拼音首字母 / 编码 / 电话"
        aria-label="快速查找客户"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            setText('');
            onChange({ ...value, q: '' });
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            onSearchDown();
          } else if (e.key === 'Enter') {
            // Search now instead of waiting for the debounce.
            onChange({ ...value, q: text });
          }
        }}
      />
      <FilterSelect label="分级" value={value.tier} options={names(options.tiers)} onChange={(tier) => set({ tier })} />
      <FilterSelect label="状态" value={value.status} options={names([...CUSTOMER_STATUSES])} onChange={(status) => set({ status })} />
      {showManager && (
        <FilterSelect
          label="客户经理"
          value={value.managerId}
          options={[
            ...options.managers.map((m) => ({ value: String(m.id), label: m.disabled ? `${m.displayName}（已停用）` : m.displayName })),
            // 0 asks the core for customers without a manager (orphans to assign).
            { value: '0', label: '未分配' },
          ]}
          onChange={(managerId) => set({ managerId })}
        />
      )}
      <FilterSelect label="片区" value={value.region} options={names(options.regions)} onChange={(region) => set({ region })} />
      <FilterSelect label="标签" value={value.tag} options={names(options.tags)} onChange={(tag) => set({ tag })} />
      <label className={value.keyCustomer ? 'cx-check active' : 'cx-check'}>
        <input type="checkbox" checked={value.keyCustomer} onChange={(e) => set({ keyCustomer: e.target.checked })} />
        只看重点客户
      </label>
      {hasFilters(value) && (
        <button
          type="button"
          className="link"
          onClick={() => onChange({ ...NO_FILTERS, q: value.q, deleted: value.deleted })}
        >
          清除筛选
        </button>
      )}
    </div>
  );
}
