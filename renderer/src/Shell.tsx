import { useEffect, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../shared/domain/constants';
import { useHashRoute } from './router';
import { hasRole, useSession } from './session';
import { CustomersPage } from './pages/customers/CustomersPage';
import { CustomerPage } from './pages/customers/CustomerPage';
import { UsersPage } from './pages/admin/UsersPage';
import { DictsPage } from './pages/admin/DictsPage';
import { AuditPage } from './pages/admin/AuditPage';
import { SettingsPage } from './pages/admin/SettingsPage';
import { PasswordPage } from './pages/auth/PasswordPage';
import { HomePage } from './pages/home/HomePage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { ReportPage } from './pages/reports/ReportPage';
import { ScorePage } from './pages/score/ScorePage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { PlanPage } from './pages/plans/PlanPage';
import { SheetReturnPage } from './pages/sheets/SheetReturnPage';
import { VisitListPage } from './pages/visits/VisitListPage';
import { VisitPage } from './pages/visits/VisitPage';
import { BulkEntryPage } from './pages/visits/BulkEntryPage';
import { FollowUpsPage } from './pages/followups/FollowUpsPage';
import { ComplaintsPage } from './pages/complaints/ComplaintsPage';
import { ComplaintPage } from './pages/complaints/ComplaintPage';
import { ReceiptsPage } from './pages/receipts/ReceiptsPage';
import { ImportPage } from './pages/imports/ImportPage';
import type { Role } from '../../shared/api/define';

interface NavItem {
  path: string;
  label: string;
  roles?: Role[];
}

const NAV: NavItem[] = [
  { path: 'home', label: '今日' },
  { path: 'dashboard', label: '工作看板' },
  { path: 'reports', label: '月度报告' },
  { path: 'score', label: '服务质量评分' },
  { path: 'customers', label: '客户档案' },
  { path: 'plans', label: '走访计划' },
  { path: 'visits', label: '走访记录' },
  { path: 'sheets', label: '回收登记' },
  { path: 'bulk', label: '批量录入' },
  { path: 'followups', label: '待跟进' },
  { path: 'complaints', label: '投诉反馈' },
  { path: 'receipts', label: '签收单' },
  { path: 'imports', label: '数据导入' },
  { path: 'users', label: '用户管理', roles: ['admin'] },
  { path: 'dicts', label: '字典管理', roles: ['admin'] },
  { path: 'audit', label: '审计日志', roles: ['admin'] },
  { path: 'settings', label: '系统设置', roles: ['admin'] },
  { path: 'password', label: '修改密码' },
];

/** The landing page after login (今日: what to do today). */
const DEFAULT_PAGE = 'home';

/** `#/x/<id>`: a positive id, or NaN (the page says the address is wrong). */
const idOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : NaN);

function routeTo(parts: string[]): ReactNode {
  const [page, id, arg] = parts;
  switch (page) {
    case 'home':
      return <HomePage />;
    case 'dashboard':
      return <DashboardPage />;
    case 'score':
      return <ScorePage />;
    case 'reports':
      return id ? <ReportPage key={id} id={idOf(id)} /> : <ReportsPage />;
    case 'plans':
      return <PlanPage />;
    case 'sheets':
      return <SheetReturnPage />;
    case 'visits':
      // #/visits/new/<customerId> starts a visit of that customer (from 今日's overdue list).
      if (id === 'new') return <VisitPage key={`new-${arg ?? ''}`} id={null} customerId={arg ? idOf(arg) : undefined} />;
      return id ? <VisitPage key={id} id={idOf(id)} /> : <VisitListPage />;
    case 'bulk':
      return <BulkEntryPage />;
    case 'followups':
      return <FollowUpsPage />;
    case 'complaints':
      if (id) return <ComplaintPage key={id} id={id === 'new' ? null : idOf(id)} />;
      return <ComplaintsPage />;
    case 'receipts':
      return <ReceiptsPage />;
    case 'imports':
      return <ImportPage tab={id === 'batches' ? 'batches' : 'new'} />;
    case 'customers':
      return id ? <CustomerPage key={id} id={id === 'new' ? null : Number(id)} /> : <CustomersPage />;
    case 'users':
      return <UsersPage />;
    case 'dicts':
      return <DictsPage />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
    case 'password':
      return <PasswordPage />;
    default:
      return <HomePage />;
  }
}

export function Shell() {
  const { session, logout } = useSession();
  const route = useHashRoute();
  // Until the password an administrator set is replaced, 修改密码 is the only page: no other page
  // mounts, so neither its loads nor its shortcuts (Alt+N on 客户档案) run; the core refuses them too.
  const forced = session.user.mustChangePassword;
  const parts = forced ? ['password'] : route;
  const current = parts[0] ?? DEFAULT_PAGE;
  useEffect(() => {
    // The address follows, so the page stays on 修改密码 (with its confirmation) once the change is made.
    if (forced && route[0] !== 'password') window.location.replace('#/password');
  }, [forced, route]);
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <div className="brand-name">BranchDesk</div>
          <div className="brand-sub">网点客户经理工作台</div>
        </div>
        <nav>
          {NAV.filter((n) => (forced ? n.path === 'password' : !n.roles || hasRole(session, ...n.roles))).map((n) => (
            <a key={n.path} href={`#/${n.path}`} className={current === n.path ? 'active' : ''}>
              {n.label}
            </a>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <span className="branch">{session.branchName}</span>
          <span className="spacer" />
          <span className="who" data-testid="current-user">
            {session.user.displayName}（{ROLE_LABELS[session.user.role]}）
          </span>
          <button type="button" className="link" onClick={() => void logout()}>
            退出登录
          </button>
        </header>
        <main className="content">
          {forced ? <div className="notice">管理员为您设置了初始密码（或重置了密码），修改密码后才能使用其他功能。</div> : null}
          {routeTo(parts)}
        </main>
      </div>
    </div>
  );
}
