import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Api, ApiPart, AppEvent, ImportProgress } from '../../shared/api/contract';
import type { CORE_REQUEST_NAMES } from '../../shared/api/request-names';
import { AppError } from '../../shared/errors/app-error';
import type { DocumentFields } from '../../shared/documents/fields';
import { extractFields } from '../../shared/documents/extract';
import { createStderrLogger, type Logger } from './logger';
import { openStore, type Store } from './store/store';
import { openWithRecovery, type RecoveryReport } from './usecases/integrity.usecases';
import { createRecordSnapshots, type RecordSnapshots } from './services/backup/record-snapshots';
import { startAutoBackup } from './services/backup/auto-backup';
import { createAuditLog, type AuditLog } from './services/audit/audit-log';
import { openSearchIndex } from './services/search/persistent-index';
import { createDocumentReader } from './services/reader/reader';
import type { DocumentReader } from './services/reader/reader.types';
import { createDocumentUsecases, type DocumentUsecases } from './usecases/documents.usecases';
import { openRegistry } from './usecases/registry.usecases';
import { createImportQueue, type ImportQueue } from './usecases/import-queue';
import { openSettings, validateWatchFolder, type SettingsUsecases } from './usecases/settings.usecases';
import { createFolderIntake, type FolderIntake } from './usecases/watch.usecases';
import { createCaseApi, createCaseUsecases, type CaseUsecases } from './usecases/cases.usecases';
import { createArchiveApi, createArchiveUsecases } from './usecases/archive.usecases';
import { createPaperworkApi, openPaperwork, type PaperworkUsecases } from './usecases/paperwork.usecases';
import { createCaseFieldSource } from './usecases/paperwork.case-source';
import {
  auditArchive,
  auditCaseUsecases,
  auditPaperwork,
  auditTailAt,
  reconcileCaseAudit,
  reconcileDocumentAudit,
} from './services/audit/audited-usecases';
import { createAuditIntents } from './services/audit/audit-intents';
import { watchAuditFailures } from './services/audit/audit-failures';
import {
  applyPendingRestore,
  createMaintenanceApi,
  createMaintenanceUsecases,
  type MaintenanceUsecases,
  type RestoredAtStart,
} from './usecases/maintenance.usecases';
import { cachedDocxText } from './usecases/cases.issued-text';

export interface CreateAppOptions {
  readonly dataDir: string;
  /** Folder with templates, calendars and (in a packaged app) tessdata. */
  readonly resourcesDir?: string;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Injected in tests; by default the tesseract.js/pdf.js reader with its cache in the data folder. */
  readonly reader?: DocumentReader;
  readonly extract?: (text: string) => DocumentFields;
  /** Start watching the folder saved in the settings (default true; the one-shot CLI commands pass false). */
  readonly watch?: boolean;
  /** How long a watched file's size must stay unchanged before it is read (default 2 s; tests shorten it). */
  readonly watchStableMs?: number;
  /** How often the record files are backed up automatically while running (default 10 minutes; 0 = off). */
  readonly autoBackupMs?: number;
}

export interface XinfangApp {
  readonly api: Api;
  readonly documents: DocumentUsecases;
  /** 信访件: registration, workflow, deadlines, statistics; `fieldValues(id)` feeds document templates. */
  readonly cases: CaseUsecases;
  /** 文书 templates, 文号 allocation and .docx generation (issue 6). */
  readonly paperwork: PaperworkUsecases;
  readonly store: Store;
  /** What start-up recovery restored and lost (damaged record files), or null when the folder opened cleanly. */
  readonly recovery: RecoveryReport | null;
  /** The rotating automatic backups of the record files. */
  readonly snapshots: RecordSnapshots;
  /** The append-only audit trail; cases and paperwork record their changes, exports and prints through it. */
  readonly audit: AuditLog;
  /** Zip backups, the restore swapped in at the next start, the recovery report and one record's audit trail. */
  readonly maintenance: MaintenanceUsecases;
  readonly settings: SettingsUsecases;
  /** The one import queue (UI imports and the watched folder), one import at a time. */
  readonly queue: ImportQueue;
  /** The watched folder; the CLI's `import --watch DIR` starts it on a folder of its own. */
  readonly folderIntake: FolderIntake;
  /** Validates a folder for watching (absolute, existing, outside the data folder) and returns its resolved path. */
  validateWatchFolder(dir: string): Promise<string>;
  /** Resolves when start-up's background work is done (search index check, audit index); requests never wait for it. */
  settled(): Promise<void>;
  /** Subscribes to pushed events (import progress …); returns the unsubscribe function. */
  onEvent(listener: (e: AppEvent) => void): () => void;
  close(): Promise<void>;
}

const packageVersion = (): string => {
  try {
    return (
      JSON.parse(readFileSync(join(import.meta.dirname ?? '.', '..', '..', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '0.0.0';
  }
};

/** Opens the data folder and returns the object that implements the API contract; it never touches Electron. */
export async function createApp(options: CreateAppOptions): Promise<XinfangApp> {
  const logger = options.logger ?? createStderrLogger();
  // A backup chosen in 设置 → 恢复备份 during the last run is swapped in before anything opens the folder.
  const restoredAtStart = await applyPendingRestore({ dataDir: options.dataDir, now: options.now, logger });
  // Background work (the index's check of its big sections, the cases' warm-up) waits until start-up is over: on
  // one thread, running it earlier only delays the first answer. Each attempt has its own signal, so an attempt
  // abandoned by the recovery below never wakes up beside the one that succeeded.
  let markStarted = (): void => undefined;
  const late: Late = { recovery: null, restoredAtStart };
  // A damaged record file (power cut, full disk) is restored from the automatic backups and the loss reported.
  const { value, recovery } = await openWithRecovery(
    async () => {
      const store = await openStore(options.dataDir);
      let start = (): void => undefined;
      const started = new Promise<void>((resolve) => (start = resolve));
      try {
        const app = await assemble(options, store, logger, late, started);
        markStarted = start;
        return app;
      } catch (e) {
        // A failed start must not leave the folder locked for the next attempt.
        await store.close();
        throw e;
      }
    },
    { dataDir: options.dataDir, now: options.now, logger },
  );
  if (recovery) logger.warn(recovery.message, { recovery: recovery.files.map((f) => f.path) });
  late.recovery = recovery;
  markStarted();
  return { ...value, recovery };
}

/** What is known only once the folder is open (the recovery report) or before it opens (a restore swapped in). */
interface Late {
  recovery: RecoveryReport | null;
  readonly restoredAtStart: RestoredAtStart | null;
}

async function assemble(
  options: CreateAppOptions,
  store: Store,
  logger: Logger,
  late: Late,
  /** Resolved once createApp has returned this attempt's app. */
  started: Promise<void>,
): Promise<Omit<XinfangApp, 'recovery'>> {
  const now = options.now ?? (() => new Date());
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
  const index = await openSearchIndex({ dir: join(store.dataDir, 'index'), logger, checkAfter: started });
  const emitProgress = (payload: ImportProgress) => emit({ name: 'intake.progress', payload });
  // The issuing-body registry's learned part: extraction reads with it, confirmed saves teach it.
  const bodyRegistry = await openRegistry({ dataDir: store.dataDir, logger });
  // Failed appends are counted so the 备份与恢复 card can say the trail has a gap.
  const audit = watchAuditFailures(createAuditLog({ dataDir: store.dataDir, now, logger }), now);
  const documents = createDocumentUsecases({
    audit,
    store,
    reader,
    index,
    extract: options.extract ?? ((text) => extractFields(text, { registry: bodyRegistry.current() })),
    now,
    emitProgress,
    logger,
    onConfirmed: (suggested, confirmed) =>
      bodyRegistry.confirm(suggested.issuingBodies, confirmed.issuingBodies, confirmed.docNumber),
    bodiesForCode: (code) => bodyRegistry.current().bodiesForCode(code),
  });
  const indexSync = await documents.syncIndex();
  if (indexSync.added || indexSync.removed) {
    logger.info('search index brought up to date with the records', {
      ...indexSync,
      rebuildReason: index.status().rebuildReason,
    });
  }
  // The texts and postings of a loaded index are checked after start-up; damage there means a rebuild. A rebuilt
  // or long-journalled index is written back after the check, never before it: a save first would copy unchecked
  // sections into a new base with fresh checksums. close() waits for both.
  let closing = false;
  const indexChecked = index.verified().then(async (reason) => {
    if (closing) return;
    if (reason) {
      await documents.rebuildIndex();
      await index.save();
      logger.info('search index rebuilt after damage was found', { reason });
    } else if (index.needsSave()) await index.save();
  });
  indexChecked.catch((e: unknown) => logger.error('search index rebuild failed', { error: String(e) }));
  let paperworkRef: PaperworkUsecases | null = null;
  const issuedText = cachedDocxText();
  const cases = await createCaseUsecases({
    dataDir: store.dataDir,
    now,
    logger,
    warmAfter: started,
    documentText: async (id) => (await documents.get(id)).text,
    documentExists: (id) => store.getDocument(id) !== undefined,
    // Paperwork opens after the cases (it reads them); the 办结 checklist asks it only once both are up.
    issuedDocuments: (caseId) =>
      (paperworkRef?.listIssued(caseId) ?? []).map((d) => ({
        docType: d.docType,
        title: d.title,
        docNumber: d.docNumber,
        cancelled: d.cancelled !== null,
        text: issuedText(d.path),
        id: d.id,
        issuedAt: d.issuedAt,
        file: d.file,
        cancelReason: d.cancelled?.reason ?? null,
      })),
    documentTasks: () =>
      store
        .allDocuments()
        .filter((d) => d.status === 'filed' && (d.fields.deadlines?.length ?? 0) > 0)
        .map((d) => ({
          documentId: d.id,
          docNumber: d.fields.docNumber,
          title: d.fields.title,
          filedAt: d.filedAt,
          deadlines: d.fields.deadlines ?? [],
          completions: d.taskCompletions ?? [],
        })),
  });
  const version = packageVersion();
  const settings = await openSettings({ dataDir: store.dataDir, logger });
  reader.setOcrEngine?.(settings.get().ocrEngine);
  const queue = createImportQueue({ emitProgress });
  const folderIntake = createFolderIntake({
    dataDir: store.dataDir,
    queue,
    importFile: (file, ref, signal) => documents.importFile(file, ref, signal),
    now,
    logger,
    stableMs: options.watchStableMs,
  });
  const watchEnabled = options.watch ?? true;
  /** Starts, restarts or stops the watcher to match the saved setting; a folder that went missing is shown in the status. */
  const applyWatchSetting = async () => {
    if (!watchEnabled) return;
    const dir = settings.get().watchFolder;
    if (!dir) return folderIntake.stop();
    const valid = await validateWatchFolder(dir, store.dataDir).then(
      () => null,
      (e: unknown) => (e instanceof AppError ? e.message : String(e)),
    );
    if (valid === null) await folderIntake.start(dir);
    else {
      await folderIntake.stop();
      folderIntake.fail(dir, valid);
    }
  };
  await applyWatchSetting();
  let uploads = 0;

  const snapshots = createRecordSnapshots({ dataDir: store.dataDir, now, logger });
  const autoBackup = startAutoBackup({ snapshots, logger, intervalMs: options.autoBackupMs });

  const coreApi: ApiPart<(typeof CORE_REQUEST_NAMES)[number]> = {
    'app.info': async () => ({
      name: '信访文书台',
      version,
      dataDir: store.dataDir,
      schemaVersion: store.schemaVersion,
      documents: store.allDocuments().filter((d) => d.status === 'filed').length,
      reviewQueue: store.allDocuments().filter((d) => d.status === 'review').length,
      ocrEngine: reader.ocrEngineStatus?.() ?? { choice: settings.get().ocrEngine, active: null, message: null },
    }),
    'intake.importFile': async ({ name, dataBase64, ref }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      if (dataBase64.length > 0 && bytes.length === 0) {
        throw new AppError('validation.invalid_input', `文件“${name}”的内容无法解码，没有导入。请重新选择文件。`);
      }
      const jobRef = ref ?? `upload-${++uploads}`;
      return queue.run({ ref: jobRef, name }, (signal) => documents.importFile({ name, bytes }, jobRef, signal));
    },
    'intake.cancel': async ({ ref }) => ({ cancelled: queue.cancel(ref) }),
    'intake.watchStatus': async () => folderIntake.status(),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => {
      const next = await settings.update(patch);
      reader.setOcrEngine?.(next.ocrEngine);
      await applyWatchSetting();
      return next;
    },
    'documents.reviewQueue': async () => documents.reviewQueue(),
    'documents.get': async ({ id }) => documents.get(id),
    'documents.pageImage': async ({ id, page }) => documents.pageImage(id, page),
    'documents.ocrLayout': async ({ id }) => documents.ocrLayout(id),
    'documents.save': async ({ id, fields }) => documents.save(id, fields),
    'documents.completeTask': async (input) => documents.completeTask(input),
    'documents.reopenTask': async (input) => documents.reopenTask(input),
    'search.query': async ({ query, limit }) => documents.search(query, limit),
  };
  // One spread per part of the contract (shared/api/<part>.contract.ts); each part builds its handlers from the core's services.
  const paperwork = await openPaperwork({
    dataDir: store.dataDir,
    // Built-in templates ship in resources/templates (two levels up from electron/core and from out/main alike).
    builtinDir: join(options.resourcesDir ?? join(import.meta.dirname ?? '.', '..', '..', 'resources'), 'templates'),
    now,
    logger,
    cases: createCaseFieldSource(cases),
  });
  paperworkRef = paperwork;
  // The 信访件状态 filter reads which cases list a document (a map the cases keep up to date).
  const archive = await createArchiveUsecases({
    store,
    index,
    now,
    logger,
    caseLinks: cases.documentCaseLinks,
    emitProgress: (payload) => emit({ name: 'archive.progress', payload }),
  });
  // Case and paperwork changes, and exports of personal data, go to the audit trail (services/audit/audited-usecases).
  // Markers written before each case change: a kill or a failed append in between is back-filled (补记) here.
  const auditIntents = createAuditIntents({ dataDir: store.dataDir, now });
  const auditedCases = auditCaseUsecases(cases, audit, logger, auditIntents);
  await reconcileCaseAudit({ cases, audit, intents: auditIntents, logger }).catch((e: unknown) =>
    logger.error('audit back-fill failed; retried at the next start', { error: String(e) }),
  );
  // Documents saved after the trail's newest entry were saved by a run killed before their entry: 补记 them too.
  await reconcileDocumentAudit({
    documents: store.allDocuments(),
    audit,
    tailAt: await auditTailAt(store.dataDir),
    logger,
  }).catch((e: unknown) => logger.error('document audit back-fill failed', { error: String(e) }));
  const auditedPaperwork = auditPaperwork(paperwork, audit, logger);
  const maintenance = createMaintenanceUsecases({
    dataDir: store.dataDir,
    audit,
    snapshots,
    recovery: () => late.recovery,
    restoredAtStart: late.restoredAtStart,
    emit,
    now,
    logger,
    appVersion: version,
    auditFailures: audit.failures,
  });
  const api: Api = {
    ...coreApi,
    ...createCaseApi(auditedCases),
    ...createPaperworkApi(auditedPaperwork),
    ...createArchiveApi(auditArchive(archive, audit, logger)),
    ...createMaintenanceApi(maintenance),
  };

  // One record's trail is read by offset through an index of the audit log, loaded once the app is up.
  const auditWarm = audit.warm();
  let closed = false;
  return {
    api,
    paperwork: auditedPaperwork,
    maintenance,
    snapshots,
    audit,
    documents,
    cases: auditedCases,
    store,
    settings,
    queue,
    folderIntake,
    validateWatchFolder: (dir) => validateWatchFolder(dir, store.dataDir),
    settled: async () => {
      await Promise.all([indexChecked.catch(() => undefined), auditWarm]);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      closing = true;
      // A check not yet finished is left for the next start (a one-shot CLI command would otherwise wait for it).
      index.abandonCheck();
      await indexChecked.catch(() => undefined);
      await folderIntake.stop();
      await queue.close();
      listeners.clear();
      await reader.close();
      await autoBackup.stop();
      if (index.needsSave()) await index.save().catch(() => undefined);
      await index.close();
      await audit.close();
      await store.close();
    },
  };
}
