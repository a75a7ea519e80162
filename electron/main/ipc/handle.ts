import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../../shared/api/request-names';
import type { AppEvent } from '../../../shared/api/contract';
import type { XinfangApp } from '../../core/create-app';
import { dispatch } from '../../core/dispatch';
import type { Logger } from '../../core/logger';

/**
 * The only place that touches ipcMain: checks the sender is our own renderer, then hands the request
 * to the same `dispatch` the HTTP transport uses (schema validation, errors as data).
 */
export function registerIpc(app: XinfangApp, isTrustedUrl: (url: string) => boolean, logger: Logger): () => void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      logger.warn('ipc request from untrusted sender refused', { url });
      return { ok: false, error: { code: 'request.unauthorized', message: '拒绝来自未知页面的请求。' } };
    }
    return dispatch(app.api, String(name), input, logger);
  });
  return () => ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
}

/** Forwards pushed events (import progress …) to one window. */
export function forwardEvents(app: XinfangApp, contents: WebContents): () => void {
  return app.onEvent((e: AppEvent) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, e);
  });
}
