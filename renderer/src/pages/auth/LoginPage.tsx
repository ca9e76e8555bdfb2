// PLACEHOLDER — UI helper replaces this.
import type { SessionInfo } from '../../../../shared/api/contract';
export function LoginPage(_props: { notice?: string; onLoggedIn: (s: SessionInfo) => void }) {
  return <div>login</div>;
}
