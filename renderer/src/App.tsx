import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '../../shared/api/auth';
import { invoke, onSessionProblem, errorMessage } from './api/client';
import { SessionContext } from './session';
import { Shell } from './Shell';
import { SetupPage } from './pages/auth/SetupPage';
import { LoginPage } from './pages/auth/LoginPage';
import { LockScreen } from './pages/auth/LockScreen';
import { useIdleLock } from './useIdleLock';

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'setup' }
  | { kind: 'login'; notice?: string }
  | { kind: 'app'; session: SessionInfo; locked: boolean };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      const status = await invoke('setup.status', {});
      if (!status.initialized) return setPhase({ kind: 'setup' });
      try {
        const me = await invoke('auth.me', {});
        setPhase(me ? { kind: 'app', session: me, locked: false } : { kind: 'login' });
      } catch {
        // SESSION_LOCKED is handled by the listener below.
      }
    } catch (e) {
      setPhase({ kind: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => {
    void load();
    return onSessionProblem((err) => {
      setPhase((p) => {
        if (err.code === 'SESSION_LOCKED' && p.kind === 'app') return { ...p, locked: true };
        if (err.code === 'SESSION_LOCKED') return p;
        // The core wants the password changed first (it was reset, or this window's session info is old): only 修改密码 is left.
        if (err.code === 'PASSWORD_CHANGE_REQUIRED') {
          return p.kind === 'app' ? { ...p, session: { ...p.session, user: { ...p.session.user, mustChangePassword: true } } } : p;
        }
        return { kind: 'login', notice: '登录已失效，请重新登录' };
      });
      if (err.code === 'SESSION_LOCKED') {
        // auth.me answered locked during start-up: fetch who is locked to show the lock screen.
        setPhase((p) => (p.kind === 'loading' ? { kind: 'login' } : p));
      }
    });
  }, [load]);

  const session = phase.kind === 'app' ? phase.session : null;
  const locked = phase.kind === 'app' && phase.locked;
  useIdleLock(session?.idleMinutes ?? 0, !!session && !locked, () => {
    void invoke('auth.lock', {}).catch(() => undefined);
    setPhase((p) => (p.kind === 'app' ? { ...p, locked: true } : p));
  });

  switch (phase.kind) {
    case 'loading':
      return <div className="centered muted">正在加载…</div>;
    case 'error':
      return <div className="centered error-text">{phase.message}</div>;
    case 'setup':
      return <SetupPage onDone={() => setPhase({ kind: 'login', notice: '初始设置完成，请用管理员账号登录' })} />;
    case 'login':
      return <LoginPage notice={phase.notice} onLoggedIn={(s) => setPhase({ kind: 'app', session: s, locked: false })} />;
    case 'app':
      return (
        <SessionContext.Provider
          value={{
            session: phase.session,
            refresh: async () => {
              const me = await invoke('auth.me', {});
              if (me) setPhase({ kind: 'app', session: me, locked: false });
            },
            logout: async () => {
              await invoke('auth.logout', {}).catch(() => undefined);
              window.location.hash = '';
              setPhase({ kind: 'login' });
            },
          }}
        >
          <Shell />
          {phase.locked && (
            <LockScreen
              session={phase.session}
              onUnlocked={(s) => setPhase({ kind: 'app', session: s, locked: false })}
              onLoggedOut={(notice) => setPhase({ kind: 'login', notice })}
            />
          )}
        </SessionContext.Provider>
      );
  }
}
