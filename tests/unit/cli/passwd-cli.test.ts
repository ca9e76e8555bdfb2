import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/app';
import { testChildEnv } from '../helpers/passwordCost';

// Issue 15, items 2 and 3 from the command line: an account an administrator created must
// change its password (`passwd`) before any other command, and the change ends the account's
// sessions in the other processes on the same database. Same approach as cli.test.ts: real
// child processes on one shared database, walked through in order.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-passwd-cli-'));
const db = path.join(dir, '网点.db');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [tsxCli, 'electron/cli/main.ts', ...args, '--db', db], {
    cwd: root,
    encoding: 'utf8',
    env: testChildEnv({ BRANCHDESK_PASSWORD: '', ...env }),
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (r: Run) => JSON.parse(r.stdout);
const ADMIN = ['--user', 'admin', '--password', 'Admin#2026'];
const INITIAL = 'Zs#Init2026';
const OWN = 'Zs#Own20260101';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('branchdesk CLI: passwd', { timeout: 120_000 }, () => {
  it('a new account is refused every other command, with the way out named', () => {
    expect(cli(['init', '--branch', '城关烟草营销部', '--type', 'tobacco', '--admin', 'admin', '--password', 'Admin#2026']).status).toBe(0);
    const add = cli(['user', 'add', ...ADMIN, '--name', 'zhangsan', '--role', 'manager', '--new-password', INITIAL, '--display-name', '张三']);
    expect(add.status, add.stderr).toBe(0);

    const r = cli(['customer', 'list', '--user', 'zhangsan', '--password', INITIAL, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^错误：请先修改密码：.*passwd --new <新密码>/);
    expect(json(r)).toEqual({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringContaining('passwd --new') } });
  });

  it('usage errors exit 2; a refused new password exits 1 and names the field', () => {
    const missing = cli(['passwd', '--user', 'zhangsan', '--password', INITIAL]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^错误：.*--new/);

    const short = cli(['passwd', '--user', 'zhangsan', '--password', INITIAL, '--new', 'short', '--json']);
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/^错误：新密码/);
    expect(json(short)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'newPassword' } });

    const same = cli(['passwd', '--user', 'zhangsan', '--password', INITIAL, '--new', INITIAL]);
    expect(same.status).toBe(1);
    expect(same.stderr).toMatch(/^错误：新密码不能与原密码相同/);

    const wrong = cli(['passwd', '--user', 'zhangsan', '--password', 'not-the-password', '--new', OWN, '--json']);
    expect(wrong.status).toBe(1);
    expect(json(wrong)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });

  it('passwd changes the password, ends the account’s session in another process, and opens the other commands', async () => {
    // The web host (or the desktop app) on the same database, with zhangsan logged in there.
    const web = openCore({ dataDir: dir, dbPath: db });
    try {
      const login = await web.router.invoke(null, 'auth.login', { name: 'zhangsan', password: INITIAL });
      expect(login.result.ok).toBe(true);

      const r = cli(['passwd', '--user', 'zhangsan', '--password', INITIAL, '--new', OWN, '--json']);
      expect(r.status, r.stderr).toBe(0);
      expect(json(r)).toEqual({ ok: true, user: 'zhangsan' });

      const after = await web.router.invoke(login.sessionToken, 'auth.me', {});
      expect(after.result).toEqual({ ok: true, value: null });
    } finally {
      web.close();
    }

    const list = cli(['customer', 'list', '--user', 'zhangsan', '--password', OWN, '--json']);
    expect(list.status, list.stderr).toBe(0);
    expect(json(list)).toMatchObject({ total: 0 });
    const old = cli(['customer', 'list', '--user', 'zhangsan', '--password', INITIAL]);
    expect(old.status).toBe(1);
    expect(old.stderr).toMatch(/^错误：用户名或密码错误/);
  });

  it('takes the current password from BRANCHDESK_PASSWORD and says what it did', () => {
    const r = cli(['passwd', '--user', 'zhangsan', '--new', 'Zs#Third2026'], { BRANCHDESK_PASSWORD: OWN });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('已修改用户 zhangsan 的密码');
    expect(cli(['customer', 'list', '--user', 'zhangsan', '--password', 'Zs#Third2026']).status).toBe(0);
  });
});
