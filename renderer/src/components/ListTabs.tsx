export interface ListTab<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  tabs: readonly ListTab<V>[];
  value: V;
  onChange: (value: V) => void;
  /** Shown on the selected tab (rows in all); nothing while unknown. */
  count?: number | null;
}

/** The status tabs above a list (未完成 / 已逾期 / 全部 …). */
export function ListTabs<V extends string>({ tabs, value, onChange, count }: Props<V>) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((t) => (
        <button key={t.value} type="button" role="tab" className="tab" aria-selected={value === t.value} onClick={() => onChange(t.value)}>
          {t.label}
          {value === t.value && count != null ? <span className="count">{count}</span> : null}
        </button>
      ))}
    </div>
  );
}
