import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { startWebHost } from '../../../electron/web/server';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security';
import { ADMIN_NAME, ADMIN_PASSWORD, setupBranch, TEST_PASSWORD_COST } from '../helpers/core';

const INDEX_HTML = '<!doctype html><html><head><title>BranchDesk</title></head><body><div id="root"></div></body></html>';
const SECRET = 'SECRET-OUTSIDE-STATIC-DIR';

let root: string;
let core: Core;
let host: { url: string; close(): Promise<void> };
let port: number;

beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-web-'));
  const staticDir = path.join(root, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1);');
  // Files a traversal would reach: the parent folder and a sibling whose name starts like the static folder.
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: SECRET }));
  mkdirSync(path.join(root, 'static-secret'));
  writeFileSync(path.join(root, 'static-secret', 'secret.txt'), SECRET);
  core = openCore({ dataDir: path.join(root, 'data'), passwordCost: TEST_PASSWORD_COST });
  host = await startWebHost({ core, staticDir });
  port = Number(new URL(host.url).port);
});

afterEach(async () => {
  await host.close();
  core.close();
  rmSync(root, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP (not fetch) so the test controls Host, Origin and the exact request path. */
function request(method: string, urlPath: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function invoke(method: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request('POST', '/api/invoke', {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ method, input }),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are arbitrary JSON read field by field
const json = (r: Reply) => JSON.parse(r.body) as { ok: boolean; value?: any; error?: { code: string; message: string } };

function sessionCookie(r: Reply): string {
  const set = r.headers['set-cookie'];
  expect(set, 'set-cookie header').toBeDefined();
  const cookie = set![0];
  return cookie.split(';')[0];
}

describe('POST /api/invoke', () => {
  it('routes a call through the core and answers the result as JSON', async () => {
    const r = await invoke('setup.status', {});
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(json(r)).toEqual({ ok: true, value: { initialized: false, branchName: null } });

    const bad = json(await invoke('no.such.method', {}));
    expect(bad.error?.code).toBe('UNKNOWN_METHOD');
  });

  it('login sets an HttpOnly SameSite=Strict cookie that later calls use; the token never appears in the body', async () => {
    await setupBranch(core);
    const anon = json(await invoke('auth.me', {}));
    expect(anon).toEqual({ ok: true, value: null });

    const login = await invoke('auth.login', { name: ADMIN_NAME, password: ADMIN_PASSWORD });
    expect(json(login).ok).toBe(true);
    const raw = login.headers['set-cookie']![0];
    expect(raw).toMatch(/^bd_session=[A-Za-z0-9_-]{40,};/);
    expect(raw).toMatch(/;\s*HttpOnly/i);
    expect(raw).toMatch(/;\s*SameSite=Strict/i);
    expect(raw).toMatch(/;\s*Path=\//);
    const cookie = sessionCookie(login);
    expect(login.body).not.toContain(cookie.split('=')[1]);

    const me = json(await invoke('auth.me', {}, { cookie }));
    expect(me.value.user).toMatchObject({ name: ADMIN_NAME, role: 'admin' });
    expect(json(await invoke('users.list', {}, { cookie })).ok).toBe(true);
    expect(json(await invoke('users.list', {})).error?.code).toBe('NOT_LOGGED_IN');
    expect(json(await invoke('users.list', {}, { cookie: 'bd_session=forged' })).error?.code).toBe('NOT_LOGGED_IN');

    // A call that does not change the session sets no cookie.
    expect((await invoke('users.list', {}, { cookie })).headers['set-cookie']).toBeUndefined();

    const logout = await invoke('auth.logout', {}, { cookie });
    expect(logout.headers['set-cookie']![0]).toMatch(/^bd_session=;.*Max-Age=0/);
    expect(json(await invoke('users.list', {}, { cookie })).error?.code).toBe('NOT_LOGGED_IN');
  });

  it('refuses a foreign Host header with 421 (DNS rebinding)', async () => {
    for (const h of [`evil.example:${port}`, `localhost:${port}`, 'evil.example', `127.0.0.1:${port + 1}`]) {
      const r = await invoke('setup.status', {}, { host: h });
      expect(r.status, h).toBe(421);
      expect(json(r).ok).toBe(false);
      expect((await request('GET', '/', { headers: { host: h } })).status, `GET / with ${h}`).toBe(421);
    }
    const r = await request('POST', '/api/invoke', {
      headers: { host: 'evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'setup.init',
        input: { branchName: '恶意网点', branchType: 'bank', adminName: 'evil', password: 'Evil#2024pw' },
      }),
    });
    expect(r.status).toBe(421);
    expect(json(await invoke('setup.status', {})).value.initialized).toBe(false);
  });

  it('refuses a POST without a JSON content type or from a foreign Origin with 403, without running it', async () => {
    const setup = JSON.stringify({
      method: 'setup.init',
      input: { branchName: '恶意网点', branchType: 'bank', adminName: 'evil', password: 'Evil#2024pw' },
    });
    for (const headers of [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      {} as Record<string, string>,
      { 'content-type': 'application/json', origin: 'http://evil.example' },
      { 'content-type': 'application/json', origin: `http://localhost:${port}` },
      { 'content-type': 'application/json', origin: 'null' },
    ]) {
      const r = await request('POST', '/api/invoke', { headers, body: setup });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(json(r).ok).toBe(false);
    }
    expect(json(await invoke('setup.status', {})).value.initialized).toBe(false);

    const same = await invoke('setup.status', {}, { origin: host.url });
    expect(same.status).toBe(200);
  });

  it('answers 405 to GET /api/invoke and 400 to a body that is not JSON', async () => {
    expect((await request('GET', '/api/invoke')).status).toBe(405);
    const r = await request('POST', '/api/invoke', { headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(r.status).toBe(400);
    expect(json(r).error?.code).toBe('BAD_INPUT');
  });
});

describe('static files', () => {
  it('serves index.html at / with the Content-Security-Policy and anti-framing headers', async () => {
    const r = await request('GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX_HTML);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('serves assets with their type and falls back to index.html for app routes', async () => {
    const js = await request('GET', '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toBe('console.log(1);');
    const route = await request('GET', '/customers/123?tab=history');
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX_HTML);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/%2e%2e%2fpackage.json',
    '/..%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e%2f%2e%2e%2fstatic%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/%2e%2e%2fstatic-secret%2fsecret.txt',
    '/..%2fstatic-secret/secret.txt',
  ])('does not let %s escape the static folder', async (p) => {
    const r = await request('GET', p);
    expect(r.body).not.toContain(SECRET);
    expect([200, 400, 403, 404]).toContain(r.status);
    if (r.status === 200) expect(r.body).toBe(INDEX_HTML);
  });

  it('keeps serving after a malformed escape in the path', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await request('GET', '/%E0%A4%A');
    expect(r.body).not.toContain(SECRET);
    expect((await request('GET', '/')).status).toBe(200);
    errors.mockRestore();
  });
});

describe('hostile bodies (issue 15: raw errors)', () => {
  const CJK = /[\u4e00-\u9fff]/;

  it('refuses a body nested 5,000 deep before parsing it, in Chinese, and keeps serving', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const deep = `{"method":"prefs.set","input":{"key":"x","value":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const r = await request('POST', '/api/invoke', { headers: { 'content-type': 'application/json' }, body: deep });
    expect(r.status).toBe(400);
    expect(json(r).error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('嵌套层数过多') });
    // Brackets inside a string are text, not nesting.
    const text = await invoke('auth.login', { name: '['.repeat(5000), password: 'x' });
    expect(json(text).error?.code).not.toBe('INTERNAL');
    expect((await invoke('setup.status', {})).status).toBe(200);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('refuses a body over 16 MB with 413 and a Chinese message, declared or streamed, and keeps serving', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Declared too large: answered before a byte of the body is read.
    const declared = await request('POST', '/api/invoke', {
      headers: { 'content-type': 'application/json', 'content-length': String(17 * 1024 * 1024) },
      body: '{',
    });
    expect(declared.status).toBe(413);
    expect(json(declared).error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('16 MB') });
    // Streamed without a length (chunked): counted as it arrives.
    const streamed = await new Promise<Reply | null>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/invoke', headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', () => resolve(null));
      const piece = 'A'.repeat(1024 * 1024);
      req.write('{"method":"imports.upload","input":{"fileName":"a.xlsx","data":"');
      for (let i = 0; i < 17; i++) req.write(piece);
      req.end('"}}');
    });
    // The host may close the connection while the client still sends; an answer that came is the Chinese one.
    if (streamed) {
      expect(streamed.status).toBe(413);
      expect(json(streamed).error?.message).toMatch(CJK);
    }
    expect((await invoke('setup.status', {})).status).toBe(200);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('answers input of the wrong shape with Chinese field names (no 期望 object, no offset：)', async () => {
    await setupBranch(core);
    const login = await invoke('auth.login', { name: ADMIN_NAME, password: ADMIN_PASSWORD });
    const cookie = sessionCookie(login);
    const wrongRoot = json(await invoke('customers.list', 'everything', { cookie }));
    expect(wrongRoot.error?.message).toBe('请求内容：应为对象（{…}），收到的是文字');
    const offset = json(await invoke('customers.list', { offset: -1, managerId: ['x'] }, { cookie }));
    expect(offset.error?.message).toContain('起始位置：不能小于0');
    expect(offset.error?.message).toContain('客户经理第1项：应为数字，收到的是文字');
    expect(offset.error?.message).not.toMatch(/[A-Za-z]{4,}/);
  });
});

describe('web host start-up (electron/web/main.ts)', () => {
  it('a data folder whose database is damaged: a Chinese message, exit code 1, no stack trace', () => {
    const dataDir = path.join(root, 'broken');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'branchdesk.db'), Buffer.alloc(4096, 0x42));
    const tsx = path.resolve('node_modules/.bin/tsx');
    const r = spawnSync(tsx, ['electron/web/main.ts', '--data-dir', dataDir, '--port', '0'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('BranchDesk 网页版无法启动');
    expect(r.stderr).toContain('不是 BranchDesk 的数据库');
    expect(r.stderr).not.toMatch(/SqliteError|file is not a database|\n\s+at /);
  }, 60_000);
});
