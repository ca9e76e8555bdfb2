import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../../shared/api/result';

/**
 * The renderer's only door to the main process: call a contract method by name.
 * No ipcRenderer, no Node, no arbitrary channels. The core validates every input.
 */
contextBridge.exposeInMainWorld('branchdesk', {
  invoke: (method: string, input: unknown): Promise<Result<unknown>> => {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return ipcRenderer.invoke('bd:invoke', method, input) as Promise<Result<unknown>>;
  },
  /** Progress of long jobs (imports, exports, backups); returns an unsubscribe function. */
  onProgress: (listener: (event: { jobId: string; done: number; total: number; message?: string }) => void) => {
    const handler = (_e: unknown, payload: { jobId: string; done: number; total: number; message?: string }) => listener(payload);
    ipcRenderer.on('bd:progress', handler);
    return () => ipcRenderer.removeListener('bd:progress', handler);
  },
});
