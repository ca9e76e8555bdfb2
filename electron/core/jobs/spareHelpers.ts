/**
 * Helper threads started ahead of an import (a standby job thread's, see runner.prepare):
 * they load their modules and stand by, so the import's check and search helpers are
 * working the moment the import starts instead of half a second later.
 *
 * A spare is given its start data by message (`SpareHelperMessage`) instead of as
 * workerData; from then on it is the same helper a fresh thread would be.
 */
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { CheckHelperInput } from '../imports/parallel/checkHelper';
import type { SearchHelperInput } from '../imports/parallel/searchPool';
import { startWorker } from './spawn';

export type HelperInput = CheckHelperInput | SearchHelperInput;
export type HelperRole = HelperInput['role'];

/**
 * A spare helper's start data. `ready`: a port of its own on which it says, once, that it
 * has loaded (not the thread's own port, whose messages belong to whoever takes it).
 */
export interface SpareHelperData {
  role: 'spare';
  helper: HelperRole;
  ready: MessagePort;
}

/** The one message a spare helper waits for: what it is to work on. */
export interface SpareHelperMessage {
  type: 'serve';
  input: HelperInput;
}

export interface SpareHelpers {
  /**
   * The spare of `input`'s role, handed `input` (and the ports in `transfer`), or null
   * when there is none or it died: the caller then starts a fresh helper.
   */
  take(input: HelperInput, transfer?: readonly MessagePort[]): Worker | null;
  /** Resolves once every spare has loaded (or died: the import then starts its own). */
  ready: Promise<void>;
  /** Stops the spares nobody took (the job is over, or went the way without helpers). */
  close(): void;
}

interface Spare {
  worker: Worker;
  alive: boolean;
}

export function spareHelpers(entry: string): SpareHelpers {
  const spares = new Map<HelperRole, Spare>();
  const loaded: Promise<void>[] = [];
  for (const helper of ['check', 'search'] as const) {
    const channel = new MessageChannel();
    try {
      const worker = startWorker(entry, { role: 'spare', helper, ready: channel.port2 } satisfies SpareHelperData, [channel.port2]);
      const spare: Spare = { worker, alive: true };
      // Standing by must not keep the job thread alive.
      worker.unref();
      loaded.push(
        new Promise<void>((resolve) => {
          channel.port1.once('message', () => resolve());
          worker.once('exit', () => resolve());
        }).finally(() => channel.port1.close()),
      );
      // After the listener (which refs the port): waiting for it must not keep the thread alive either.
      channel.port1.unref();
      worker.on('error', () => (spare.alive = false));
      worker.on('exit', () => (spare.alive = false));
      spares.set(helper, spare);
    } catch {
      // No spare: the import starts its helper itself.
      channel.port1.close();
    }
  }
  return {
    ready: Promise.all(loaded).then(() => undefined),
    take(input, transfer = []) {
      const spare = spares.get(input.role);
      spares.delete(input.role);
      if (!spare?.alive) return null;
      // The caller owns it from here (its own handlers decide whether it keeps the thread alive).
      spare.worker.ref();
      spare.worker.postMessage({ type: 'serve', input } satisfies SpareHelperMessage, [...transfer]);
      return spare.worker;
    },
    close() {
      for (const spare of spares.values()) void spare.worker.terminate();
      spares.clear();
    },
  };
}
