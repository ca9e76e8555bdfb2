import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { searchColumns } from '../customers/search';

/** The name-derived search columns of the archive (search.ts computes them; pinyin is the costly part). */
export interface NameSearch {
  namePinyin: string;
  nameInitials: string;
  nameBigrams: string;
}

export function computeNameSearch(name: string): NameSearch {
  const s = searchColumns({ name });
  return { namePinyin: s.namePinyin, nameInitials: s.nameInitials, nameBigrams: s.nameBigrams };
}

export interface NameSearchSource {
  /** Announces a name that will be written (helpers start on it while the file is still being read). */
  request(name: string): void;
  /** Waits for every announced name. */
  drain(): Promise<void>;
  get(name: string): NameSearch;
  close(): void;
}

/** Computes on demand on the calling thread (small imports, tests). */
export function inlineNameSearch(): NameSearchSource {
  const cache = new Map<string, NameSearch>();
  return {
    request: () => undefined,
    drain: async () => undefined,
    get(name) {
      let hit = cache.get(name);
      if (!hit) {
        hit = computeNameSearch(name);
        cache.set(name, hit);
      }
      return hit;
    },
    close: () => cache.clear(),
  };
}

export interface SearchHelperMessage {
  id: number;
  names: string[];
}
export interface SearchHelperReply {
  id: number;
  results: [string, string, string][];
}

const BATCH = 1000;
/** Below this file size (a few thousand rows) helper threads cost more to start than they save. */
export const POOL_MIN_BYTES = 512 * 1024;

/**
 * Pinyin for 100,000 names takes about as long as reading the file, so helper threads
 * compute it while the importing thread reads and checks rows. The results are
 * exactly search.ts's (the helpers call the same functions).
 */
export function pooledNameSearch(spawn: () => Worker, helpers = Math.max(1, Math.min(3, availableParallelism() - 1))): NameSearchSource {
  const results = new Map<string, NameSearch>();
  const asked = new Set<string>();
  const workers: Worker[] = [];
  const pending = new Map<number, () => void>();
  let buffer: string[] = [];
  let next = 0;
  let failed = false;

  const worker = (i: number): Worker | null => {
    if (failed) return null;
    if (!workers[i]) {
      try {
        const w = spawn();
        w.unref();
        w.on('message', (m: SearchHelperReply) => {
          const names = batches.get(m.id) ?? [];
          batches.delete(m.id);
          m.results.forEach((r, k) => results.set(names[k], { namePinyin: r[0], nameInitials: r[1], nameBigrams: r[2] }));
          pending.get(m.id)?.();
          pending.delete(m.id);
        });
        // A helper that fails only costs speed: the names are computed here instead.
        w.on('error', () => {
          failed = true;
          for (const done of pending.values()) done();
          pending.clear();
        });
        workers[i] = w;
      } catch {
        failed = true;
        return null;
      }
    }
    return workers[i];
  };
  const batches = new Map<number, string[]>();
  // Started now rather than at the first full batch: it boots while the first rows are checked.
  worker(0);

  const flush = () => {
    if (!buffer.length) return;
    const names = buffer;
    buffer = [];
    const id = next++;
    const w = worker(id % helpers);
    if (!w) return;
    batches.set(id, names);
    pending.set(id, () => undefined);
    w.postMessage({ id, names } satisfies SearchHelperMessage);
  };

  return {
    request(name) {
      if (asked.has(name)) return;
      asked.add(name);
      buffer.push(name);
      if (buffer.length >= BATCH) flush();
    },
    async drain() {
      flush();
      await Promise.all(
        [...pending.keys()].map(
          (id) =>
            new Promise<void>((resolve) => {
              const before = pending.get(id);
              if (!before) return resolve();
              pending.set(id, () => {
                before();
                resolve();
              });
            }),
        ),
      );
    },
    get(name) {
      let hit = results.get(name);
      if (!hit) {
        hit = computeNameSearch(name);
        results.set(name, hit);
      }
      return hit;
    },
    close() {
      for (const w of workers) void w?.terminate();
      results.clear();
    },
  };
}

/** Body of a helper thread (see worker.ts). */
export function serveNameSearch(port: { on(e: 'message', l: (m: SearchHelperMessage) => void): void; postMessage(m: SearchHelperReply): void }): void {
  // pinyin-pro builds its word dictionary on first use (a quarter of a second): build it now,
  // while the check helper is still reading the file, not when the first names are waiting.
  computeNameSearch('张记便利店');
  port.on('message', (m) => {
    const out: [string, string, string][] = m.names.map((n) => {
      const s = computeNameSearch(n);
      return [s.namePinyin, s.nameInitials, s.nameBigrams];
    });
    port.postMessage({ id: m.id, results: out });
  });
}
