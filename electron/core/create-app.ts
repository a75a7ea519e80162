import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Api, AppEvent, ImportProgress } from '../../shared/api/contract';
import { AppError } from '../../shared/errors/app-error';
import type { DocumentFields } from '../../shared/documents/fields';
import { extractFields } from '../../shared/documents/extract';
import { createStderrLogger, type Logger } from './logger';
import { openStore, type Store } from './store/store';
import { createSearchIndex } from './services/search/search-index';
import { createDocumentReader } from './services/reader/reader';
import type { DocumentReader } from './services/reader/reader.types';
import { createDocumentUsecases, type DocumentUsecases } from './usecases/documents.usecases';

export interface CreateAppOptions {
  readonly dataDir: string;
  /** Folder with templates, calendars and (in a packaged app) tessdata. */
  readonly resourcesDir?: string;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Injected in tests; by default the tesseract.js/pdf.js reader with its cache in the data folder. */
  readonly reader?: DocumentReader;
  readonly extract?: (text: string) => DocumentFields;
}

export interface XinfangApp {
  readonly api: Api;
  readonly documents: DocumentUsecases;
  readonly store: Store;
  /** Subscribes to pushed events (import progress …); returns the unsubscribe function. */
  onEvent(listener: (e: AppEvent) => void): () => void;
  close(): Promise<void>;
}

const packageVersion = (): string => {
  try {
    return (JSON.parse(readFileSync(join(import.meta.dirname ?? '.', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
};

/** Opens the data folder and returns the object that implements the API contract; it never touches Electron. */
export async function createApp(options: CreateAppOptions): Promise<XinfangApp> {
  const logger = options.logger ?? createStderrLogger();
  const now = options.now ?? (() => new Date());
  const store = await openStore(options.dataDir);
  const listeners = new Set<(e: AppEvent) => void>();
  const emit = (e: AppEvent) => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        logger.warn('event listener failed', { error: String(err) });
      }
    }
  };
  const reader =
    options.reader ??
    createDocumentReader({
      cacheDir: join(options.dataDir, 'cache'),
      logger,
      tessdataDir: options.resourcesDir ? join(options.resourcesDir, 'tessdata') : undefined,
    });
  const index = createSearchIndex();
  const documents = createDocumentUsecases({
    store,
    reader,
    index,
    extract: options.extract ?? extractFields,
    now,
    emitProgress: (payload: ImportProgress) => emit({ name: 'intake.progress', payload }),
    logger,
  });
  await documents.rebuildIndex();
  const version = packageVersion();

  const api: Api = {
    'app.info': async () => ({
      name: '信访文书台',
      version,
      dataDir: store.dataDir,
      schemaVersion: store.schemaVersion,
      documents: store.allDocuments().filter((d) => d.status === 'filed').length,
      reviewQueue: store.allDocuments().filter((d) => d.status === 'review').length,
    }),
    'intake.importFile': async ({ name, dataBase64, ref }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      if (dataBase64.length > 0 && bytes.length === 0) {
        throw new AppError('validation.invalid_input', `文件“${name}”的内容无法解码，没有导入。请重新选择文件。`);
      }
      return documents.importFile({ name, bytes }, ref);
    },
    'documents.reviewQueue': async () => documents.reviewQueue(),
    'documents.get': async ({ id }) => documents.get(id),
    'documents.pageImage': async ({ id, page }) => documents.pageImage(id, page),
    'documents.save': async ({ id, fields }) => documents.save(id, fields),
    'archive.tree': async () => documents.archiveTree(),
    'search.query': async ({ query, limit }) => documents.search(query, limit),
  };

  let closed = false;
  return {
    api,
    documents,
    store,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      await reader.close();
      await store.close();
    },
  };
}
