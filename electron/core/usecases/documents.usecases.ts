import { createHash } from 'node:crypto';
import type {
  DocumentDetail,
  DocumentFieldsInput,
  DocumentSummary,
  DocumentTaskState,
  ImportProgress,
  ImportResult,
  PageImage,
  SearchResult,
} from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors/app-error';
import { fileNameProblem, printableName } from '../../../shared/files/file-name';
import type { DocumentFields } from '../../../shared/documents/fields';
import { parseDocNumber } from '../../../shared/documents/doc-number';
import { buildOcrLayout, parseOcrLayout, type OcrLayout } from '../../../shared/documents/ocr-layout';
import { findTask, matchCompletions, taskKeys, type TaskCompletion } from '../../../shared/documents/task-completion';
import type { DocumentReader, NamedBytes } from '../services/reader/reader.types';
import type { SearchIndex } from '../services/search/search-index';
import type { DocumentRecord, Store } from '../store/store';
import { safeExtension, sha256 } from '../store/blobs';
import type { Logger } from '../logger';
import type { AuditLog } from '../services/audit/audit-log';
import { cancelledError } from './import-queue';

/** 150 MB: larger scans are refused before anything is decoded or written. */
export const MAX_FILE_BYTES = 150 * 1024 * 1024;

export interface DocumentUsecaseDeps {
  readonly store: Store;
  readonly reader: DocumentReader;
  readonly index: SearchIndex;
  readonly extract: (text: string) => DocumentFields;
  readonly now: () => Date;
  readonly emitProgress: (p: ImportProgress) => void;
  readonly logger: Logger;
  /** Told what a person confirmed against what was suggested (the issuing-body registry learns from it). */
  readonly onConfirmed?: (suggested: DocumentFieldsInput, confirmed: DocumentFieldsInput) => Promise<void>;
  /** Bodies the issuing-body registry knows for a 机关代字 (offered on the review screen as 发文机关 choices). */
  readonly bodiesForCode?: (agencyCode: string) => readonly string[];
  /** The append-only audit trail: every import, filing and correction is written to it after the record. */
  readonly audit?: AuditLog;
}

export const toSummary = (r: DocumentRecord): DocumentSummary => ({
  id: r.id,
  status: r.status,
  fields: r.fields,
  originalName: r.originalName,
  sha256: r.sha256,
  size: r.size,
  pages: r.pages,
  textSource: r.textSource,
  createdAt: r.createdAt,
  filedAt: r.filedAt,
  updatedAt: r.updatedAt,
});

const plainFields = (f: DocumentFields): DocumentFieldsInput => ({
  ...f,
  issuingBodies: [...f.issuingBodies],
  addressees: [...f.addressees],
  attachments: [...f.attachments],
  cc: [...f.cc],
  referencedDocNumbers: [...f.referencedDocNumbers],
  // The contract takes at most 50, so a suggestion never makes the document impossible to save.
  deadlines: (f.deadlines ?? []).slice(0, 50).map((d) => ({ ...d })),
});

/**
 * Trims every text and drops empty list entries, so what a person typed is stored as they meant it. A save that
 * does not send `deadlines` (the review form edits the header fields only) keeps the ones already on the record.
 */
function tidyFields(f: DocumentFieldsInput, kept: DocumentFieldsInput['deadlines'] = []): DocumentFieldsInput {
  const s = (v: string | null) => (v === null ? null : v.trim() || null);
  const list = (v: readonly string[]) => v.map((x) => x.trim()).filter(Boolean);
  return {
    issuingBodies: list(f.issuingBodies),
    docNumber: s(f.docNumber),
    title: s(f.title),
    docType: s(f.docType),
    addressees: list(f.addressees),
    signingDate: s(f.signingDate),
    attachments: list(f.attachments),
    cc: list(f.cc),
    printedBy: s(f.printedBy),
    printedDate: s(f.printedDate),
    classification: s(f.classification),
    urgency: s(f.urgency),
    copyNumber: s(f.copyNumber),
    referencedDocNumbers: list(f.referencedDocNumbers),
    deadlines: (f.deadlines ?? kept ?? [])
      .map((d) => ({ ...d, dueText: d.dueText.trim(), task: s(d.task), reportTo: s(d.reportTo) }))
      .filter((d) => d.dueText.length > 0 || d.due !== null),
  };
}

/** The year a document is filed under: its 文号 year, else its 成文日期 year. */
// Records are never edited in place (a change makes a new fields object), so a year worked out once stays right;
// browsing 100,000 documents by body and year would otherwise parse every 文号 again on each request.
const filingYears = new WeakMap<DocumentFieldsInput, number | null>();
export function filingYear(f: DocumentFieldsInput): number | null {
  let year = filingYears.get(f);
  if (year === undefined) {
    const n = f.docNumber ? parseDocNumber(f.docNumber) : null;
    year = n ? n.year : f.signingDate ? Number(f.signingDate.slice(0, 4)) : null;
    filingYears.set(f, year);
  }
  return year;
}

export function createDocumentUsecases(deps: DocumentUsecaseDeps) {
  const { store, reader, index, extract, now, emitProgress, logger } = deps;
  const inFlight = new Map<string, Promise<ImportResult>>();

  const indexRecord = (r: DocumentRecord, pageTexts: readonly string[]) =>
    index.put(r.id, {
      docNumber: r.fields.docNumber,
      title: r.fields.title,
      issuingBodies: r.fields.issuingBodies,
      addressees: r.fields.addressees,
      referencedDocNumbers: r.fields.referencedDocNumbers,
      text: pageTexts.join('\n'),
      // The persisted index compares this with the record at start-up to find what it missed.
      stamp: r.updatedAt,
    });

  /** A damaged text file must not stop start-up or a save: the record is indexed by its fields alone and the damage logged. */
  const readTextOrEmpty = async (id: string): Promise<string[]> => {
    try {
      return await store.readText(id);
    } catch (e) {
      logger.error('text file unreadable; indexed without its text', { id, error: String(e) });
      return [];
    }
  };

  /** The record is saved by now: a failing audit write is logged loudly but does not turn the save into an error. */
  const audited = async (
    action: string,
    id: string,
    before: unknown,
    after: unknown,
    extra: { actor?: string; detail?: Readonly<Record<string, unknown>> } = {},
  ) => {
    await deps.audit
      ?.record({ action, entity: { type: 'document', id }, before, after, ...extra })
      .catch((e: unknown) => {
        logger.error('audit log write failed', { action, id, error: String(e) });
      });
  };

  /** The record's deadlines with their keys and who marked each done (same order as `fields.deadlines`). */
  const taskStates = (r: DocumentRecord): DocumentTaskState[] => {
    const deadlines = r.fields.deadlines ?? [];
    const keys = taskKeys(deadlines);
    return matchCompletions(deadlines, r.taskCompletions ?? []).map((c, i) => ({
      key: keys[i]!,
      done: c ? { by: c.by, at: c.at, note: c.note } : null,
    }));
  };

  /** The task `key` of a filed notice, or a Chinese error saying why it cannot be changed. */
  const mustGetTask = (id: string, key: string) => {
    const r = mustGet(id);
    if (r.status !== 'filed') {
      throw new AppError('document.not_filed', `文件 ${id} 还在待审核队列中，归档后才能标记任务完成。请先核对并归档。`);
    }
    const found = findTask(r.fields.deadlines ?? [], r.taskCompletions ?? [], key);
    if (!found) {
      throw new AppError(
        'document.task_not_found',
        `文件 ${id} 中没有这项任务（期限可能已被修改或删除）。请刷新页面后再试，没有做任何改动。`,
      );
    }
    return { r, ...found };
  };

  /** The registry's bodies for the 机关代字 of the confirmed and the suggested 文号, the confirmed one's first. */
  const bodyCandidates = (r: DocumentRecord): string[] => {
    const codes = [r.fields.docNumber, r.suggested.docNumber].flatMap((n) => {
      const code = n ? parseDocNumber(n)?.agencyCode : undefined;
      return code ? [code] : [];
    });
    return [...new Set(codes.flatMap((c) => deps.bodiesForCode?.(c) ?? []))];
  };

  const mustGet = (id: string): DocumentRecord => {
    const r = store.getDocument(id);
    if (!r) throw new AppError('document.not_found', `找不到编号为 ${id} 的文件记录。请回到列表刷新后再试。`);
    return r;
  };

  /**
   * Reads, extracts and stores one document made of one file or of several page files (in order).
   * `signal` cancels it: checked between stages and passed to the reader; once storing has begun the import
   * completes, so a cancelled import never leaves half a record.
   */
  async function importPages(files: readonly NamedBytes[], ref = '', signal?: AbortSignal): Promise<ImportResult> {
    if (files.length === 0) throw new AppError('file.empty', '没有可导入的文件。请选择扫描件、PDF 或文本文件。');
    const name = files.length === 1 ? files[0]!.name : `${files[0]!.name} 等 ${files.length} 页`;
    for (const f of files) {
      const badName = fileNameProblem(f.name);
      if (badName) {
        throw new AppError(
          'file.unsafe_name',
          `文件“${printableName(f.name)}”的名称不能使用（${badName}），没有导入。请把文件改成普通的文件名后再导入。`,
        );
      }
      if (f.bytes.length === 0)
        throw new AppError('file.empty', `文件“${f.name}”是空的（0 字节），没有导入。请检查扫描仪或重新导出后再试。`);
      if (f.bytes.length > MAX_FILE_BYTES) {
        throw new AppError(
          'file.too_large',
          `文件“${f.name}”有 ${(f.bytes.length / 1048576).toFixed(0)} MB，超过 150 MB 的上限，没有导入。请降低扫描分辨率或拆分成几个文件后再导入。`,
        );
      }
    }
    const hashes = files.map((f) => sha256(f.bytes));
    const docHash = files.length === 1 ? hashes[0]! : createHash('sha256').update(hashes.join('\n')).digest('hex');
    const existing = store.findBySha(docHash);
    if (existing) return { document: toSummary(existing), duplicate: true };
    const running = inFlight.get(docHash);
    if (running) return running.then((r) => ({ ...r, duplicate: true }));

    const progress = (stage: ImportProgress['stage'], page: number, pages: number, percent: number) =>
      emitProgress({ ref, name, stage, page, pages, percent: Math.round(percent) });

    const checkCancelled = () => {
      if (signal?.aborted) throw cancelledError(name);
    };
    /** Rejects as soon as the signal fires, even while a reader that ignores the signal is still busy. */
    const orCancelled = <T>(work: Promise<T>): Promise<T> => {
      if (!signal) return work;
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(cancelledError(name));
        if (signal.aborted) onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(
          (v) => {
            signal.removeEventListener('abort', onAbort);
            resolve(v);
          },
          (e: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
          },
        );
      });
    };

    const job = (async (): Promise<ImportResult> => {
      const started = Date.now();
      checkCancelled();
      progress('decode', 0, 0, 2);
      const onProgress = (p: { stage: 'decode' | 'ocr'; page: number; pages: number }) => {
        const share = p.pages > 0 ? p.page / p.pages : 0;
        progress(p.stage, p.page, p.pages, p.stage === 'decode' ? 2 + 8 * share : 10 + 80 * share);
      };
      const doc = await orCancelled(
        files.length === 1
          ? reader.readFile(files[0]!, { onProgress, signal })
          : reader.readPages(files, { onProgress, signal }),
      );
      checkCancelled();
      progress('extract', doc.pages.length, doc.pages.length, 92);
      const suggested = plainFields(extract(doc.text));
      checkCancelled();

      // Nothing is written until the file has been read successfully: a bad file leaves no trace.
      progress('store', doc.pages.length, doc.pages.length, 95);
      const originals = [];
      for (let i = 0; i < files.length; i++) {
        const ext = safeExtension(files[i]!.name);
        await store.blobs.put(files[i]!.bytes, ext);
        originals.push({ name: files[i]!.name, sha256: hashes[i]!, ext, size: files[i]!.bytes.length });
      }
      const { id, seq } = await store.nextDocumentId();
      const pageTexts = doc.pages.map((p) => p.text);
      await store.saveText(id, pageTexts);
      for (let i = 0; i < doc.pages.length; i++) {
        const p = doc.pages[i]!;
        if (p.preview.length > 0) await store.savePreview(id, i + 1, p.preview);
      }
      // Word boxes and confidences beside the record, for the review screen's highlight and confidence marks.
      const layout = buildOcrLayout(doc.pages);
      if (layout) await store.saveOcrLayout(id, layout);
      const at = now().toISOString();
      const rec = await store.insertDocument({
        id,
        seq,
        status: 'review',
        fields: suggested,
        suggested,
        originalName: name,
        sha256: docHash,
        size: files.reduce((n, f) => n + f.bytes.length, 0),
        originals,
        previewSizes: doc.pages.map((p) => [p.previewWidth, p.previewHeight] as const),
        pages: doc.pages.length,
        textSource: doc.source,
        ocrMs: doc.ms,
        pageConfidence: doc.pages.map((p) => p.confidence),
        createdAt: at,
        updatedAt: at,
        filedAt: null,
      });
      indexRecord(rec, pageTexts);
      await audited('document.import', id, undefined, { status: rec.status, originalName: name, sha256: docHash });
      logger.info('document imported', { id, name, pages: rec.pages, ms: Date.now() - started });
      progress('done', rec.pages, rec.pages, 100);
      return { document: toSummary(rec), duplicate: false };
    })();
    inFlight.set(docHash, job);
    try {
      return await job;
    } catch (e) {
      if (signal?.aborted) {
        progress('cancelled', 0, 0, 0);
        throw cancelledError(name);
      }
      progress('failed', 0, 0, 100);
      throw e;
    } finally {
      inFlight.delete(docHash);
    }
  }

  return {
    importPages,
    importFile: (file: NamedBytes, ref?: string, signal?: AbortSignal) => importPages([file], ref, signal),

    reviewQueue: (): DocumentSummary[] =>
      store
        .allDocuments()
        .filter((d) => d.status === 'review')
        .sort((a, b) => a.seq - b.seq)
        .map(toSummary),

    listFiled: (): DocumentSummary[] =>
      store
        .allDocuments()
        .filter((d) => d.status === 'filed')
        .sort((a, b) => a.seq - b.seq)
        .map(toSummary),

    async get(id: string): Promise<DocumentDetail> {
      const r = mustGet(id);
      const pageTexts = await store.readText(id);
      return {
        ...toSummary(r),
        suggested: r.suggested,
        text: pageTexts.join('\n\f'),
        pageTexts,
        ocrMs: r.ocrMs,
        pageConfidence: r.pageConfidence,
        bodyCandidates: bodyCandidates(r),
        pageImages: Array.from({ length: r.pages }, (_, i) => (r.previewSizes[i]?.[0] ?? 0) > 0),
        tasks: taskStates(r),
      };
    },

    /**
     * 标记完成: records who finished a notice's task, when and why. The completion lives beside the fields (not in
     * them), so correcting or re-reading the deadlines does not reopen it; `updatedAt` stays, the fields being
     * unchanged (the search index keys on it).
     */
    async completeTask(input: { id: string; key: string; by: string; note?: string }): Promise<DocumentTaskState[]> {
      const { r, deadline, completion } = mustGetTask(input.id, input.key);
      if (completion) {
        throw new AppError(
          'document.task_already_done',
          `这项任务已由 ${completion.by} 于 ${completion.at.slice(0, 10)} 标记完成，没有重复记录。如需改动，请先撤销完成。`,
        );
      }
      const done: TaskCompletion = {
        key: input.key,
        due: deadline.due,
        dueText: deadline.dueText,
        task: deadline.task,
        by: input.by.trim(),
        at: now().toISOString(),
        note: input.note?.trim() || null,
      };
      const next = await store.updateDocument(input.id, { taskCompletions: [...(r.taskCompletions ?? []), done] });
      await audited('document.task_done', input.id, null, done, {
        actor: done.by,
        detail: { key: input.key, due: deadline.due, dueText: deadline.dueText, task: deadline.task },
      });
      return taskStates(next);
    },

    /** 撤销完成: the task is open again (and due again); who undid it, when and why stays in the audit trail. */
    async reopenTask(input: { id: string; key: string; by: string; note?: string }): Promise<DocumentTaskState[]> {
      const { r, deadline, completion } = mustGetTask(input.id, input.key);
      if (!completion) {
        throw new AppError('document.task_not_done', '这项任务还没有标记完成，无需撤销。请刷新页面查看最新状态。');
      }
      const next = await store.updateDocument(input.id, {
        taskCompletions: (r.taskCompletions ?? []).filter((c) => c !== completion),
      });
      await audited('document.task_reopen', input.id, completion, null, {
        actor: input.by.trim(),
        detail: {
          key: input.key,
          due: deadline.due,
          dueText: deadline.dueText,
          task: deadline.task,
          note: input.note?.trim() || null,
        },
      });
      return taskStates(next);
    },

    async pageImage(id: string, page: number): Promise<PageImage> {
      const r = mustGet(id);
      const bytes = page <= r.pages ? await store.readPreview(id, page) : null;
      if (!bytes) {
        throw new AppError(
          'document.not_found',
          `文件 ${id} 没有第 ${page} 页的图像（共 ${r.pages} 页；文本文件没有页面图像）。`,
        );
      }
      const [width, height] = r.previewSizes[page - 1] ?? [0, 0];
      return { mime: 'image/jpeg', dataBase64: bytes.toString('base64'), width, height };
    },

    /**
     * The OCR word boxes of a document; null when it has none (text input, imported before they were kept) or
     * the sidecar is damaged: the review screen then shows no boxes, and nothing else depends on it.
     */
    async ocrLayout(id: string): Promise<OcrLayout | null> {
      mustGet(id);
      try {
        const raw = await store.readOcrLayout(id);
        const layout = parseOcrLayout(raw);
        if (raw !== null && !layout) logger.warn('ocr layout of an unknown shape; review shows no boxes', { id });
        return layout;
      } catch (e) {
        logger.error('ocr layout unreadable; review shows no boxes', { id, error: String(e) });
        return null;
      }
    },

    /** Files a document with the fields a person confirmed; also used to correct a filed one. */
    async save(id: string, fields: DocumentFieldsInput): Promise<DocumentSummary> {
      const r = mustGet(id);
      const at = now().toISOString();
      const next = await store.updateDocument(id, {
        fields: tidyFields(fields, r.fields.deadlines ?? r.suggested.deadlines),
        status: 'filed',
        filedAt: r.filedAt ?? at,
        updatedAt: at,
      });
      indexRecord(next, await readTextOrEmpty(id));
      await audited(
        r.status === 'filed' ? 'document.correct' : 'document.file',
        id,
        { status: r.status, fields: r.fields },
        { status: next.status, fields: next.fields },
      );
      await deps.onConfirmed?.(r.suggested, next.fields);
      return toSummary(next);
    },

    search(query: string, limit = 50): SearchResult {
      const started = performance.now();
      const { total, hits } = index.search(query, { limit });
      return {
        query,
        total,
        hits: hits.flatMap((h) => {
          const r = store.getDocument(h.id);
          return r
            ? [
                {
                  document: toSummary(r),
                  score: h.score,
                  snippet: h.snippet,
                  highlights: h.highlights,
                  matchedIn: h.matchedIn.filter((f) => f !== 'addressees' && f !== 'references'),
                },
              ]
            : [];
        }),
        ms: Math.round((performance.now() - started) * 100) / 100,
      };
    },

    /** Re-indexes every document from the records and texts (`reindex`, or an index that could not be used). */
    async rebuildIndex(): Promise<number> {
      index.clear();
      for (const r of store.allDocuments()) indexRecord(r, await readTextOrEmpty(r.id));
      return index.size();
    },

    /**
     * Brings a loaded index up to date with the records: documents it lacks or holds in an older version (a crash
     * between saving a record and the index journal) are re-indexed, ones no longer in the records dropped.
     */
    async syncIndex(
      opts: { readonly rebuildAbove?: number } = {},
    ): Promise<{ readonly added: number; readonly removed: number }> {
      let added = 0;
      let removed = 0;
      const ids = new Set<string>();
      const all = store.allDocuments();
      // Far behind (records restored or bulk-copied beside an old index): one fsync'd journal line per document
      // would take minutes, so rebuild in memory; the caller writes the new base in the background.
      let behind = 0;
      for (const r of all) if (index.stampOf(r.id) !== r.updatedAt) behind++;
      if (behind > (opts.rebuildAbove ?? Math.max(2000, all.length / 20))) {
        const held = new Set(all.map((r) => r.id));
        for (const id of index.ids()) if (!held.has(id)) removed++;
        index.clear();
        for (const r of all) indexRecord(r, await readTextOrEmpty(r.id));
        return { added: behind, removed };
      }
      for (const r of all) {
        ids.add(r.id);
        if (index.stampOf(r.id) === r.updatedAt) continue;
        indexRecord(r, await readTextOrEmpty(r.id));
        added++;
      }
      for (const id of index.ids()) {
        if (!ids.has(id) && index.remove(id)) removed++;
      }
      return { added, removed };
    },
  };
}
export type DocumentUsecases = ReturnType<typeof createDocumentUsecases>;
