import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** In each temp folder: which process made it, so a later start knows whether anyone still needs it. */
const OWNER_FILE = '.owner';

function ownerPid(dir: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(p: string): void {
  try {
    rmSync(p, { recursive: true, force: true });
  } catch {
    // Still open elsewhere (Windows) or removed meanwhile: the next sweep tries again.
  }
}

/**
 * Leftovers of earlier runs in `tmp/<part>/<entry>` (uploads, jobs' files: personal data).
 * A folder whose process is gone (killed, crashed, closed without cleaning up) is removed at
 * once; one of a process still running (the web host and the CLI may share the folder with
 * the desktop app) is left to it, unless it is older than a day (its pid may have been reused).
 */
export function sweepTemp(dataDir: string): void {
  const root = tmpDir(dataDir);
  if (!existsSync(root)) return;
  for (const part of readdirSync(root, { withFileTypes: true })) {
    if (!part.isDirectory()) continue;
    const dir = path.join(root, part.name);
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      try {
        const owner = ownerPid(p);
        if ((owner !== null && !processAlive(owner)) || Date.now() - statSync(p).mtimeMs > STALE_TEMP_MS) removeQuietly(p);
      } catch {
        // Another process may be removing the same folder.
      }
    }
  }
}

/**
 * The temp folders one core made (`tmp/<part>/<name>`): each is marked with this process, and
 * whatever is left when the core closes is removed then (an upload or a job's file is of no
 * use once the process that handed out its id has gone).
 */
export class TempArea {
  private readonly owned = new Set<string>();

  constructor(readonly dataDir: string) {}

  create(part: string, name: string): string {
    const dir = tmpDir(this.dataDir, part, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify({ pid: process.pid }));
    this.owned.add(dir);
    return dir;
  }

  owns(dir: string): boolean {
    return this.owned.has(dir);
  }

  /** The folder's own files, without the owner mark. */
  files(dir: string): string[] {
    return readdirSync(dir).filter((n) => n !== OWNER_FILE);
  }

  remove(dir: string): void {
    removeQuietly(dir);
    this.owned.delete(dir);
  }

  clear(): void {
    for (const dir of this.owned) removeQuietly(dir);
    this.owned.clear();
  }
}
