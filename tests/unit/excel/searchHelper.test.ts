/**
 * The pipelined import's pinyin helper, asked batch by batch (searchPool.batchNameSearch):
 * its answers must line up with the rows they are written onto, and a helper that dies
 * must not stall or break the import.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveWorkerEntry, startWorker } from '../../../electron/core/jobs/spawn';
import { batchNameSearch, computeNameSearch, type BatchNameSearch } from '../../../electron/core/imports/searchPool';

let open: BatchNameSearch | null = null;
afterEach(() => open?.close());

describe('batch name search helper', () => {
  it('answers each batch in the order asked, with what the archive form computes', async () => {
    const entry = resolveWorkerEntry(undefined);
    open = batchNameSearch(() => startWorker(entry, { role: 'search' }));
    const first = ['张记便利店', '重庆小面馆', '长城超市', '张记便利店'];
    const second = ['Ａ一号店', '行知书店'];
    // Both asked before either answer is in: the answers must not cross.
    const [a, b] = await Promise.all([open.search(first), open.search(second)]);
    expect(a).toEqual(first.map(computeNameSearch));
    expect(b).toEqual(second.map(computeNameSearch));
    expect(await open.search([])).toEqual([]);
  }, 30_000);

  it('a helper that fails answers null (the writer computes the pinyin itself) instead of leaving the import waiting', async () => {
    open = batchNameSearch(() => new Worker('setTimeout(() => { throw new Error("helper down"); }, 50);', { eval: true }));
    const pending = open.search(['张记便利店']);
    expect(await pending).toBeNull();
    // Later batches do not wait for a helper that is gone.
    expect(await open.search(['长城超市'])).toBeNull();
  });
});
