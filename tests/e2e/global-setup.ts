import { existsSync } from 'node:fs';
import { build } from 'vite';
import { rendererConfig } from '../../renderer/vite.config';
import { CHROMIUM_PATH } from './harness';

/** Builds the real renderer once, exactly as the web host serves it. */
export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`端到端测试需要 Debian Chromium（${CHROMIUM_PATH}）：请运行 npm test（它会安装），或 apt-get install chromium`);
  }
  if (process.env.BRANCHDESK_SKIP_RENDERER_BUILD) return;
  await build({ ...rendererConfig, logLevel: 'warn' });
}
