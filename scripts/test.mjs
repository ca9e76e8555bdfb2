// `npm test`: the whole suite — lint (incl. layering), types, unit tests, then the
// end-to-end tests in Debian Chromium. Installs what the e2e tests need when missing
// (Chromium, CJK fonts, poppler for PDF checks) on Debian/Ubuntu as root.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function step(title, cmd, args) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`\n✗ ${title} 失败`);
    process.exit(r.status ?? 1);
  }
}

function ensureSystemPackages() {
  const need = [];
  if (!existsSync('/usr/bin/chromium')) need.push('chromium');
  if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) need.push('fonts-noto-cjk');
  if (!existsSync('/usr/bin/pdftoppm')) need.push('poppler-utils');
  // The Excel tests read files written by an independent program (LibreOffice).
  if (!existsSync('/usr/bin/soffice')) need.push('libreoffice-calc-nogui');
  if (!need.length || process.platform !== 'linux') return;
  if (!existsSync('/usr/bin/apt-get') || process.getuid?.() !== 0) {
    console.warn(`[test] 缺少 ${need.join(' ')}，请手动安装（apt-get install ${need.join(' ')}）`);
    return;
  }
  step(`安装测试依赖：${need.join(' ')}`, 'bash', [
    '-c',
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${need.join(' ')} >/dev/null`,
  ]);
}

const only = process.argv[2];
if (!only || only === 'static') {
  step('代码检查（含分层规则）', bin('eslint'), ['.']);
  step('类型检查', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
}
if (!only || only === 'unit') ensureSystemPackages();
if (!only || only === 'unit') step('单元测试', bin('vitest'), ['run', '--project', 'unit']);
if (!only || only === 'e2e') {
  ensureSystemPackages();
  step('端到端测试（Chromium）', bin('vitest'), ['run', '--project', 'e2e']);
}
console.log('\n✓ 全部测试通过');
