import { CustomerTimeline } from '../timeline/CustomerTimeline';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { ErrorCode } from '../../../../shared/api/result';
import type { Customer } from '../../../../shared/domain/customers';
import { ApiFailure, errorMessage, invoke } from '../../api/client';
import { FormError } from '../../components/FormError';
import { PrintButton } from '../../components/PrintButton';
import { navigate } from '../../router';
import { hasRole, useSession } from '../../session';
import { CustomerEditor } from './CustomerEditor';
import { CustomerHistory } from './CustomerHistory';
import { CustomerVolumes } from './CustomerVolumes';
import { DeleteDialog } from './DeleteDialog';
import { useCustomerOptions } from './useCustomerOptions';
import '../../components/forms.css';
import './customers.css';

type Load = { kind: 'loading' } | { kind: 'failed'; code: ErrorCode | 'INTERNAL'; message: string } | { kind: 'ready'; customer: Customer };
type Tab = 'archive' | 'timeline' | 'volumes' | 'history';
const TABS: readonly Tab[] = ['archive', 'timeline', 'volumes', 'history'];
const TAB_LABELS: Record<Tab, string> = { archive: '档案', timeline: '客户动态', volumes: '业务量', history: '变更历史' };

/** Survives the remount that follows navigating from #/customers/new to the new customer's page. */
let flash = '';

export function CustomerPage({ id }: { id: number | null }) {
  if (id === null) return <NewCustomer />;
  if (!Number.isInteger(id) || id <= 0) return <Refusal code="NOT_FOUND" message="地址中的客户编号无效" />;
  return <ExistingCustomer id={id} />;
}

function BackLink() {
  return (
    <a className="cx-back" href="#/customers">
      ← 客户列表
    </a>
  );
}

/** FORBIDDEN / NOT_FOUND: say what the core said, and offer the way back. */
function Refusal({ code, message }: { code: string; message: string }) {
  const title = code === 'FORBIDDEN' ? '无权查看该客户' : code === 'NOT_FOUND' ? '找不到该客户' : '无法打开该客户';
  return (
    <div className="cx-page">
      <div className="cx-refusal" role="alert">
        <h1>{title}</h1>
        <p>{message}</p>
        <a href="#/customers" autoFocus>
          返回客户列表
        </a>
      </div>
    </div>
  );
}

function NewCustomer() {
  const { session } = useSession();
  const options = useCustomerOptions();
  return (
    <div className="cx-page cx-detail">
      <div className="cx-detail-head">
        <BackLink />
        <h1 className="cx-title">新建客户</h1>
      </div>
      <CustomerEditor
        customer={null}
        options={options}
        userName={session.user.name}
        isManager={session.user.role === 'manager'}
        onSaved={(c) => {
          flash = `已新建客户「${c.name}」，客户编码 ${c.code}`;
          navigate(`customers/${c.id}`);
        }}
        onAbandon={() => navigate('customers')}
        onReload={() => undefined}
      />
    </div>
  );
}

function ExistingCustomer({ id }: { id: number }) {
  const { session } = useSession();
  const options = useCustomerOptions();
  const canManage = hasRole(session, 'admin', 'supervisor');
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [tab, setTab] = useState<Tab>('archive');
  // Read in the initializer (pure, StrictMode calls it twice), cleared once the page is up.
  const [notice, setNotice] = useState(() => flash);
  const [printError, setPrintError] = useState<string | null>(null);
  useEffect(() => {
    flash = '';
  }, []);
  const [deleting, setDeleting] = useState(false);
  const [actionError, setActionError] = useState('');

  const reload = useCallback(async () => {
    try {
      setLoad({ kind: 'ready', customer: await invoke('customers.get', { id }) });
    } catch (e) {
      setLoad({ kind: 'failed', code: e instanceof ApiFailure ? e.code : 'INTERNAL', message: errorMessage(e) });
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (load.kind === 'loading') return <div className="cx-page muted">正在加载…</div>;
  if (load.kind === 'failed') return <Refusal code={load.code} message={load.message} />;
  const c = load.customer;

  const restore = async () => {
    setActionError('');
    try {
      await invoke('customers.restore', { id });
      setNotice('已从回收站恢复');
      await reload();
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const step = e.key === 'ArrowRight' ? 1 : TABS.length - 1;
      const next = TABS[(TABS.indexOf(tab) + step) % TABS.length];
      setTab(next);
      document.getElementById(`cx-tab-${next}`)?.focus();
    }
  };

  return (
    <div className="cx-page cx-detail">
      <div className="cx-detail-head">
        <BackLink />
        <h1 className="cx-title">{c.name}</h1>
        <span className="cx-mono cx-code">{c.code}</span>
        <span className="cx-badge">{c.kind}</span>
        <span className={`cx-badge status-${c.status}`}>{c.status}</span>
        {c.tier && <span className="cx-badge tier">{c.tier}</span>}
        {c.keyCustomer && <span className="cx-badge key">★ 重点客户</span>}
        {c.deleted && <span className="cx-badge deleted">已删除</span>}
        <span className="spacer" />
        <span className="muted cx-meta">
          客户经理：{c.managerDisplayName || '未分配'} · 更新于 {c.updatedAt.slice(0, 16)}
        </span>
        <PrintButton
          label="打印档案卡"
          title="客户档案卡"
          hint="预览该客户的客户档案卡，打印或另存为 PDF"
          load={(output) => invoke('print.archiveCards', { customers: [c.id], output })}
          onError={setPrintError}
        />
        {canManage &&
          (c.deleted ? (
            <button type="button" className="btn" onClick={() => void restore()}>
              恢复
            </button>
          ) : (
            <button type="button" className="btn cx-danger-outline" onClick={() => setDeleting(true)}>
              删除
            </button>
          ))}
      </div>

      <FormError message={printError} />
      {c.deleted && <div className="cx-banner">该客户已删除，正在回收站中。恢复后才能编辑。</div>}
      {notice && (
        <div className="cx-notice" role="status">
          {notice}
          <button type="button" className="link" onClick={() => setNotice('')} aria-label="关闭提示">
            ×
          </button>
        </div>
      )}
      {actionError && (
        <div className="cx-alert" role="alert">
          {actionError}
        </div>
      )}

      <div className="tabs" role="tablist" aria-label="客户信息">
        {TABS.map((t) => (
          <button
            key={t}
            id={`cx-tab-${t}`}
            type="button"
            role="tab"
            aria-selected={tab === t}
            aria-controls={`cx-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className="tab"
            onClick={() => setTab(t)}
            onKeyDown={onTabKey}
          >
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>

      {/* The editor stays mounted on the history tab so a half-typed edit is not lost. */}
      <div id="cx-panel-archive" role="tabpanel" aria-labelledby="cx-tab-archive" hidden={tab !== 'archive'}>
        <CustomerEditor
          key={`${c.version}-${c.deleted}`}
          customer={c}
          options={options}
          userName={session.user.name}
          isManager={session.user.role === 'manager'}
          readOnly={c.deleted}
          active={tab === 'archive'}
          onSaved={(saved) => {
            setNotice('已保存');
            setLoad({ kind: 'ready', customer: saved });
          }}
          onAbandon={() => undefined}
          onReload={() => void reload()}
        />
      </div>
      {tab === 'timeline' && (
        <div id="cx-panel-timeline" role="tabpanel" aria-labelledby="cx-tab-timeline">
          <CustomerTimeline customerId={c.id} />
        </div>
      )}
      {tab === 'volumes' && (
        <div id="cx-panel-volumes" role="tabpanel" aria-labelledby="cx-tab-volumes">
          <CustomerVolumes customerId={c.id} />
        </div>
      )}
      {tab === 'history' && (
        <div id="cx-panel-history" role="tabpanel" aria-labelledby="cx-tab-history">
          <CustomerHistory id={c.id} />
        </div>
      )}

      {deleting && (
        <DeleteDialog
          customer={c}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            setNotice(`已删除客户「${c.name}」，可在回收站中恢复`);
            void reload();
          }}
        />
      )}
    </div>
  );
}
