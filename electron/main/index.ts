import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { openCore, type Core } from '../core/app';
import { ElectronPdfRenderer } from './pdf';
import { defaultDataDir } from '../core/dataDir';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { hardenSession, hardenWebContents } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

// The userData folder is the same one the web host and CLI default to.
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same database file: hand over to the first window instead.
  app.quit();
}

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

/** In development the start script builds better-sqlite3 for Electron's ABI into .electron-native/. */
function nativeBinding(): string | undefined {
  if (process.env.BRANCHDESK_NATIVE_BINDING) return process.env.BRANCHDESK_NATIVE_BINDING;
  const dev = path.resolve(here, '../../.electron-native/better_sqlite3.node');
  return !app.isPackaged && existsSync(dev) ? dev : undefined;
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    title: 'BranchDesk 网点客户经理工作台',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  hardenWebContents(mainWindow.webContents, devServerUrl);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadFile(path.join(here, '../renderer/index.html'));
}

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

app.whenReady().then(() => {
  try {
    core = openCore({ dataDir, host: 'desktop', nativeBinding: nativeBinding(), jobs: { workerEntry: path.join(here, 'worker.js') }, pdf: new ElectronPdfRenderer() });
    // Progress of imports/exports goes to the window; the preload exposes it as onProgress.
    core.jobs.onProgress((p) => mainWindow?.webContents.send('bd:progress', p));
  } catch (err) {
    dialog.showErrorBox('无法打开数据库', `${(err as Error).message}\n\n数据目录：${dataDir}`);
    app.quit();
    return;
  }
  hardenSession();
  registerIpc(core, () => mainWindow, devServerUrl);
  buildMenu(() => mainWindow, dataDir);
  createWindow();
});

app.on('window-all-closed', () => {
  core?.close();
  core = null;
  app.quit();
});
