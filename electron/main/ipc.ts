import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/app';
import { isAppUrl } from './security';

/**
 * One IPC channel into the core router. Like VS Code's validatedIpcMain, every call
 * first checks it comes from our own window's top frame on our own URL. Session
 * tokens stay here, per window: the renderer never sees them.
 */
export function registerIpc(core: Core, getWindow: () => BrowserWindow | null, devServerUrl: string | undefined): void {
  const tokens = new Map<number, string>();

  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = getWindow();
    const frame = event.senderFrame;
    return !!win && !!frame && event.sender.id === win.webContents.id && frame === win.webContents.mainFrame && isAppUrl(frame.url, devServerUrl);
  };

  ipcMain.handle('bd:invoke', async (event, method: unknown, input: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } };
    const id = event.sender.id;
    if (!tokens.has(id)) event.sender.once('destroyed', () => tokens.delete(id));
    const outcome = await core.router.invoke(tokens.get(id) ?? null, method, input);
    if (outcome.sessionToken === null) tokens.delete(id);
    else if (outcome.sessionToken) tokens.set(id, outcome.sessionToken);
    return outcome.result;
  });
}
