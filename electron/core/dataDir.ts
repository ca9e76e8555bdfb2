import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/** Temporary files of the app (uploads, jobs' output) in the data folder: `tmp/<part>/…`. */
export function tmpDir(dataDir: string, ...parts: string[]): string {
  return path.join(dataDir, 'tmp', ...parts);
}

const STALE_TEMP_MS = 24 * 60 * 60_000;

/** Leftovers of earlier runs (a crash, a killed process): each `tmp/<part>/<entry>` older than a day is removed. */
export function sweepTemp(dataDir: string): void {
  const root = tmpDir(dataDir);
  if (!existsSync(root)) return;
  for (const part of readdirSync(root, { withFileTypes: true })) {
    if (!part.isDirectory()) continue;
    const dir = path.join(root, part.name);
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      try {
        if (Date.now() - statSync(p).mtimeMs > STALE_TEMP_MS) rmSync(p, { recursive: true, force: true });
      } catch {
        // Another process may be removing the same folder.
      }
    }
  }
}
