/**
 * Helper threads started ahead of a job (by a task's `ahead` hook, on a thread standing
 * by, see runner.prepare): they load their modules and stand by, so the job's helpers are
 * working the moment it starts instead of half a second later.
 *
 * A spare is given its start data by message (`SpareMessage`) instead of as workerData;
 * from then on it is the same helper a fresh thread would be. Which roles there are, and
 * what each loads, the worker script says (`electron/core/worker.ts`).
 */
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from './spawn';

/** A helper thread's start data: its role says which helper it is. */
export interface HelperData {
  role: string;
}

/**
 * A spare helper's start data. `ready`: a port of its own on which it says, once, that it
 * has loaded (not the thread's own port, whose messages belong to whoever takes it).
 */
export interface SpareData {
  role: 'spare';
  helper: string;
  ready: MessagePort;
}

/** The one message a spare helper waits for: what it is to work on. */
export interface SpareMessage {
  type: 'serve';
  input: HelperData;
}

export interface Spares<TInput extends HelperData> {
  /**
   * The spare of `input`'s role, handed `input` (and the ports in `transfer`), or null
   * when there is none or it died: the caller then starts a fresh helper.
   */
  take(input: TInput, transfer?: readonly MessagePort[]): Worker | null;
  /** Resolves once every spare has loaded (or died: the job then starts its own). */
  ready: Promise<void>;
  /** Stops the spares nobody took (the job is over, or went the way without helpers). */
  close(): void;
}

interface Spare {
  worker: Worker;
  alive: boolean;
}

/** Starts one spare of each of `roles` on the worker script `entry`. */
export function startSpares<TInput extends HelperData>(entry: string, roles: readonly TInput['role'][]): Spares<TInput> {
  const spares = new Map<string, Spare>();
  const loaded: Promise<void>[] = [];
  for (const helper of roles) {
    const channel = new MessageChannel();
    try {
      const worker = startWorker(entry, { role: 'spare', helper, ready: channel.port2 } satisfies SpareData, [channel.port2]);
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
      // No spare: the job starts its helper itself.
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
      spare.worker.postMessage({ type: 'serve', input } satisfies SpareMessage, [...transfer]);
      return spare.worker;
    },
    close() {
      for (const spare of spares.values()) void spare.worker.terminate();
      spares.clear();
    },
  };
}
