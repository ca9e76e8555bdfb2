// `npm run web`: build the renderer if needed and serve the app on http://127.0.0.1:5780
// through the web host (same core, same database folder as the desktop app).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const args = process.argv.slice(2);

if (!existsSync(path.join(root, 'out', 'renderer', 'index.html')) || args.includes('--rebuild')) {
  const r = spawnSync(bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: root,
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(bin('tsx'), ['electron/web/main.ts', ...args.filter((a) => a !== '--rebuild')], {
  stdio: 'inherit',
  cwd: root,
  shell: process.platform === 'win32',
});
child.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => child.kill('SIGINT'));
process.on('SIGTERM', () => child.kill('SIGTERM'));
