import { useCallback, useEffect, useState } from 'react';
import type { UserSummary } from '../../../../shared/api/users';
import { ROLES, type Role } from '../../../../shared/api/define';
import { PASSWORD_MIN_LENGTH, ROLE_LABELS } from '../../../../shared/domain/constants';
import { errorMessage, invoke } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { FormError, FormNotice } from '../../components/FormError';
import { FormDialog } from '../../components/FormDialog';
import { useSubmit } from '../../components/useSubmit';
import { useSession } from '../../session';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** `2026-03-05 14:20:11` → `14:20` today, `03-05 14:20` on another day. */
function shortTime(ts: string): string {
  return ts.slice(0, 10) === today() ? ts.slice(11, 16) : `${ts.slice(5, 10)} ${ts.slice(11, 16)}`;
}

function UserStatus({ user }: { user: UserSummary }) {
  if (user.disabled) return <span className="badge muted">停用</span>;
  if (user.lockedUntil) return <span className="badge danger">已锁定至{shortTime(user.lockedUntil)}</span>;
  return <span className="badge ok">启用</span>;
}

function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (u: UserSummary) => void }) {
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('manager');
  const [password, setPassword] = useState('');
  const form = useSubmit({ fields: ['name', 'displayName', 'role', 'password'] });
  const errors = form.fieldErrors;

  const save = () => form.run(async () => onCreated(await invoke('users.create', { name: name.trim(), displayName: displayName.trim(), role, password })));

  return (
    <FormDialog title="新建用户" submitLabel="创建" onClose={onClose} onSubmit={() => void save()} busy={form.busy} error={form.error}>
      <div className="form-horizontal compact">
        <TextField label="用户名" value={name} onChange={setName} error={errors.name} hint="登录用，创建后不能修改" maxLength={30} autoFocus />
        <TextField label="姓名" value={displayName} onChange={setDisplayName} error={errors.displayName} maxLength={30} />
        <SelectField label="角色" value={role} onChange={setRole} options={ROLE_OPTIONS} error={errors.role} />
        <TextField
          label="初始密码"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          hint={`至少${PASSWORD_MIN_LENGTH}位；用户首次登录时须修改`}
          autoComplete="new-password"
        />
      </div>
    </FormDialog>
  );
}

function EditUserDialog({
  user,
  isSelf,
  onClose,
  onSaved,
}: {
  user: UserSummary;
  isSelf: boolean;
  onClose: () => void;
  onSaved: (u: UserSummary) => void;
}) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [disabled, setDisabled] = useState(user.disabled);
  const [fullExport, setFullExport] = useState(user.fullExport);
  const form = useSubmit({ fields: ['displayName', 'role', 'disabled', 'fullExport'] });
  const errors = form.fieldErrors;
  const [confirmDialog, confirm] = useConfirm();

  async function save() {
    if (disabled && !user.disabled) {
      const ok = await confirm({
        title: '停用用户',
        message: (
          <>
            停用后「{user.displayName}」将立即退出登录，且不能再登录。
            {user.customerCount > 0 ? `其名下${user.customerCount}个客户仍保留，可另行移交。` : ''}
            <br />
            确定停用吗？
          </>
        ),
        confirmLabel: '停用',
        danger: true,
      });
      if (!ok) return;
    }
    await form.run(async () => onSaved(await invoke('users.update', { id: user.id, displayName: displayName.trim(), role, disabled, fullExport })));
  }

  return (
    <FormDialog title={`编辑用户 · ${user.name}`} onClose={onClose} onSubmit={() => void save()} busy={form.busy} error={form.error}>
      <div className="form-horizontal compact">
        <TextField label="姓名" value={displayName} onChange={setDisplayName} error={errors.displayName} maxLength={30} autoFocus />
        <SelectField label="角色" value={role} onChange={setRole} options={ROLE_OPTIONS} error={errors.role} />
        <SelectField
          label="账号状态"
          value={disabled ? 'off' : 'on'}
          onChange={(v) => setDisabled(v === 'off')}
          options={[
            { value: 'on', label: '启用' },
            { value: 'off', label: '停用' },
          ]}
          disabled={isSelf}
          hint={isSelf ? '不能停用自己的账号' : undefined}
          error={errors.disabled}
        />
        <CheckboxField label="允许完整导出" checked={fullExport} onChange={setFullExport} error={errors.fullExport} />
      </div>
      {confirmDialog}
    </FormDialog>
  );
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: UserSummary; onClose: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [confirmPw, setConfirmPw] = useState('');
  // 确认密码 is checked here only; the core knows newPassword.
  const form = useSubmit<'newPassword' | 'confirm'>({ fields: ['newPassword'] });
  const errors = form.fieldErrors;

  async function save() {
    if (password.length < PASSWORD_MIN_LENGTH) return form.setFieldErrors({ newPassword: `密码至少${PASSWORD_MIN_LENGTH}位` });
    if (confirmPw !== password) return form.setFieldErrors({ confirm: '两次输入的密码不一致' });
    form.setFieldErrors({});
    await form.run(async () => {
      await invoke('users.resetPassword', { id: user.id, newPassword: password });
      onDone();
    });
  }

  return (
    <FormDialog
      title={`重置密码 · ${user.displayName}`}
      submitLabel="重置密码"
      notice="重置后该用户会被退出登录，账号锁定同时解除；下次登录须修改密码。"
      onClose={onClose}
      onSubmit={() => void save()}
      busy={form.busy}
      error={form.error}
    >
      <div className="form-horizontal compact">
        <TextField
          label="新密码"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.newPassword}
          hint={`至少${PASSWORD_MIN_LENGTH}位`}
          autoComplete="new-password"
          autoFocus
        />
        <TextField label="确认密码" type="password" value={confirmPw} onChange={setConfirmPw} error={errors.confirm} autoComplete="new-password" />
      </div>
    </FormDialog>
  );
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserSummary } | { kind: 'reset'; user: UserSummary } | null;

export function UsersPage() {
  const { session, refresh } = useSession();
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const load = useCallback(async () => {
    try {
      setUsers(await invoke('users.list', {}));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  function done(text: string) {
    setDialog(null);
    setError(null);
    setNotice(text);
    void load();
  }

  async function unlock(u: UserSummary) {
    setNotice(null);
    setError(null);
    try {
      await invoke('users.unlock', { id: u.id });
      done(`已解锁「${u.displayName}」，可以重新登录`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div>
      <div className="page-header">
        <h1>用户管理</h1>
        <span className="sub">{users ? `共 ${users.length} 个账号` : ''}</span>
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={() => setDialog({ kind: 'create' })}>
          新建用户
        </button>
      </div>
      <FormError message={error} />
      <FormNotice kind="success">{notice}</FormNotice>
      <div className="panel table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>状态</th>
              <th className="num">客户数</th>
              <th>最近登录</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {users?.map((u) => (
              <tr key={u.id} className={u.disabled ? 'inactive' : ''} data-testid={`user-row-${u.name}`}>
                <td>{u.name}</td>
                <td>
                  {u.displayName}
                  {u.id === session.user.id ? <span className="badge info" style={{ marginLeft: 6 }}>当前</span> : null}
                </td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>
                  <UserStatus user={u} />
                  {u.fullExport ? <span className="badge info" style={{ marginLeft: 6 }}>可完整导出</span> : null}
                </td>
                <td className="num">{u.customerCount}</td>
                <td className="nowrap mono">{u.lastLoginAt ? u.lastLoginAt.slice(0, 16) : <span className="muted">从未登录</span>}</td>
                <td>
                  <span className="actions">
                    <button type="button" className="btn-text" onClick={() => setDialog({ kind: 'edit', user: u })}>
                      编辑
                    </button>
                    <button type="button" className="btn-text" onClick={() => setDialog({ kind: 'reset', user: u })}>
                      重置密码
                    </button>
                    {u.lockedUntil ? (
                      <button type="button" className="btn-text danger" onClick={() => void unlock(u)}>
                        解锁
                      </button>
                    ) : null}
                  </span>
                </td>
              </tr>
            ))}
            {users && users.length === 0 ? (
              <tr>
                <td colSpan={7} className="empty">
                  暂无用户
                </td>
              </tr>
            ) : null}
            {!users && !error ? (
              <tr>
                <td colSpan={7} className="empty">
                  正在加载…
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      {dialog?.kind === 'create' ? (
        <CreateUserDialog
          onClose={() => setDialog(null)}
          onCreated={(u) => done(`已创建用户「${u.displayName}」（${u.name}），首次登录时须修改初始密码`)}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditUserDialog
          user={dialog.user}
          isSelf={dialog.user.id === session.user.id}
          onClose={() => setDialog(null)}
          onSaved={(u) => {
            done(`已保存「${u.displayName}」的修改`);
            // The top bar shows my own name and role: read them again after editing myself.
            if (u.id === session.user.id) void refresh().catch(() => undefined);
          }}
        />
      ) : null}
      {dialog?.kind === 'reset' ? (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => done(`已重置「${dialog.user.displayName}」的密码`)}
        />
      ) : null}
    </div>
  );
}
