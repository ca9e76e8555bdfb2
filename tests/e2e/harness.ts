import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core/app';
import { MIN_PASSWORD_COST } from '../../electron/core/auth/password';
import { systemPdfRenderer } from '../../electron/core/pdf/chromium';
import { startWebHost } from '../../electron/web/server';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import { idCardCheckChar } from '../../shared/validators/idCard';

export const CHROMIUM_PATH = process.env.BRANCHDESK_CHROMIUM ?? '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(root, 'tests/.artifacts/screenshots');

export interface RunningApp {
  url: string;
  core: Core;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real core on a fresh SQLite file behind the real web host, serving the built renderer,
 * with the PDF renderer the web host has (the system Chromium, started on the first PDF).
 * `now` puts the core on a test's clock.
 */
export async function startApp(options: { now?: () => Date } = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-e2e-'));
  // Passwords hashed at the lowest cost (as in the unit tests): the screens are under test, not scrypt.
  const core = openCore({ dataDir, host: 'web', passwordCost: MIN_PASSWORD_COST, pdf: systemPdfRenderer(), ...(options.now ? { now: options.now } : {}) });
  const host = await startWebHost({ core, staticDir: path.join(root, 'out/renderer') });
  return {
    url: host.url,
    core,
    dataDir,
    close: async () => {
      await host.close();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(url);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Calls the core directly (arrange steps), as a given session token; throws on `ok: false`. */
export async function coreCall<K extends MethodName>(
  core: Core,
  token: string | null,
  method: K,
  input: InputOf<K>,
): Promise<OutputOf<K>> {
  const { result } = await core.router.invoke(token, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as OutputOf<K>;
}

export async function coreLogin(core: Core, name: string, password: string): Promise<string> {
  const outcome = await core.router.invoke(null, 'auth.login', { name, password });
  if (!outcome.result.ok || !outcome.sessionToken) throw new Error(`login ${name} failed`);
  return outcome.sessionToken;
}

export const ADMIN = { name: 'admin', password: 'Admin#2026' };

/**
 * A branch set up through the core: admin, one supervisor, two managers
 * (passwords already changed, so no forced password change screen).
 */
export async function seedBranch(core: Core) {
  await coreCall(core, null, 'setup.init', {
    branchName: '城关支行',
    branchType: 'bank',
    adminName: ADMIN.name,
    adminDisplayName: '系统管理员',
    password: ADMIN.password,
  });
  const admin = await coreLogin(core, ADMIN.name, ADMIN.password);
  const users = {
    supervisor: { name: 'zhuguan', displayName: '周主管', role: 'supervisor' as const, password: 'Super#2026' },
    manager1: { name: 'wangli', displayName: '王丽', role: 'manager' as const, password: 'Mgr1#2026x' },
    manager2: { name: 'liqiang', displayName: '李强', role: 'manager' as const, password: 'Mgr2#2026x' },
  };
  const ids: Record<keyof typeof users, number> = { supervisor: 0, manager1: 0, manager2: 0 };
  for (const [key, u] of Object.entries(users) as [keyof typeof users, (typeof users)[keyof typeof users]][]) {
    const created = await coreCall(core, admin, 'users.create', u);
    ids[key] = created.id;
    core.db.prepare('UPDATE users SET must_change_password = 0 WHERE id = ?').run(created.id);
  }
  return { admin, users, ids };
}

export async function loginThroughUi(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** A valid ID number (北京东城 110101) born on `birth` (YYYYMMDD), told apart by `seq`. */
export function idNumber(birth: string, seq: number): string {
  const first17 = `110101${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

