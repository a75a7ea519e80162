import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useAppInfo } from '../../app/app-info-context';
import { call, onEvent } from '../../lib/api';
import { ApiError, errorMessage } from '../../lib/api-error';
import { fileToBase64 } from '../../lib/file-to-base64';
import { formatSize } from '../../lib/format';
import { importReducer, isFinished, type ImportItem } from './import-queue.types';

/** Mirrors the contract's upload limit so a huge file is refused before the browser tries to encode it. */
const MAX_FILE_BYTES = 150 * 1024 * 1024;

interface ImportQueue {
  readonly items: readonly ImportItem[];
  readonly busy: boolean;
  readonly enqueue: (files: readonly File[]) => void;
  readonly clearFinished: () => void;
  /** Cancels a waiting or running file; the core writes nothing for it. */
  readonly cancel: (key: string) => void;
  /** Imports a failed or cancelled file again from the bytes the page still holds. */
  readonly retry: (key: string) => void;
}

const ImportQueueContext = createContext<ImportQueue | null>(null);

let counter = 0;
const newKey = () => `imp-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * Runs imports one at a time in the order they were added, above the routes so a batch keeps going
 * (and keeps its progress) while the secretary looks at other screens.
 */
export function ImportQueueProvider({ children }: { children: ReactNode }) {
  const [items, dispatch] = useReducer(importReducer, []);
  const files = useRef(new Map<string, File>());
  const running = useRef<string | null>(null);
  const cancelled = useRef(new Set<string>());
  const [turn, setTurn] = useState(0);
  const { refresh } = useAppInfo();

  useEffect(
    () =>
      onEvent((e) => {
        if (e.name === 'intake.progress') dispatch({ type: 'progress', progress: e.payload });
      }),
    [],
  );

  const run = useCallback(
    async (key: string, file: File) => {
      const update = (patch: Partial<ImportItem>) => dispatch({ type: 'update', key, patch });
      try {
        if (file.size > MAX_FILE_BYTES) {
          update({
            status: 'failed',
            error: `文件太大（${formatSize(file.size)}），单个文件不能超过 150 MB。请把它拆分成几个较小的文件后再导入。`,
          });
          return;
        }
        update({ status: 'reading' });
        const dataBase64 = await fileToBase64(file);
        if (cancelled.current.has(key)) {
          update({ status: 'cancelled', progress: null });
          return;
        }
        update({ status: 'running' });
        const result = await call('intake.importFile', { name: file.name, dataBase64, ref: key });
        update({ status: result.duplicate ? 'duplicate' : 'done', document: result.document });
        files.current.delete(key);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'intake.cancelled') update({ status: 'cancelled', progress: null });
        else update({ status: 'failed', error: errorMessage(e) });
      } finally {
        cancelled.current.delete(key);
        refresh();
      }
    },
    [refresh],
  );

  // Starts the next waiting file whenever nothing is running: one import at a time, in order.
  useEffect(() => {
    if (running.current) return;
    const next = items.find((it) => it.status === 'waiting');
    const file = next && files.current.get(next.key);
    if (!next || !file) return;
    running.current = next.key;
    void run(next.key, file).finally(() => {
      running.current = null;
      setTurn((t) => t + 1);
    });
  }, [items, run, turn]);

  const busy = items.some((it) => it.status === 'waiting' || it.status === 'reading' || it.status === 'running');

  // Closing or reloading the window would drop the files still waiting.
  useEffect(() => {
    if (!busy) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  const enqueue = useCallback((list: readonly File[]) => {
    const added = list.map((file): ImportItem => {
      const key = newKey();
      files.current.set(key, file);
      return { key, name: file.name, size: file.size, status: 'waiting', progress: null, document: null, error: null };
    });
    dispatch({ type: 'add', items: added });
  }, []);

  const clearFinished = useCallback(() => {
    // The bytes of failed and cancelled files are kept for 重试 until the list is cleared.
    for (const it of items) if (isFinished(it.status)) files.current.delete(it.key);
    dispatch({ type: 'clearFinished' });
  }, [items]);

  const cancel = useCallback(
    (key: string) => {
      const item = items.find((it) => it.key === key);
      if (!item) return;
      if (item.status === 'waiting') {
        dispatch({ type: 'update', key, patch: { status: 'cancelled', progress: null } });
      } else if (item.status === 'reading') {
        cancelled.current.add(key);
      } else if (item.status === 'running') {
        cancelled.current.add(key);
        call('intake.cancel', { ref: key }).catch(() => undefined);
      }
    },
    [items],
  );

  const retry = useCallback((key: string) => {
    if (!files.current.has(key)) return;
    dispatch({ type: 'update', key, patch: { status: 'waiting', progress: null, error: null, document: null } });
  }, []);

  const value = useMemo(
    () => ({ items, busy, enqueue, clearFinished, cancel, retry }),
    [items, busy, enqueue, clearFinished, cancel, retry],
  );
  return <ImportQueueContext.Provider value={value}>{children}</ImportQueueContext.Provider>;
}

export function useImportQueue(): ImportQueue {
  const queue = useContext(ImportQueueContext);
  if (!queue) throw new Error('useImportQueue must be used inside ImportQueueProvider');
  return queue;
}
