import { z } from 'zod';
import type { ErrorPayload } from '../errors/app-error';
import { ARCHIVE_REQUESTS } from './archive.contract';
import { CASES_REQUESTS } from './cases.contract';
import { isoDate, recordId as id, text, type RequestSpec } from './common';
import { MAINTENANCE_REQUESTS, type BackupProgress } from './maintenance.contract';
import type { ArchiveExportProgress } from './archive.dat22.contract';
import { PAPERWORK_REQUESTS } from './paperwork.contract';
import type { OcrLayout } from '../documents/ocr-layout';
import { TASK_KEY_PATTERN } from '../documents/task-completion';
import { REQUEST_NAMES, type CORE_REQUEST_NAMES, type RequestName } from './request-names';

export { REQUEST_NAMES, type RequestName };

/**
 * The one API contract: every request's input schema and output type, every pushed event.
 * Transports (Electron IPC, loopback HTTP) and the preload are generated from `REQUESTS`;
 * adding a request is one entry here plus one handler in the core.
 */

export const documentFieldsSchema = z.object({
  issuingBodies: z.array(text(200)).max(50),
  docNumber: text(100).nullable(),
  title: text(500).nullable(),
  docType: text(20).nullable(),
  addressees: z.array(text(2000)).max(50),
  signingDate: isoDate.nullable(),
  attachments: z.array(text(500)).max(100),
  cc: z.array(text(2000)).max(50),
  printedBy: text(200).nullable(),
  printedDate: isoDate.nullable(),
  classification: text(50).nullable(),
  urgency: text(50).nullable(),
  copyNumber: text(50).nullable(),
  referencedDocNumbers: z.array(text(100)).max(500),
  /**
   * Tasks with a due date the notice sets its readers (请于6月底之前报…), kept with the record so the cases
   * dashboard can list them. Optional: a save without it keeps the deadlines already on the record.
   */
  deadlines: z
    .array(
      z
        .object({
          due: isoDate.nullable(),
          dueText: text(200),
          task: text(500).nullable(),
          reportTo: text(200).nullable(),
          withinDays: z.number().int().min(0).max(3650).nullable(),
          unit: z.enum(['日', '工作日']).nullable(),
        })
        .strict(),
    )
    .max(50)
    .readonly()
    .optional(),
});
export type DocumentFieldsInput = z.infer<typeof documentFieldsSchema>;

export type DocumentStatus = 'review' | 'filed';
export type TextSource = 'ocr' | 'pdf-text' | 'txt';

/** Metadata of one document: small, kept in the record files (full text lives elsewhere). */
export interface DocumentSummary {
  readonly id: string;
  readonly status: DocumentStatus;
  readonly fields: DocumentFieldsInput;
  readonly originalName: string;
  readonly sha256: string;
  readonly size: number;
  readonly pages: number;
  readonly textSource: TextSource;
  readonly createdAt: string;
  readonly filedAt: string | null;
  readonly updatedAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  /** What the extractor proposed before a person confirmed the fields. */
  readonly suggested: DocumentFieldsInput;
  readonly text: string;
  readonly pageTexts: readonly string[];
  readonly ocrMs: number;
  /** Mean OCR confidence 0–100 per page, null where the text came from a text layer. */
  readonly pageConfidence: readonly (number | null)[];
  /** Bodies the issuing-body registry knows for the 文号's 机关代字 (learned from confirmed documents and the seed). */
  readonly bodyCandidates?: readonly string[];
  /** Per page: whether it has a page image (a .txt import has none, so the screens show its text instead). */
  readonly pageImages?: readonly boolean[];
  /** The dated tasks of `fields.deadlines`, same order, with who marked each done. */
  readonly tasks?: readonly DocumentTaskState[];
}

/** Who marked a notice's task done, when (ISO time), and their note. */
export interface TaskDoneView {
  readonly by: string;
  readonly at: string;
  readonly note: string | null;
}

/** One dated task of a notice (a `fields.deadlines` entry) with its key and completion; null while open. */
export interface DocumentTaskState {
  readonly key: string;
  readonly done: TaskDoneView | null;
}

export interface ImportResult {
  readonly document: DocumentSummary;
  /** True when the same file (same SHA-256) was already in the store. */
  readonly duplicate: boolean;
}

export interface SearchHit {
  readonly document: DocumentSummary;
  readonly score: number;
  /** A short passage of the text around the first match. */
  readonly snippet: string;
  /** [start, end) ranges in `snippet` to highlight. */
  readonly highlights: readonly (readonly [number, number])[];
  /** Where the query matched: 文号, 标题, 发文机关 or 正文. */
  readonly matchedIn: readonly ('docNumber' | 'title' | 'issuingBodies' | 'text')[];
}
export interface SearchResult {
  readonly query: string;
  readonly total: number;
  readonly hits: readonly SearchHit[];
  readonly ms: number;
}

export interface PageImage {
  readonly mime: 'image/jpeg' | 'image/png';
  readonly dataBase64: string;
  readonly width: number;
  readonly height: number;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly dataDir: string;
  readonly schemaVersion: number;
  readonly documents: number;
  readonly reviewQueue: number;
  /** Which OCR engine reads scans, and why not the chosen one when it could not start. */
  readonly ocrEngine: OcrEngineStatus;
}

/** The OCR engine setting: 自动 (PaddleOCR when it loads, else tesseract.js), 高精度 (PaddleOCR only), 兼容 (tesseract.js). */
export const OCR_ENGINE_CHOICES = ['auto', 'accurate', 'compatible'] as const;
export type OcrEngineChoice = (typeof OCR_ENGINE_CHOICES)[number];

export interface OcrEngineStatus {
  readonly choice: OcrEngineChoice;
  /** The engine pages are read with: null before the first scan (自动/高精度 start PaddleOCR then) or when none can read. */
  readonly active: 'paddle' | 'tesseract' | null;
  /** Chinese: why PaddleOCR is not used although chosen (missing runtime, damaged model …) and what to do; else null. */
  readonly message: string | null;
}

/** User settings kept in the data folder (`records/settings.json`). */
export interface Settings {
  /** Folder whose new scans are imported into the review queue automatically; null when off. */
  readonly watchFolder: string | null;
  /** OCR engine; default 'auto'. */
  readonly ocrEngine: OcrEngineChoice;
}

/** What happened to one file of the watched folder. */
export interface WatchEntry {
  readonly path: string;
  readonly name: string;
  readonly at: string;
  readonly documentId: string | null;
  /** True when the same file (same SHA-256) was already in the store. */
  readonly duplicate: boolean;
  readonly error: ErrorPayload | null;
}

/** The watched folder as the settings screen shows it. */
export interface WatchStatus {
  readonly folder: string | null;
  readonly running: boolean;
  /** Why the watcher is not running or what went wrong last (Chinese), else null. */
  readonly error: string | null;
  readonly imported: number;
  readonly failed: number;
  /** Files found and waiting for (or in) the import queue. */
  readonly pending: number;
  /** The latest entries, newest first. */
  readonly recent: readonly WatchEntry[];
}

/** 150 MB of file bytes as base64; larger files are refused with `file.too_large` before decoding. */
export const MAX_UPLOAD_BASE64 = 200 * 1024 * 1024;

/** Which task of which notice, who does it (经办人) and an optional note. */
const taskInput = z
  .object({
    id,
    key: z.string().regex(TASK_KEY_PATTERN, '任务编号格式不正确，请刷新后再试'),
    by: z.string().trim().min(1, '请填写经办人').max(50),
    note: z.string().trim().max(500, '备注不能超过 500 字').optional(),
  })
  .strict();

/** The requests of the foundation; the other parts live in `<part>.contract.ts` beside this file. */
const CORE_REQUESTS = {
  'app.info': { input: z.object({}).strict(), output: {} as AppInfo },
  'intake.importFile': {
    input: z
      .object({
        name: z.string().min(1).max(1000),
        dataBase64: z.string().max(MAX_UPLOAD_BASE64),
        /** The caller's own reference, echoed in progress events. */
        ref: z.string().max(100).optional(),
      })
      .strict(),
    output: {} as ImportResult,
  },
  'intake.cancel': {
    input: z.object({ ref: z.string().min(1).max(100) }).strict(),
    output: {} as { readonly cancelled: boolean },
  },
  'intake.watchStatus': { input: z.object({}).strict(), output: {} as WatchStatus },
  'settings.get': { input: z.object({}).strict(), output: {} as Settings },
  'settings.update': {
    input: z
      .object({
        watchFolder: z.string().trim().min(1, '文件夹路径不能为空').max(1000).nullable().optional(),
        ocrEngine: z.enum(OCR_ENGINE_CHOICES, '识别引擎只能是“自动”“高精度”或“兼容”').optional(),
      })
      .strict(),
    output: {} as Settings,
  },
  'documents.reviewQueue': { input: z.object({}).strict(), output: {} as readonly DocumentSummary[] },
  'documents.get': { input: z.object({ id }).strict(), output: {} as DocumentDetail },
  'documents.pageImage': {
    input: z.object({ id, page: z.number().int().min(1).max(100_000) }).strict(),
    output: {} as PageImage,
  },
  /** Word boxes and confidences of an OCR'd document for the review screen; null when it has none. */
  'documents.ocrLayout': { input: z.object({ id }).strict(), output: {} as OcrLayout | null },
  'documents.save': {
    input: z.object({ id, fields: documentFieldsSchema }).strict(),
    output: {} as DocumentSummary,
  },
  /** 标记完成 / 撤销完成 of a filed notice's dated task; audited, kept on the record beside the fields. */
  'documents.completeTask': { input: taskInput, output: {} as readonly DocumentTaskState[] },
  'documents.reopenTask': { input: taskInput, output: {} as readonly DocumentTaskState[] },
  'search.query': {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: {} as SearchResult,
  },
} as const satisfies Record<(typeof CORE_REQUEST_NAMES)[number], RequestSpec>;

export const REQUESTS = {
  ...CORE_REQUESTS,
  ...CASES_REQUESTS,
  ...PAPERWORK_REQUESTS,
  ...ARCHIVE_REQUESTS,
  ...MAINTENANCE_REQUESTS,
} as const satisfies Record<RequestName, RequestSpec>;

/** Compile-time check that REQUESTS has no request missing from REQUEST_NAMES (the preload's list). */
type Extra = Exclude<keyof typeof REQUESTS, RequestName>;
const noExtraRequests: [Extra] extends [never] ? true : Extra = true;
void noExtraRequests;
export type RequestInput<N extends RequestName> = z.input<(typeof REQUESTS)[N]['input']>;
export type RequestOutput<N extends RequestName> = (typeof REQUESTS)[N]['output'];

/**
 * Progress of one import (one file): `ref` is the caller's reference, `page`/`pages` the page being read,
 * `percent` 0–100. `queued` while another import runs; `cancelled` when it was cancelled and nothing was written.
 */
export interface ImportProgress {
  readonly ref: string;
  readonly name: string;
  readonly stage: 'queued' | 'store' | 'decode' | 'ocr' | 'extract' | 'done' | 'failed' | 'cancelled';
  readonly page: number;
  readonly pages: number;
  readonly percent: number;
}

export interface EventMap {
  'intake.progress': ImportProgress;
  'backup.progress': BackupProgress;
  'archive.progress': ArchiveExportProgress;
}
export type EventName = keyof EventMap;
/** A pushed event; distributive, so checking `name` narrows `payload`. */
export type AppEvent<N extends EventName = EventName> = N extends EventName
  ? { readonly name: N; readonly payload: EventMap[N] }
  : never;

/** What every transport returns. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorPayload };

/** The object the core implements and every transport exposes. */
export type Api = { [N in RequestName]: (input: RequestInput<N>) => Promise<RequestOutput<N>> };

/** The handlers of one part of the contract (e.g. `ApiPart<(typeof CASES_REQUEST_NAMES)[number]>`). */
export type ApiPart<N extends RequestName> = { [K in N]: (input: RequestInput<K>) => Promise<RequestOutput<K>> };
