import type { InputOf, MethodName, OutputOf } from '../../../shared/api/contract';
import type { ApiError, Result } from '../../../shared/api/result';

/** What the Electron preload exposes (see electron/preload/index.ts). */
interface DesktopBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  onProgress?(listener: (event: JobProgressEvent) => void): () => void;
}

/** What Electron pushes on 'bd:progress' between two jobs.status answers. */
export interface JobProgressEvent {
  jobId: string;
  done: number;
  total: number;
  message?: string;
}

declare global {
  interface Window {
    branchdesk?: DesktopBridge;
  }
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
  }
  get code() {
    return this.error.code;
  }
}

type Listener = (error: ApiError) => void;
const sessionListeners = new Set<Listener>();

/**
 * The app shell listens here to show the login or lock screen whenever any call finds the
 * session gone or locked, and 修改密码 when the core asks for a password change first.
 */
export function onSessionProblem(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Pushed job progress (Electron only; the web host's pages poll jobs.status). */
export function onJobProgress(listener: (event: JobProgressEvent) => void): () => void {
  return window.branchdesk?.onProgress?.(listener) ?? (() => undefined);
}

async function transport(method: string, input: unknown): Promise<Result<unknown>> {
  if (window.branchdesk) return window.branchdesk.invoke(method, input);
  try {
    const res = await fetch('./api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method, input }),
      credentials: 'same-origin',
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接到本机服务，请确认 BranchDesk 正在运行' } };
  }
}

/** Fully typed from the contract: a renamed method or a wrong input breaks the build, not the user. */
export async function invoke<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const result = await transport(method, input);
  if (result.ok) return result.value as OutputOf<K>;
  if (result.error.code === 'SESSION_LOCKED' || result.error.code === 'NOT_LOGGED_IN' || result.error.code === 'PASSWORD_CHANGE_REQUIRED') {
    for (const l of sessionListeners) l(result.error);
  }
  throw new ApiFailure(result.error);
}

/** Same as invoke, but answers the Result instead of throwing (forms that show field errors). */
export async function tryInvoke<K extends MethodName>(method: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
  try {
    return { ok: true, value: await invoke(method, input) };
  } catch (e) {
    if (e instanceof ApiFailure) return { ok: false, error: e.error };
    throw e;
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiFailure) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
