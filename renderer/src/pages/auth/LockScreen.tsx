// PLACEHOLDER — UI helper replaces this.
import type { SessionInfo } from '../../../../shared/api/contract';
export function LockScreen(_props: { session: SessionInfo; onUnlocked: (s: SessionInfo) => void; onLoggedOut: (notice: string) => void }) {
  return <div>locked</div>;
}
