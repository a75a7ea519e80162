import { app, dialog, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../core/create-app';
import { createStderrLogger } from '../core/logger';
import { toErrorPayload } from '../../shared/errors/app-error';
import { createMainWindow } from './window';
import { forwardEvents, registerIpc } from './ipc/handle';
import { startDeadlineReminders } from './deadline-reminders';
import { openDataFile } from './open-path';

/** Composition root of the desktop app: the core in this process, the UI in a sandboxed renderer. */
const logger = createStderrLogger('info');
let core: XinfangApp | null = null;

if (!app.requestSingleInstanceLock()) {
  // The first instance is brought to the front (second-instance below); this one just leaves.
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(async () => {
    const outDir = join(import.meta.dirname, '..');
    const resourcesDir = app.isPackaged
      ? join(process.resourcesPath, 'resources')
      : join(app.getAppPath(), 'resources');
    const dataDir = join(app.getPath('userData'), 'data');
    try {
      core = await createApp({ dataDir, resourcesDir, logger });
    } catch (e) {
      dialog.showErrorBox('信访文书台无法打开数据', toErrorPayload(e).message);
      app.quit();
      return;
    }
    // 文书 open in the user's word processor; only files inside the data folder (open-path.ts).
    core.paperwork.setFileOpener((path) => openDataFile(shell, dataDir, path));
    const { window, isTrustedUrl } = createMainWindow(outDir);
    mainWindow = window;
    // A damaged record file was restored at start-up: the user must hear what was restored and what was lost.
    if (core.recovery) {
      void dialog.showMessageBox(window, {
        type: 'warning',
        title: '信访文书台',
        message: '上次关闭时有记录文件损坏，已自动从备份恢复。',
        detail: core.recovery.message,
      });
    }
    registerIpc(core, isTrustedUrl, logger);
    const stop = forwardEvents(core, window.webContents);
    const stopReminders = startDeadlineReminders(core, () => mainWindow, logger);
    window.on('closed', () => {
      stop();
      stopReminders();
      mainWindow = null;
    });
  });
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const c = core;
  core = null;
  void c.close().finally(() => app.exit(0));
});
