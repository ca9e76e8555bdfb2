// Electron's own install script downloads a ~100 MB binary from its release host.
// Branch machines and our CI often cannot reach it, so package.json's allowScripts
// blocks that script and we run it here ourselves, turning a failed download into a
// warning: the web host, the CLI and every test work without the binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.CI) {
  console.warn('[BranchDesk] 已跳过 Electron 程序下载（ELECTRON_SKIP_BINARY_DOWNLOAD/CI）。网页版 `npm run web`、命令行与全部测试不需要它。');
  process.exit(0);
}
if (existsSync(path.join(dir, 'path.txt'))) process.exit(0);

const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  stdio: 'inherit',
  timeout: 5 * 60 * 1000,
});
if (result.status !== 0) {
  console.warn(
    '\n[BranchDesk] 警告：Electron 程序下载失败（无法访问其下载服务器）。安装仍然成功：\n' +
      '  - `npm run web` 在 http://127.0.0.1:5780 提供同一应用（浏览器使用）；\n' +
      '  - 命令行 `npm run cli` 与 `npm test` 不需要 Electron；\n' +
      '  - 网络恢复后重新运行 `npm install` 或 `node node_modules/electron/install.js` 即可使用桌面版。\n' +
      'WARNING: the Electron binary could not be downloaded; install continues without it.\n',
  );
}
process.exit(0);
