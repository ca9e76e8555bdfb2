import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'BranchDesk';

/**
 * The same folder Electron's `app.getPath('userData')` gives for our app name, so
 * the web host and the CLI open the desktop app's database by default.
 * `BRANCHDESK_DATA_DIR` overrides it (tests, portable installs, a USB stick).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BRANCHDESK_DATA_DIR) return path.resolve(env.BRANCHDESK_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}
