/** A big write gets a larger page cache for its duration only; the connection's own size comes back, also after a failure. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/core/db/connection';
import { withPageCache } from '../../../../electron/core/db/pageCache';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-cache-'));
  db = openDatabase(path.join(dir, 'branch.db'), { migrate: false });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const cacheSize = () => db.pragma('cache_size', { simple: true });

describe('withPageCache', () => {
  it('sets the cache in KiB while the write runs and answers what the write answers', () => {
    const own = cacheSize();
    expect(own).toBe(-32000);
    const seen = withPageCache(db, 128 * 1024, () => cacheSize());
    expect(seen).toBe(-131072);
    expect(cacheSize()).toBe(own);
  });

  it('restores the connection’s own size when the write throws', () => {
    expect(() =>
      withPageCache(db, 256 * 1024, () => {
        throw new Error('写入失败');
      }),
    ).toThrow('写入失败');
    expect(cacheSize()).toBe(-32000);
  });

  it('keeps the larger cache across awaits until async work settles, also when it rejects (a pipelined import)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = withPageCache(db, 64 * 1024, async () => {
      await gate;
      return cacheSize();
    });
    // Between the awaits the write is still going on: the larger cache stays.
    expect(cacheSize()).toBe(-65536);
    release();
    expect(await work).toBe(-65536);
    expect(cacheSize()).toBe(-32000);

    await expect(
      withPageCache(db, 64 * 1024, async () => {
        await Promise.resolve();
        throw new Error('写入失败');
      }),
    ).rejects.toThrow('写入失败');
    expect(cacheSize()).toBe(-32000);
  });
});
