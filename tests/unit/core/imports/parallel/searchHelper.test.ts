/**
 * The pipelined import's pinyin helper, fed batch by batch by the check helper
 * (searchPool.batchNameSearch): its answers must line up with the rows they are written
 * onto, and a helper that dies must not stall or break the import.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorker } from '../../../../../electron/core/jobs/spawn';
import { resolveWorkerEntry } from '../../../../../electron/core/workerEntry';
import { batchNameSearch, computeNameSearch, type BatchNameSearch, type SearchHelperMessage } from '../../../../../electron/core/imports/parallel/searchPool';

let open: BatchNameSearch | null = null;
afterEach(() => open?.close());

describe('batch name search helper', () => {
  it("answers each batch the check helper sends, under the batch's number and in its order, with what the archive form computes", async () => {
    const entry = resolveWorkerEntry(undefined);
    const channel = new MessageChannel();
    open = batchNameSearch(() => startWorker(entry, { role: 'search', names: channel.port2 }, [channel.port2]));
    const batches = [
      ['张记便利店', '重庆小面馆', '长城超市', '张记便利店'],
      ['Ａ一号店', '行知书店'],
      ['乐乐超市'],
    ];
    // Sent as the check helper sends them, before the writer asks for any.
    batches.forEach((names, id) => channel.port1.postMessage({ id, names } satisfies SearchHelperMessage));
    // Asked for out of order: the answers must not cross.
    const second = await open.result(1);
    const [first, third] = await Promise.all([open.result(0), open.result(2)]);
    expect(first).toEqual(batches[0].map(computeNameSearch));
    expect(second).toEqual(batches[1].map(computeNameSearch));
    expect(third).toEqual(batches[2].map(computeNameSearch));
    channel.port1.close();
  }, 30_000);

  it('a helper that fails answers null (the writer computes the pinyin itself) instead of leaving the import waiting', async () => {
    open = batchNameSearch(() => new Worker('setTimeout(() => { throw new Error("helper down"); }, 50);', { eval: true }));
    expect(await open.result(0)).toBeNull();
    // Later batches do not wait for a helper that is gone.
    expect(await open.result(1)).toBeNull();
  });
});
