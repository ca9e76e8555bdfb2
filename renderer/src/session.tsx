import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../shared/api/auth';
import type { Role } from '../../shared/api/define';

export interface SessionContextValue {
  session: SessionInfo;
  /** Refresh after the user changes their own data (password, display name). */
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside the logged-in shell');
  return v;
}

export function hasRole(session: SessionInfo, ...roles: Role[]): boolean {
  return roles.includes(session.user.role);
}
