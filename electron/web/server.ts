import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/app';
import { jsonTextDeeperThan, MAX_INPUT_DEPTH, TOO_DEEP_MESSAGE } from '../core/inputLimits';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

const COOKIE = 'bd_session';
/** An 8 MB upload piece in base64 is under 11 MB; nothing else comes near. */
const MAX_BODY = 16 * 1024 * 1024;
/** `{"method","input":…}` wraps the input in one more level. */
const MAX_BODY_DEPTH = MAX_INPUT_DEPTH + 1;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface WebHostOptions {
  core: Core;
  /** Built renderer (vite build output). */
  staticDir: string;
  port?: number;
  /** Always loopback: the web host is for this PC (tests, browsers without Electron). */
  host?: '127.0.0.1';
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(json);
}

class BodyTooLarge extends Error {}

/** The body, refused once it passes MAX_BODY (the declared length is checked first, then what arrives). */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      reject(new BodyTooLarge());
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const TOO_LARGE_MESSAGE = `请求内容超过 ${MAX_BODY / 1024 / 1024} MB，已拒绝。大文件请分段上传。`;

/**
 * The web host: the same core router behind `POST /api/invoke`, plus the built
 * renderer. The session token lives in an HttpOnly cookie the page's scripts cannot
 * read. Requests must carry JSON and come from our own origin, which defeats
 * cross-site form posts and DNS-rebinding pages.
 */
export async function startWebHost(opts: WebHostOptions): Promise<{ url: string; close(): Promise<void> }> {
  const staticRoot = path.resolve(opts.staticDir);
  let origin = '';

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin || 'http://127.0.0.1');
      const hostOk = req.headers.host === new URL(origin).host;
      if (!hostOk) return send(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: '只接受本机访问' } });

      if (url.pathname === '/api/invoke') {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: '只接受 POST' } });
        if (!(req.headers['content-type'] ?? '').startsWith('application/json') || (req.headers.origin && req.headers.origin !== origin)) {
          return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '请求来源无效' } });
        }
        let body: string;
        try {
          body = await readBody(req);
        } catch (e) {
          if (!(e instanceof BodyTooLarge)) throw e;
          // The rest of the body is not read: the connection closes after the answer.
          return send(res, 413, { ok: false, error: { code: 'BAD_INPUT', message: TOO_LARGE_MESSAGE } }, { connection: 'close' });
        }
        // Bounded before parsing: nothing below walks a 5,000-deep structure.
        if (jsonTextDeeperThan(body, MAX_BODY_DEPTH)) return send(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: TOO_DEEP_MESSAGE } });
        let payload: { method?: unknown; input?: unknown } | null;
        try {
          payload = JSON.parse(body) as typeof payload;
        } catch {
          return send(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求内容不是有效的 JSON' } });
        }
        const token = readCookie(req.headers.cookie, COOKIE);
        const outcome = await opts.core.router.invoke(token, payload?.method, payload?.input);
        const headers: Record<string, string> = {};
        if (outcome.sessionToken !== undefined) {
          headers['set-cookie'] = outcome.sessionToken
            ? `${COOKIE}=${outcome.sessionToken}; HttpOnly; SameSite=Strict; Path=/`
            : `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
        }
        return send(res, 200, outcome.result, headers);
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false });
      let decoded: string;
      try {
        decoded = decodeURIComponent(url.pathname);
      } catch {
        return send(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '无效的地址' } });
      }
      let file = path.resolve(staticRoot, '.' + decoded);
      const rel = path.relative(staticRoot, file);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return send(res, 403, { ok: false });
      if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(staticRoot, 'index.html');
      if (!existsSync(file)) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('界面尚未构建：请先运行 npm run build:renderer');
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
      });
      // A file removed or unreadable half-way (a rebuild while serving) ends this answer, not the host.
      createReadStream(file)
        .on('error', (err) => {
          console.error('[web] could not read', file, err.message);
          res.destroy();
        })
        .pipe(res);
    } catch (err) {
      console.error('[web] request failed', err);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '内部错误，请求未完成。请重试；如反复出现，请查看网页版的控制台输出或联系管理员。' } });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
