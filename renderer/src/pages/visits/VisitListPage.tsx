import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { CellKeyDownEvent, ColDef, GridApi, IDatasource } from 'ag-grid-community';
import type { ManagerOption } from '../../../../shared/api/users';
import { SIGNATURE_STATUSES, VISIT_SORT_COLUMNS, VISIT_TYPES, type SignatureStatus, type VisitRow, type VisitSortColumn, type VisitType } from '../../../../shared/domain/visits';
import { formatDuration } from '../../../../shared/domain/visitRules';
import { errorMessage, invoke } from '../../api/client';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { gridTheme } from '../../components/gridTheme';
import { ExportButton } from '../../components/ExportDialog';
import { joinParts, type ExportTarget } from '../../components/exportTarget';
import '../../components/forms.css';
import '../../components/pages.css';
import './visits.css';
import { DateInput } from '../../components/DateField';
import { formatDateTime } from '../../components/format';

const BLOCK_SIZE = 100;

interface Filters {
  managerId: string;
  from: string;
  to: string;
  type: string;
  signature: string;
  tier: string;
}

const NO_FILTERS: Filters = { managerId: '', from: '', to: '', type: '', signature: '', tier: '' };

function toQuery(f: Filters) {
  return {
    ...(f.managerId ? { managerId: [Number(f.managerId)] } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.type ? { type: [f.type as VisitType] } : {}),
    ...(f.signature ? { signature: [f.signature as SignatureStatus] } : {}),
    ...(f.tier ? { tier: [f.tier] } : {}),
  };
}

const SORTABLE = new Set<string>(VISIT_SORT_COLUMNS);

/** Column id → the list's sort key, where the core can sort by it. */
const COLUMNS: (ColDef<VisitRow> & { colId: string })[] = [
  { colId: 'signIn', headerName: '签到时间', width: 140, valueGetter: (p) => formatDateTime(p.data?.signIn), cellClass: 'vx-mono' },
  { colId: 'signOutTime', headerName: '签退', width: 68, valueGetter: (p) => (p.data ? (p.data.signOut ?? '').slice(11, 16) || '未签退' : ''), cellClass: 'vx-mono' },
  { colId: 'duration', headerName: '在户时间', width: 96, valueGetter: (p) => (p.data?.durationMinutes ? formatDuration(p.data.durationMinutes) : '') },
  { colId: 'customer', headerName: '客户', width: 180, valueGetter: (p) => (p.data ? `${p.data.customerName}（${p.data.customer}）` : ''), tooltipValueGetter: (p) => p.value as string },
  { colId: 'tier', headerName: '分级', width: 64, valueGetter: (p) => p.data?.customerTier ?? '' },
  { colId: 'manager', headerName: '客户经理', width: 92, valueGetter: (p) => p.data?.managerDisplayName ?? '' },
  { colId: 'type', headerName: '类型', width: 92, valueGetter: (p) => p.data?.type ?? '' },
  { colId: 'planned', headerName: '计划内', width: 70, valueGetter: (p) => (p.data ? (p.data.planned ? '是' : '') : '') },
  { colId: 'signature', headerName: '签字', width: 80, valueGetter: (p) => p.data?.signature ?? '', cellClassRules: { 'vx-cell-warn': (p) => p.value === '拒签' || p.value === '无法签字' } },
  {
    colId: 'content',
    headerName: '工作内容',
    flex: 1,
    minWidth: 150,
    valueGetter: (p) => (p.data ? [p.data.checklist.join('、'), p.data.content].filter(Boolean).join('；') : ''),
    tooltipValueGetter: (p) => p.value as string,
  },
  { colId: 'attachments', headerName: '附件', width: 64, valueGetter: (p) => (p.data?.attachmentCount ? `${p.data.attachmentCount}` : ''), cellClass: 'vx-num' },
];

function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  return (
    <label className={value ? 'vx-filter active' : 'vx-filter'}>
      <span>{label}</span>
      <select className="input" value={value} aria-label={label} onChange={(e) => onChange(e.target.value)}>
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

const names = (list: readonly string[]) => list.map((n) => ({ value: n, label: n }));

/** 走访记录: every visit the caller may see, paged by the core (millions of rows), newest first. */
export function VisitListPage() {
  const { session } = useSession();
  const branchWide = session.user.role !== 'manager';
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [managers, setManagers] = useState<ManagerOption[]>([]);
  const [tiers, setTiers] = useState<string[]>([]);
  const [total, setTotal] = useState<{ n: number; more: boolean } | null>(null);
  const [loadError, setLoadError] = useState('');
  const apiRef = useRef<GridApi<VisitRow> | null>(null);
  const active = useRef<IDatasource | null>(null);

  useEffect(() => {
    invoke('dicts.list', { kind: 'tier' })
      .then((d) => setTiers(d.filter((t) => t.active).map((t) => t.name)))
      .catch(() => setTiers([]));
    if (branchWide) {
      invoke('users.options', {})
        .then((u) => setManagers(u.filter((m) => m.role !== 'admin')))
        .catch(() => setManagers([]));
    }
  }, [branchWide]);

  // Answers of a datasource replaced since (filters changed) must not touch the total. Compared by
  // identity, set in an effect: a memo may be computed more than once (StrictMode), a commit happens once.
  const datasource = useMemo<IDatasource>(() => {
    const query = toQuery(filters);
    // The page comes back at once with "100+" on broad filters; the exact total follows from visits.count, asked once per filter.
    let counting = false;
    const exactCount = () => {
      if (counting) return;
      counting = true;
      invoke('visits.count', query)
        .then((c) => {
          if (active.current === self) setTotal({ n: c.total, more: false });
        })
        .catch(() => {
          counting = false;
        });
    };
    const self: IDatasource = {
      getRows: (p) => {
        const sort = p.sortModel.find((s) => SORTABLE.has(s.colId));
        invoke('visits.list', {
          ...query,
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          ...(sort ? { sort: sort.colId as VisitSortColumn, dir: sort.sort } : {}),
        })
          .then((page) => {
            if (active.current === self) {
              // An exact total already known is not replaced by a later page's lower bound.
              setTotal((t) => (page.totalIsLowerBound && t && !t.more && counting ? t : { n: page.total, more: page.totalIsLowerBound }));
              setLoadError('');
              if (page.totalIsLowerBound) exactCount();
            }
            // A lower-bound total lets the grid keep asking for more pages as the user scrolls.
            const lastRow = page.totalIsLowerBound && page.rows.length === p.endRow - p.startRow ? -1 : p.startRow + page.rows.length;
            p.successCallback(page.rows, lastRow);
          })
          .catch((e: unknown) => {
            if (active.current === self) setLoadError(errorMessage(e));
            p.failCallback();
          });
      },
    };
    return self;
  }, [filters]);
  useEffect(() => {
    active.current = datasource;
  }, [datasource]);

  const columnDefs = useMemo(() => COLUMNS.map((c) => ({ ...c, sortable: SORTABLE.has(c.colId), minWidth: c.minWidth ?? 56 })), []);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = Object.values(filters).some(Boolean);

  const exportTarget = (): ExportTarget => {
    const sort = apiRef.current?.getColumnState().find((s) => s.sort && SORTABLE.has(s.colId));
    const manager = managers.find((m) => String(m.id) === filters.managerId);
    const summary = joinParts(
      [
        !branchWide && '我的走访记录',
        (filters.from || filters.to) && `走访日期：${filters.from || '…'} 至 ${filters.to || '…'}`,
        filters.managerId && `客户经理：${manager?.displayName ?? `ID ${filters.managerId}`}`,
        filters.type && `类型：${filters.type}`,
        filters.signature && `签字：${filters.signature}`,
        filters.tier && `客户分级：${filters.tier}`,
      ],
      '全部走访记录',
    );
    return {
      kind: 'visits',
      filter: { ...toQuery(filters), ...(sort ? { sort: sort.colId as VisitSortColumn, dir: sort.sort ?? 'desc' } : {}) },
      summary: total === null ? summary : `${summary}（共 ${total.n.toLocaleString('zh-CN')}${total.more ? '+' : ''} 条）`,
    };
  };

  return (
    <div className="vx-page vx-list">
      <div className="vx-head">
        <h1>走访记录</h1>
        <span className="muted" data-testid="visit-total" aria-live="polite">
          {total === null ? '' : total.more ? `共 ${total.n.toLocaleString('zh-CN')}+ 条（正在统计总数…）` : `共 ${total.n.toLocaleString('zh-CN')} 条`}
        </span>
        <span className="spacer" />
        <ExportButton target={exportTarget} disabled={total?.n === 0} />
        <a className="btn" href="#/bulk">
          批量录入
        </a>
        <a className="btn primary" href="#/visits/new">
          登记走访
        </a>
      </div>
      <div className="vx-filters">
        {branchWide && (
          <FilterSelect
            label="客户经理"
            value={filters.managerId}
            options={managers.map((m) => ({ value: String(m.id), label: m.disabled ? `${m.displayName}（已停用）` : m.displayName }))}
            onChange={(managerId) => set({ managerId })}
          />
        )}
        <label className={filters.from || filters.to ? 'vx-filter active' : 'vx-filter'}>
          <span>日期</span>
          <DateInput className="vx-date" aria-label="开始日期" value={filters.from} max={filters.to || undefined} onlyValid onChange={(from) => set({ from })} />
          <span className="muted">至</span>
          <DateInput className="vx-date" aria-label="结束日期" value={filters.to} min={filters.from || undefined} onlyValid onChange={(to) => set({ to })} />
        </label>
        <FilterSelect label="类型" value={filters.type} options={names(VISIT_TYPES)} onChange={(type) => set({ type })} />
        <FilterSelect label="签字" value={filters.signature} options={names(SIGNATURE_STATUSES)} onChange={(signature) => set({ signature })} />
        <FilterSelect label="客户分级" value={filters.tier} options={names(tiers)} onChange={(tier) => set({ tier })} />
        {filtered && (
          <button type="button" className="link" onClick={() => setFilters(NO_FILTERS)}>
            清除筛选
          </button>
        )}
      </div>
      {loadError && (
        <div className="form-error" role="alert">
          {loadError}
        </div>
      )}
      <div className="vx-grid-wrap">
        <AgGridReact<VisitRow>
          theme={gridTheme}
          // The page says why the list is empty (还没有…/没有符合条件的…): the grid's own 无显示行 would say it twice.
          suppressNoRowsOverlay
          localeText={AG_GRID_LOCALE_CN}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={20}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortingOrder: ['desc', 'asc', null] }}
          initialState={{ sort: { sortModel: [{ colId: 'signIn', sort: 'desc' }] } }}
          getRowId={(p) => String(p.data.id)}
          enableBrowserTooltips
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          onRowDoubleClicked={(e) => {
            if (e.data) navigate(`visits/${e.data.id}`);
          }}
          onCellKeyDown={(e: CellKeyDownEvent<VisitRow>) => {
            const key = (e.event as KeyboardEvent | undefined)?.key;
            if (key === 'Enter' && e.data) navigate(`visits/${e.data.id}`);
          }}
        />
        {total?.n === 0 && <div className="vx-grid-empty">{filtered ? '没有符合条件的走访记录' : '还没有走访记录'}</div>}
      </div>
    </div>
  );
}
