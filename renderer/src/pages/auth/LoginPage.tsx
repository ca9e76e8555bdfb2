import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../shared/api/auth';
import { errorMessage, invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { FormError, FormNotice } from '../../components/FormError';

export function LoginPage({ notice, onLoggedIn }: { notice?: string; onLoggedIn: (s: SessionInfo) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [branchName, setBranchName] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Shared office PCs: say which branch this is, so nobody logs into the wrong copy.
    invoke('setup.status', {})
      .then((s) => setBranchName(s.branchName))
      .catch(() => undefined);
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setError('请输入用户名');
      nameInput.current?.focus();
      return;
    }
    if (!password) {
      setError('请输入密码');
      passwordInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await invoke('auth.login', { name: name.trim(), password });
      // A new user must replace the initial password first: open that page straight away.
      if (session.user.mustChangePassword) window.location.hash = '#/password';
      onLoggedIn(session);
    } catch (err) {
      setError(errorMessage(err));
      setPassword('');
      setBusy(false);
      passwordInput.current?.focus();
    }
  }

  return (
    <div className="auth-screen">
      <form className="auth-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="auth-brand">
          <div className="auth-logo" aria-hidden="true">
            BD
          </div>
          <div>
            <h1 className="auth-title" id="login-title">
              {branchName ?? 'BranchDesk'}
            </h1>
            <div className="auth-sub">网点客户经理工作台 · 请登录</div>
          </div>
        </div>

        {!error ? <FormNotice>{notice}</FormNotice> : null}
        <FormError message={error} />

        <Field label="用户名">
          <input
            ref={nameInput}
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="username"
            autoFocus
            maxLength={30}
          />
        </Field>
        <Field label="密码">
          <input
            ref={passwordInput}
            className="input"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            maxLength={128}
          />
        </Field>

        <button type="submit" className="btn primary block" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        <div className="auth-foot">忘记密码请联系网点管理员重置</div>
      </form>
    </div>
  );
}
