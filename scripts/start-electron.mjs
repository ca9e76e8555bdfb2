// `npm start`: build the app and open it in Electron. Where Electron is missing (its
// binary could not be downloaded), fall back to the web host so the same app still
// opens, in the browser, on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32', ...opts });
  return r.status === 0;
}

function electronBinary() {
  try {
    return require('electron');
  } catch {
    return null;
  }
}

/**
 * better-sqlite3 in node_modules is built for Node (tests, CLI, web host). Electron
 * needs the same module built for its own ABI; we keep that copy apart in
 * .electron-native/ and hand it to better-sqlite3 as `nativeBinding`.
 */
function ensureElectronNative() {
  const electronVersion = require('electron/package.json').version;
  const outDir = path.join(root, '.electron-native');
  const out = path.join(outDir, 'better_sqlite3.node');
  const stamp = path.join(outDir, 'version.txt');
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return true;
  console.log(`[BranchDesk] 正在为 Electron ${electronVersion} 准备数据库模块（仅首次需要）…`);
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = path.join(outDir, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  const ok =
    run(bin('prebuild-install'), ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], { cwd: work }) ||
    run(bin('node-gyp'), ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], { cwd: work });
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built)) return false;
  cpSync(built, out);
  writeFileSync(stamp, electronVersion);
  return true;
}

function startWebFallback(reason) {
  console.warn(`\n[BranchDesk] ${reason}\n[BranchDesk] 改为启动网页版：在浏览器中打开下面显示的地址即可使用同一应用。\n`);
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'web.mjs')], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (!electronBinary()) {
  startWebFallback('未找到 Electron 程序（安装时无法下载）。联网后运行 `node node_modules/electron/install.js` 可启用桌面版。');
} else if (!ensureElectronNative()) {
  startWebFallback('无法为 Electron 构建数据库模块（需要联网下载 Electron 头文件或预编译模块）。');
} else if (!run(bin('electron-vite'), ['build'])) {
  process.exit(1);
} else {
  const child = spawn(bin('electron-vite'), ['preview', '--skipBuild'], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
