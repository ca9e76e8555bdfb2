import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../core/app';
import { passwordCostFromEnv } from '../core/auth/password';
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

const core = openCore({ dataDir, passwordCost: passwordCostFromEnv(), pdf: systemPdfRenderer() });
const host = await startWebHost({ core, staticDir, port });
console.log(`BranchDesk 网页版已启动：${host.url}  （数据目录：${core.dataDir}）`);
console.log('按 Ctrl+C 退出。');

const stop = async () => {
  await host.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
