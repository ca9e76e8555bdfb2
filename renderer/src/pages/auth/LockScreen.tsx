import { useRef, useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../shared/api/auth';
import { ApiFailure, errorMessage, invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useFocusTrap, useLayer } from '../../components/Modal';

function LockIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <rect x="4" y="10" width="16" height="11" rx="2" />
      <path d="M8 10V7a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

interface LockScreenProps {
  session: SessionInfo;
  onUnlocked: (s: SessionInfo) => void;
  onLoggedOut: (notice: string) => void;
}

/**
 * Covers the app after idle time. The page underneath stays mounted (unsaved form
 * input survives), but the overlay traps focus so nothing behind it can be typed into.
 */
export function LockScreen({ session, onUnlocked, onLoggedOut }: LockScreenProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const card = useRef<HTMLDivElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  // Registered as a layer without an Esc action: Esc must not close a dialog hidden behind the lock.
  useLayer(() => undefined);
  useFocusTrap(card);

  async function unlock(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!password) {
      setError('请输入密码');
      passwordInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await invoke('auth.unlock', { password }));
    } catch (err) {
      // The session is gone (expired, account disabled or now locked out): the next person logs in afresh.
      if (err instanceof ApiFailure && (err.code === 'NOT_LOGGED_IN' || err.code === 'ACCOUNT_LOCKED')) {
        onLoggedOut(err.message);
        return;
      }
      // The user name is fixed here, so "用户名或密码错误" would only confuse.
      setError(errorMessage(err).replace(/^用户名或密码错误/, '密码错误'));
      setPassword('');
      setBusy(false);
      passwordInput.current?.focus();
    }
  }

  async function switchUser() {
    setBusy(true);
    await invoke('auth.logout', {}).catch(() => undefined);
    window.location.hash = '';
    onLoggedOut('已退出登录');
  }

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="lock-card" ref={card}>
        <div className="lock-icon">
          <LockIcon />
        </div>
        <h2 className="lock-title" id="lock-title">
          已锁定
        </h2>
        <div className="lock-user">
          <strong>{session.user.displayName}</strong>（{session.user.name}）· {session.branchName}
        </div>
        <form onSubmit={unlock} noValidate>
          <FormError message={error} />
          <Field label="密码" hint="输入登录密码解锁">
            <input
              ref={passwordInput}
              className="input"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              autoFocus
              maxLength={128}
            />
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn primary block" disabled={busy}>
              解锁
            </button>
            <button type="button" className="btn block" disabled={busy} onClick={() => void switchUser()}>
              切换用户
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
