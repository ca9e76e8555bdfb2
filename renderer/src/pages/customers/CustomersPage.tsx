import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type {
  CellKeyDownEvent,
  ColDef,
  ColumnMovedEvent,
  ColumnResizedEvent,
  GridApi,
  IDatasource,
  RowSelectionOptions,
} from 'ag-grid-community';
import type { CustomerRow } from '../../../../shared/domain/customers';
import { errorMessage, invoke } from '../../api/client';
import { navigate } from '../../router';
import { hasRole, useSession } from '../../session';
import { gridTheme } from '../../components/gridTheme';
import { COLUMN_SPECS, PREFS_KEY, buildColumnDefs, isGridPrefs, isSortColumn, prefsFromState, type GridPrefs } from './customerColumns';
import { CustomerFilters, NO_FILTERS, hasFilters, toQuery, type FilterValue } from './CustomerFilters';
import { ColumnMenu } from './ColumnMenu';
import { TransferDialog, type TransferSelection } from './TransferDialog';
import { ExportButton } from '../../components/ExportDialog';
import { FormError } from '../../components/FormError';
import { PrintButton } from '../../components/PrintButton';
import { MAX_ARCHIVE_CARDS } from '../../../../shared/domain/printForms';
import { exportColumnsForGrid, joinParts, type ExportTarget } from '../../components/exportTarget';
import { useCustomerOptions } from './useCustomerOptions';
import '../../components/forms.css';
import './customers.css';

const BLOCK_SIZE = 100;
const PREFS_SAVE_DELAY_MS = 600;
const ACTIONS_COL = 'actions';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Loads the saved column layout first, so the grid is created once with it (no visible jump). */
export function CustomersPage() {
  const [prefs, setPrefs] = useState<GridPrefs | null | undefined>(undefined);
  useEffect(() => {
    invoke('prefs.get', { key: PREFS_KEY })
      .then((v) => setPrefs(isGridPrefs(v) ? v : null))
      .catch(() => setPrefs(null));
  }, []);
  if (prefs === undefined) return <div className="cx-page" />;
  return <CustomerList prefs={prefs} />;
}

function CustomerList({ prefs }: { prefs: GridPrefs | null }) {
  const { session } = useSession();
  const canManage = hasRole(session, 'admin', 'supervisor');
  const options = useCustomerOptions();
  const [filters, setFiltersState] = useState<FilterValue>(NO_FILTERS);
  const [total, setTotal] = useState<number | null>(null);
  const [loadError, setLoadError] = useState('');
  const [printError, setPrintError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  /** 全选: every customer of the current filter, the count as shown when chosen; dropped when the filter changes. */
  const [allOf, setAllOf] = useState<{ query: string; count: number } | null>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const [notice, setNotice] = useState('');
  const apiRef = useRef<GridApi<CustomerRow> | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const saveTimer = useRef<number | undefined>(undefined);
  const bin = filters.deleted;

  const setFilters = useCallback((next: FilterValue) => {
    // The debounced search may report a value that Enter already applied: no second reload.
    setFiltersState((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, []);

  const restore = useCallback(async (row: CustomerRow) => {
    try {
      await invoke('customers.restore', { id: row.id });
      setNotice(`已恢复客户「${row.name}」`);
      apiRef.current?.purgeInfiniteCache();
    } catch (e) {
      setNotice(errorMessage(e));
    }
  }, []);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  const baseColumns = useMemo(() => buildColumnDefs(prefs), [prefs]);
  const columnDefs = useMemo<ColDef<CustomerRow>[]>(
    () =>
      bin
        ? [
            ...baseColumns,
            {
              colId: ACTIONS_COL,
              headerName: '操作',
              width: 80,
              pinned: 'right',
              sortable: false,
              resizable: false,
              suppressMovable: true,
              lockVisible: true,
              cellRenderer: (p: { data?: CustomerRow }) =>
                p.data?.deleted ? (
                  <button type="button" className="cx-cell-btn" onClick={() => void restoreRef.current(p.data!)}>
                    恢复
                  </button>
                ) : null,
            },
          ]
        : baseColumns,
    [baseColumns, bin],
  );

  const query = useMemo(() => toQuery(filters), [filters]);
  // Answers to an older filter set may still arrive; only the current one may set the total.
  const currentQuery = useRef(query);
  currentQuery.current = query;

  /** A fresh datasource per filter set: the grid drops its cache and scrolls to the top. */
  const datasource = useMemo<IDatasource>(() => {
    const isCurrent = () => currentQuery.current === query;
    return {
      getRows: (p) => {
        const sort = p.sortModel.find((s) => isSortColumn(s.colId));
        invoke('customers.list', {
          ...query,
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          ...(sort ? { sort: sort.colId as never, dir: sort.sort } : {}),
        })
          .then((page) => {
            if (isCurrent()) {
              setTotal(page.total);
              setLoadError('');
            }
            p.successCallback(page.rows, page.total);
          })
          .catch((e: unknown) => {
            if (isCurrent()) setLoadError(errorMessage(e));
            p.failCallback();
          });
      },
    };
  }, [query]);

  useEffect(() => {
    apiRef.current?.deselectAll();
  }, [bin]);
  const queryKey = JSON.stringify(query);
  const allSelected = allOf !== null && allOf.query === queryKey;
  const selectAll = useCallback(() => {
    if (total) setAllOf({ query: queryKey, count: total });
  }, [queryKey, total]);
  const clearAll = useCallback(() => {
    setAllOf(null);
    apiRef.current?.deselectAll();
  }, []);

  const savePrefs = useCallback(() => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      const api = apiRef.current;
      if (!api || api.isDestroyed()) return;
      void invoke('prefs.set', { key: PREFS_KEY, value: prefsFromState(api.getColumnState()) }).catch(() => undefined);
    }, PREFS_SAVE_DELAY_MS);
  }, []);

  const focusGrid = useCallback(() => {
    const api = apiRef.current;
    if (!api || !api.getDisplayedRowCount()) return;
    api.ensureIndexVisible(0);
    api.setFocusedCell(0, 'name');
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey && e.key.toLowerCase() === 'f') || (e.key === '/' && !isTyping(e.target))) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        navigate('customers/new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.clearTimeout(saveTimer.current);
    };
  }, []);

  const rowSelection = useMemo<RowSelectionOptions | undefined>(
    () =>
      // Everyone selects (archive cards to print); only 负责人/管理员 also transfer.
      !bin
        ? // The infinite model cannot "select all" rows it has not loaded, so no header checkbox.
          { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false }
        : undefined,
    [bin],
  );

  const columnChoices = () => {
    const api = apiRef.current;
    if (!api) return [];
    const state = new Map(api.getColumnState().map((s, i) => [s.colId, { ...s, index: i }]));
    return COLUMN_SPECS.map((spec) => ({
      id: spec.id,
      header: spec.header,
      visible: !state.get(spec.id)?.hide,
      locked: !!spec.locked,
      index: state.get(spec.id)?.index ?? 0,
    })).sort((a, b) => a.index - b.index);
  };

  /** The list as it stands: its filter and sort, its visible columns in their order. */
  const exportTarget = (): ExportTarget => {
    const state = apiRef.current?.getColumnState() ?? [];
    const sort = state.find((s) => s.sort && isSortColumn(s.colId));
    const managerName = (id: string) => (id === '0' ? '未分配' : (options.managers.find((m) => String(m.id) === id)?.displayName ?? `ID ${id}`));
    const summary = joinParts(
      [
        session.user.role === 'manager' && '我负责的客户',
        filters.q.trim() && `关键词“${filters.q.trim()}”`,
        filters.tier && `分级：${filters.tier}`,
        filters.status && `状态：${filters.status}`,
        filters.managerId && `客户经理：${managerName(filters.managerId)}`,
        filters.region && `片区：${filters.region}`,
        filters.tag && `标签：${filters.tag}`,
        filters.keyCustomer && '仅重点客户',
        bin && '回收站中的客户',
      ],
      '全部客户',
    );
    return {
      kind: 'customers',
      filter: { ...query, ...(sort ? { sort: sort.colId as never, dir: sort.sort ?? 'asc' } : {}) },
      columns: exportColumnsForGrid(state.filter((s) => !s.hide).map((s) => s.colId)),
      summary: total === null ? summary : `${summary}（共 ${total} 个）`,
    };
  };

  const transferSelection = (): TransferSelection => {
    if (!allSelected) return { ids: selected };
    const { deleted: _deleted, ...filter } = query;
    return { filter, count: allOf!.count, summary: exportTarget().summary.replace(/（共 \d+ 个）$/, '') };
  };

  return (
    <div className="cx-page cx-list">
      <div className="cx-toolbar">
        <h1 className="cx-title">{bin ? '回收站' : '客户档案'}</h1>
        <span className="cx-total" data-testid="customer-total" aria-live="polite">
          {total === null ? '' : `共 ${total} 个客户`}
        </span>
        {allSelected ? (
          <span className="cx-selected-all" data-testid="selected-all">
            已选当前筛选的全部 {allOf!.count} 个
            <button type="button" className="link" onClick={clearAll}>
              取消全选
            </button>
          </span>
        ) : (
          selected.length > 0 && <span className="muted">已选 {selected.length} 个</span>
        )}
        {canManage && !bin && !allSelected && !!total && (
          <button type="button" className="link" onClick={selectAll} title="在列表中按 Ctrl+A 也可全选">
            全选筛选结果（{total} 个）
          </button>
        )}
        <span className="spacer" />
        {!bin && (
          <PrintButton
            label="打印档案卡"
            title="客户档案卡"
            hint={`勾选客户后预览他们的客户档案卡（每位一页，一次最多 ${MAX_ARCHIVE_CARDS} 位）`}
            disabled={!selected.length || selected.length > MAX_ARCHIVE_CARDS}
            load={(output) => invoke('print.archiveCards', { customers: selected, output })}
            onError={setPrintError}
          />
        )}
        {canManage && !bin && (
          <button type="button" className="btn" disabled={!selected.length && !allSelected} onClick={() => setTransferOpen(true)}>
            移交给…
          </button>
        )}
        {canManage && (
          <button
            type="button"
            className={bin ? 'btn cx-toggled' : 'btn'}
            aria-pressed={bin}
            onClick={() => {
              setSelected([]);
              setFilters({ ...filters, deleted: !bin });
            }}
          >
            {bin ? '返回客户列表' : '回收站'}
          </button>
        )}
        <ExportButton target={exportTarget} disabled={total === 0} />
        <ColumnMenu
          getColumns={columnChoices}
          onToggle={(id, visible) => {
            apiRef.current?.setColumnsVisible([id], visible);
            savePrefs();
          }}
          onReset={() => {
            apiRef.current?.applyColumnState({
              state: COLUMN_SPECS.map((s) => ({ colId: s.id, width: s.width, hide: s.hide ?? false })),
              applyOrder: true,
            });
            savePrefs();
          }}
        />
        <button type="button" className="btn primary" title="Alt+N" onClick={() => navigate('customers/new')}>
          新建客户
        </button>
      </div>
      <CustomerFilters
        value={filters}
        onChange={setFilters}
        options={options}
        showManager={session.user.role !== 'manager'}
        searchRef={searchRef}
        onSearchDown={focusGrid}
      />
      <FormError message={printError} />
      {loadError && (
        <div className="cx-alert" role="alert">
          {loadError}
        </div>
      )}
      {notice && (
        <div className="cx-notice" role="status">
          {notice}
          <button type="button" className="link" onClick={() => setNotice('')} aria-label="关闭提示">
            ×
          </button>
        </div>
      )}
      <div className="cx-grid-wrap">
        <AgGridReact<CustomerRow>
          theme={gridTheme}
          // The page says why the list is empty (还没有…/没有符合条件的…): the grid's own 无显示行 would say it twice.
          suppressNoRowsOverlay
          localeText={AG_GRID_LOCALE_CN}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={20}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortingOrder: ['asc', 'desc', null] }}
          maintainColumnOrder
          getRowId={(p) => String(p.data.id)}
          rowSelection={rowSelection}
          enableBrowserTooltips
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows().map((r) => r.id))}
          onRowDoubleClicked={(e) => {
            if (e.data) navigate(`customers/${e.data.id}`);
          }}
          onCellKeyDown={(e: CellKeyDownEvent<CustomerRow>) => {
            const ev = e.event as KeyboardEvent | undefined;
            if (ev?.key === 'Enter' && e.data) navigate(`customers/${e.data.id}`);
            // Ctrl+A in the grid: the whole filtered list, not just the rows loaded so far.
            if (ev && (ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'a' && canManage && !bin) {
              ev.preventDefault();
              selectAll();
            }
          }}
          onColumnResized={(e: ColumnResizedEvent) => {
            if (e.finished && e.source === 'uiColumnResized') savePrefs();
          }}
          onColumnMoved={(e: ColumnMovedEvent) => {
            if (e.finished && (e.source === 'uiColumnMoved' || e.source === 'uiColumnDragged')) savePrefs();
          }}
        />
        {total === 0 && (
          <div className="cx-empty">
            {bin ? '回收站是空的' : filters.q || hasFilters(filters) ? '没有符合条件的客户' : '还没有客户，按 Alt+N 新建'}
          </div>
        )}
      </div>
      {transferOpen && (
        <TransferDialog
          selection={transferSelection()}
          managers={options.managers}
          onClose={() => setTransferOpen(false)}
          onDone={(count) => {
            setTransferOpen(false);
            setNotice(`已移交 ${count} 个客户`);
            clearAll();
            apiRef.current?.purgeInfiniteCache();
          }}
        />
      )}
    </div>
  );
}
