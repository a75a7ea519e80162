import { BrowserWindow, dialog, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CSP } from '../../shared/api/csp';

/** A locked-down window: isolated, sandboxed, no Node in the page, no navigation away, no new windows. */
export function createMainWindow(outDir: string): { window: BrowserWindow; isTrustedUrl: (url: string) => boolean } {
  const indexUrl = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  const isTrustedUrl = (url: string) =>
    url.split('#')[0] === indexUrl || (devUrl !== undefined && url.startsWith(devUrl));

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  // Permission checks (as opposed to requests) are answered "no" too: the page needs no camera, location, USB …
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });

  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    title: '信访文书台',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click on a link would otherwise open it in a new window, bypassing the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The page asks to stay open while imports run; Electron would otherwise refuse to close without a word.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['关闭', '继续导入'],
      defaultId: 1,
      cancelId: 1,
      title: '信访文书台',
      message: '仍有文件正在导入。',
      detail: '现在关闭，正在识别的文件不会保存，需要重新导入；已经保存的文件不受影响。',
    });
    if (choice === 0) event.preventDefault();
  });
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadURL(indexUrl);
  return { window, isTrustedUrl };
}
