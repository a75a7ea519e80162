import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, REQUEST_NAMES } from '../../shared/api/request-names';

/** One named function per request, plus `onEvent`; the page never sees ipcRenderer itself. */
const api: Record<string, unknown> = {};
for (const name of REQUEST_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, name, input);
}
api['onEvent'] = (listener: (e: unknown) => void) => {
  const wrapped = (_event: unknown, e: unknown) => listener(e);
  ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
  return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
};

contextBridge.exposeInMainWorld('api', api);
