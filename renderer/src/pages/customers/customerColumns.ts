import type { ColDef, ColumnState } from 'ag-grid-community';
import { CUSTOMER_SORT_COLUMNS, type CustomerRow, type CustomerSortColumn } from '../../../../shared/domain/customers';

export const PREFS_KEY = 'grid.customers';

/** What is remembered per user: column order, widths and visibility (never rows or filters). */
export interface GridPrefs {
  columns: { id: string; width?: number; hide?: boolean }[];
}

interface ColumnSpec {
  id: string;
  header: string;
  /** Widths fit the Chinese header plus a typical value at 13px; users can resize. */
  width: number;
  value: (row: CustomerRow) => string;
  hide?: boolean;
  /** Always shown: a row must stay recognisable. */
  locked?: boolean;
  className?: string;
}

const SORTABLE = new Set<string>(CUSTOMER_SORT_COLUMNS);

export const COLUMN_SPECS: ColumnSpec[] = [
  { id: 'code', header: '客户编码', width: 110, value: (r) => r.code, className: 'cx-mono' },
  { id: 'name', header: '客户名称', width: 200, value: (r) => r.name, locked: true },
  { id: 'kind', header: '类型', width: 84, value: (r) => r.kind },
  { id: 'tier', header: '分级', width: 76, value: (r) => r.tier },
  { id: 'status', header: '状态', width: 76, value: (r) => r.status },
  { id: 'manager', header: '客户经理', width: 100, value: (r) => r.managerDisplayName || '未分配' },
  { id: 'region', header: '片区', width: 96, value: (r) => r.region },
  // 手机 and 电话 as the fields they are: a landline under 手机 misleads whoever calls or texts.
  { id: 'mobile', header: '手机', width: 124, value: (r) => r.mobile, className: 'cx-mono' },
  { id: 'phone', header: '电话', width: 150, value: (r) => r.phone, className: 'cx-mono' },
  { id: 'address', header: '地址', width: 220, value: (r) => r.address },
  { id: 'industry', header: '行业', width: 96, value: (r) => r.industry },
  { id: 'keyCustomer', header: '重点', width: 70, value: (r) => (r.keyCustomer ? '★' : ''), className: 'cx-key' },
  { id: 'tags', header: '标签', width: 140, value: (r) => r.tags.join('、') },
  { id: 'updatedAt', header: '更新时间', width: 150, value: (r) => r.updatedAt.slice(0, 16), className: 'cx-mono' },
];

export function isSortColumn(id: string): id is CustomerSortColumn {
  return SORTABLE.has(id);
}

/** Column definitions in the user's saved order, with their saved widths and visibility. */
export function buildColumnDefs(prefs: GridPrefs | null): ColDef<CustomerRow>[] {
  const saved = new Map((prefs?.columns ?? []).map((c, i) => [c.id, { ...c, index: i }]));
  const ordered = [...COLUMN_SPECS].sort((a, b) => (saved.get(a.id)?.index ?? 1000) - (saved.get(b.id)?.index ?? 1000));
  return ordered.map((spec) => {
    const p = saved.get(spec.id);
    return {
      colId: spec.id,
      headerName: spec.header,
      headerTooltip: spec.header,
      valueGetter: (params) => (params.data ? spec.value(params.data) : ''),
      tooltipValueGetter: spec.id === 'address' || spec.id === 'name' || spec.id === 'tags' ? (params) => params.value as string : undefined,
      // initial*: applied when the column is created only, so a later columnDefs update
      // (e.g. the recycle bin's extra column) keeps what the user has resized or hidden.
      initialWidth: p?.width ?? spec.width,
      minWidth: 60,
      initialHide: spec.locked ? false : (p?.hide ?? spec.hide ?? false),
      lockVisible: spec.locked,
      sortable: isSortColumn(spec.id),
      cellClass: spec.className,
    };
  });
}

/** Reads back what the grid shows now, for saving. */
export function prefsFromState(state: ColumnState[]): GridPrefs {
  const known = new Set(COLUMN_SPECS.map((s) => s.id));
  return {
    columns: state
      .filter((s) => known.has(s.colId))
      .map((s) => ({ id: s.colId, width: s.width ?? undefined, hide: s.hide ?? false })),
  };
}

export function isGridPrefs(v: unknown): v is GridPrefs {
  return !!v && typeof v === 'object' && Array.isArray((v as GridPrefs).columns);
}
