import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';

let tsxApiUrl: string | null = null;
/** tsx's ESM register API, found through its package.json (a worker cannot inherit vitest's or tsx's loader). */
function tsxRegisterUrl(): string {
  if (tsxApiUrl) return tsxApiUrl;
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const rel = pkg.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  tsxApiUrl = pathToFileURL(path.join(path.dirname(pkgFile), rel)).href;
  return tsxApiUrl;
}

/**
 * Starts the worker script with `data` as workerData; a .ts entry gets tsx registered first.
 * `transfer`: message ports inside `data` that move to the new thread.
 */
export function startWorker(entry: string, data: unknown, transfer: readonly MessagePort[] = []): Worker {
  const transferList = [...transfer];
  if (entry.endsWith('.ts')) {
    // Source checkout: register tsx inside the worker, then load the TypeScript entry.
    const code = `import(${JSON.stringify(tsxRegisterUrl())}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); });`;
    return new Worker(code, { eval: true, workerData: data, transferList });
  }
  return new Worker(entry, { workerData: data, transferList });
}

