import { availableParallelism } from 'node:os';
import type { MessagePort, Worker } from 'node:worker_threads';
import { searchColumns, type NameColumns } from '../../customers/search';

/** The name-derived search columns of the archive (search.ts computes them; pinyin is the costly part). */
export type NameSearch = NameColumns;

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

/** A helper's answer for one name, as the writer uses it. */
const fromReply = (r: SearchHelperReply['results'][number]): NameSearch => ({ namePinyin: r[0], nameInitials: r[1], nameBigrams: r[2] });

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
          m.results.forEach((r, k) => results.set(names[k], fromReply(r)));
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

/** A search helper's start data: `names`, the port a check helper sends each batch's names on (pipeline.ts). */
export interface SearchHelperInput {
  role: 'search';
  names?: MessagePort;
}

/** The answers of a search helper fed by a check helper: the search columns of each batch's names, in their order. */
export interface BatchNameSearch {
  /** The answer for batch `id`, or null when the helper failed (the writer then computes the pinyin itself). */
  result(id: number): Promise<NameSearch[] | null>;
  close(): void;
}

/**
 * The search helper of a pipelined import. The check helper sends it each batch's names
 * the moment the batch is checked (over `names`, a port of a channel whose other end
 * the check helper holds), so the pinyin is ready or on its way when the writing thread
 * reaches the batch: the writer never asks and then idles while the answer is computed.
 * Answers are kept only until their batch is written.
 */
export function batchNameSearch(spawn: () => Worker): BatchNameSearch {
  const arrived = new Map<number, NameSearch[]>();
  const waiting = new Map<number, (results: NameSearch[] | null) => void>();
  let worker: Worker | null = null;
  let failed = false;
  const fail = () => {
    failed = true;
    worker = null;
    for (const done of waiting.values()) done(null);
    waiting.clear();
  };
  try {
    worker = spawn();
    worker.unref();
    worker.on('message', (m: SearchHelperReply) => {
      const results = m.results.map(fromReply);
      const done = waiting.get(m.id);
      if (!done) arrived.set(m.id, results);
      else {
        waiting.delete(m.id);
        done(results);
      }
    });
    // A helper that fails or stops only costs speed.
    worker.on('error', fail);
    worker.on('exit', fail);
  } catch {
    failed = true;
  }
  return {
    result(id) {
      const ready = arrived.get(id);
      if (ready) {
        arrived.delete(id);
        return Promise.resolve(ready);
      }
      if (failed) return Promise.resolve(null);
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    close() {
      const w = worker;
      fail();
      arrived.clear();
      void w?.terminate();
    },
  };
}

/**
 * pinyin-pro builds its word dictionary on first use (a quarter of a second): a helper
 * builds it while the check helper is still reading the file (or while it stands by),
 * not when the first names are waiting.
 */
export function warmNameSearch(): void {
  computeNameSearch('张记便利店');
}

/** Body of a helper thread (see worker.ts). */
export function serveNameSearch(port: HelperPort, names?: HelperPort): void {
  warmNameSearch();
  // Names come from the thread that started it, or straight from a check helper; answers go to the starter.
  const answer = (m: SearchHelperMessage) => {
    const out: [string, string, string][] = m.names.map((n) => {
      const s = computeNameSearch(n);
      return [s.namePinyin, s.nameInitials, s.nameBigrams];
    });
    port.postMessage({ id: m.id, results: out });
  };
  port.on('message', answer);
  names?.on('message', answer);
}

type HelperPort = { on(e: 'message', l: (m: SearchHelperMessage) => void): void; postMessage(m: SearchHelperReply): void };
