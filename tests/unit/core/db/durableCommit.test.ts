/**
 * A big import's COMMIT is durable (the WAL is fsynced) but does not copy the WAL into
 * the database file; the copy (checkpoint) runs once the user has the answer. The
 * connection's own settings come back afterwards, also when the write fails.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/core/db/connection';
import { checkpointNow, commitDurablyDeferringCheckpoint } from '../../../../electron/core/db/durableCommit';

let dir: string;
let file: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-durable-'));
  file = path.join(dir, 'branch.db');
  db = openDatabase(file, { migrate: false });
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  // Start from an empty WAL, so what follows is only the big write's.
  db.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const settings = () => ({ synchronous: db.pragma('synchronous', { simple: true }), autoCheckpoint: db.pragma('wal_autocheckpoint', { simple: true }) });

/** Far more than the 1,000 pages after which a normal commit checkpoints. */
function bigWrite(): void {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 40_000; i++) insert.run(`第${i}行 ${'客户档案'.repeat(20)}`);
  }).immediate();
}

describe('commitDurablyDeferringCheckpoint', () => {
  it('commits with the WAL fsynced and no checkpoint, then restores the connection settings', () => {
    const before = settings();
    expect(before).toEqual({ synchronous: 1, autoCheckpoint: 1000 });
    const sizeBefore = statSync(file).size;
    let inside: ReturnType<typeof settings> | null = null;
    commitDurablyDeferringCheckpoint(db, () => {
      inside = settings();
      bigWrite();
    });
    // FULL: the COMMIT itself waits for the WAL to be on disk; 0: no automatic checkpoint.
    expect(inside).toEqual({ synchronous: 2, autoCheckpoint: 0 });
    expect(settings()).toEqual(before);
    // Committed and readable by another connection, though the database file has not grown yet.
    const other = openDatabase(file, { migrate: false });
    try {
      expect(other.prepare('SELECT count(*) FROM t').pluck().get()).toBe(40_000);
    } finally {
      other.close();
    }
    expect(statSync(file).size).toBe(sizeBefore);

    checkpointNow(db);
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 1_000_000);
    // Everything the WAL held is in the database file now.
    const [status] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    expect(status.log).toBe(status.checkpointed);
  });

  it('restores the settings when the write fails, and the failed write leaves nothing', () => {
    const before = settings();
    expect(() =>
      commitDurablyDeferringCheckpoint(db, () =>
        db.transaction(() => {
          db.prepare('INSERT INTO t (v) VALUES (?)').run('半途');
          throw new Error('写入中途出错');
        })(),
      ),
    ).toThrow('写入中途出错');
    expect(settings()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });

  it('async work (a transaction held across awaits) commits durably and gets the settings back once it settles', async () => {
    const before = settings();
    const work = commitDurablyDeferringCheckpoint(db, async () => {
      db.exec('BEGIN IMMEDIATE');
      db.prepare('INSERT INTO t (v) VALUES (?)').run('第一批');
      await new Promise((r) => setTimeout(r, 10));
      // Still FULL after the await: the COMMIT below is fsynced.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      db.prepare('INSERT INTO t (v) VALUES (?)').run('第二批');
      db.exec('COMMIT');
    });
    await work;
    expect(settings()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
  });

  it('a normal commit of the same size checkpoints by itself (what the deferral saves the user from waiting for)', () => {
    const sizeBefore = statSync(file).size;
    bigWrite();
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 1_000_000);
  });
});

describe('checkpointNow', () => {
  it('never throws, even on a closed connection (a checkpoint is maintenance)', () => {
    const other = openDatabase(file, { migrate: false });
    other.close();
    expect(() => checkpointNow(other)).not.toThrow();
  });
});
