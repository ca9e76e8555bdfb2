import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, type Core } from '../core/app';
import { passwordCostFromEnv } from '../core/auth/password';
import { AppError } from '../core/errors';
import { defaultDataDir } from '../core/dataDir';
import { systemPdfRenderer } from '../core/pdf/chromium';
import { startWebHost } from './server';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const dataDir = arg('--data-dir') ?? defaultDataDir();
const port = Number(arg('--port') ?? process.env.BRANCHDESK_PORT ?? 5780);
const staticDir = arg('--static') ?? path.resolve(here, '../../out/renderer');

/** Said in Chinese on the console and the process ends with 1: no stack trace for a problem the user can fix. */
function fail(message: string): never {
  console.error(`BranchDesk 网页版无法启动：${message}`);
  process.exit(1);
}

let core: Core;
try {
  core = openCore({ dataDir, host: 'web', passwordCost: passwordCostFromEnv(), pdf: systemPdfRenderer() });
} catch (e) {
  // openCore words a damaged, read-only or unopenable database itself (AppError).
  fail(e instanceof AppError ? e.message : `打开数据库失败（${e instanceof Error ? e.message : String(e)}）。数据目录：${dataDir}`);
}
let host: Awaited<ReturnType<typeof startWebHost>>;
try {
  host = await startWebHost({ core, staticDir, port });
} catch (e) {
  core.close();
  const code = (e as { code?: unknown }).code;
  fail(code === 'EADDRINUSE' ? `端口 ${port} 已被其他程序占用，请用 --port 指定其他端口` : code === 'EACCES' ? `没有权限使用端口 ${port}，请用 --port 指定 1024 以上的端口` : `启动网页服务失败（${e instanceof Error ? e.message : String(e)}）`);
}
console.log(`BranchDesk 网页版已启动：${host.url}  （数据目录：${core.dataDir}）`);
console.log('按 Ctrl+C 退出。');

const stop = async () => {
  await host.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
