import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/domain/constants';
import { invoke } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormError, FormNotice, splitError } from '../../components/FormError';
import { useSession } from '../../session';

type FieldName = 'oldPassword' | 'newPassword' | 'confirm';
const FIELDS: readonly FieldName[] = ['oldPassword', 'newPassword', 'confirm'];

export function PasswordPage() {
  const { session, refresh } = useSession();
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const local: Partial<Record<FieldName, string>> = {};
    if (!oldPassword) local.oldPassword = '请输入原密码';
    if (newPassword.length < PASSWORD_MIN_LENGTH) local.newPassword = `新密码至少${PASSWORD_MIN_LENGTH}位`;
    else if (newPassword === oldPassword) local.newPassword = '新密码不能与原密码相同';
    if (confirm !== newPassword) local.confirm = '两次输入的新密码不一致';
    setErrors(local);
    setMessage(null);
    setDone(false);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await invoke('auth.changePassword', { oldPassword, newPassword });
      setOldPassword('');
      setNewPassword('');
      setConfirm('');
      setDone(true);
      // The session still says "must change password" until it is read again.
      await refresh().catch(() => undefined);
    } catch (err) {
      const split = splitError(err, FIELDS);
      setErrors(split.fields);
      setMessage(split.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <div className="page-header">
        <h1>修改密码</h1>
        <span className="sub">
          {session.user.displayName}（{session.user.name}）
        </span>
      </div>
      <div className="panel padded narrow-panel">
        {session.user.mustChangePassword && !done ? (
          <FormNotice>您正在使用管理员设置的初始密码，请设置一个只有自己知道的新密码。</FormNotice>
        ) : null}
        {done ? <FormNotice kind="success">密码已修改，下次登录请使用新密码。</FormNotice> : null}
        <FormError message={message} />
        <form className="form-horizontal" onSubmit={submit} noValidate>
          <TextField
            label="原密码"
            type="password"
            value={oldPassword}
            onChange={setOldPassword}
            error={errors.oldPassword}
            autoComplete="current-password"
            autoFocus
          />
          <TextField
            label="新密码"
            type="password"
            value={newPassword}
            onChange={setNewPassword}
            error={errors.newPassword}
            hint={`至少${PASSWORD_MIN_LENGTH}位，建议字母、数字和符号混合`}
            autoComplete="new-password"
          />
          <TextField
            label="确认新密码"
            type="password"
            value={confirm}
            onChange={setConfirm}
            error={errors.confirm}
            autoComplete="new-password"
          />
          <div className="form-actions">
            <button type="submit" className="btn primary" disabled={busy}>
              {busy ? '正在保存…' : '保存新密码'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
