import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs a bench script as a child process (`node --import tsx <script> …args`): its
 * stderr lines go to `log`, its last stdout line is the JSON answer. Seeding and the
 * timed Excel runs happen in children so that the bench process stays small: on the
 * test VM a large idle process slows another process's import by a second or more
 * (4.9 s alone, 6.2–7.0 s beside an idle 1.8 GB one).
 */
export function runChild<T>(script: string, args: string[], log: (m: string) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) log(`  ${line}`);
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`bench child ${args[0]} failed (${code}): ${out.slice(-500)}`));
      resolve(JSON.parse(last) as T);
    });
  });
}

/**
 * A child's entry point: when this module is the script node was started with, runs
 * `main` on the command-line arguments and prints its answer as the last stdout line.
 */
export function childMain(importMetaUrl: string, main: (args: string[]) => Promise<unknown>): void {
  if (!process.argv[1] || pathToFileURL(path.resolve(process.argv[1])).href !== importMetaUrl) return;
  main(process.argv.slice(2))
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    });
}
