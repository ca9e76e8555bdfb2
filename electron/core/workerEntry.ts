import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The worker script of the job threads (`worker.ts` next to this file). Electron passes
 * the bundled `worker.js` (an extra rollup input next to out/main/index.js); unset,
 * `worker.ts` is used through tsx (tests, CLI, web host), or `worker.js` when this code
 * itself is bundled (next to it, or one folder up from a chunk).
 */
export function resolveWorkerEntry(entry: string | URL | undefined): string {
  if (entry) return entry instanceof URL ? fileURLToPath(entry) : entry;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'worker.ts'), path.join(here, 'worker.js'), path.join(here, '..', 'worker.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`找不到后台任务脚本（worker.js），请检查安装是否完整：${here}`);
}
