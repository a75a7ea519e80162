import type { ArchiveEntry, ExportedFile } from '../../../shared/api/archive.contract';
import type {
  ArchiveExportProgress,
  PieceAdjustment,
  PieceMemberEntry,
  PiecesOfYear,
  PieceView,
  YearExportResult,
} from '../../../shared/api/archive.dat22.contract';
import { AppError } from '../../../shared/errors/app-error';
import { allocatePieces, formatArchiveNumber, type RetentionPeriod } from '../../../shared/archive/archive-number';
import { CATALOGUE_COLUMNS, catalogueDate, catalogueTitle } from '../../../shared/archive/catalogue';
import {
  byRoleOrder,
  isHandlingSlip,
  pieceRemark,
  pieceTitle,
  suggestPieces,
  type PieceDoc,
  type PieceRole,
} from '../../../shared/archive/jian';
import type { RetentionSuggestion } from '../../../shared/archive/retention';
import { stampCells } from '../../../shared/archive/stamp';
import type { DocumentRecord, Store } from '../store/store';
import type { Logger } from '../logger';
import { toSummary } from './documents.usecases';
import { writeHandover, type HandoverPiece } from './archive.handover';

/** A 件 grouped before its 档号: changed freely until numbered. */
export interface PieceDraft {
  readonly headId: string;
  readonly members: readonly PieceMemberEntry[];
  readonly at: string;
}

export interface Dat22Deps {
  readonly store: Store;
  readonly now: () => Date;
  readonly logger: Logger;
  /** 档号 entries by head document id (archive.json), shared with the archive use cases. */
  readonly entries: Map<string, ArchiveEntry>;
  /** 件 grouped but not yet numbered, by head id (archive.json `drafts`). */
  readonly drafts: Map<string, PieceDraft>;
  /** Writes entries and drafts atomically; on failure the caller's maps are put back by the use case. */
  persist(): Promise<void>;
  suggestionFor(d: DocumentRecord): RetentionSuggestion;
  /** The year's filed documents in 文号 order. */
  filedInYear(year: number): DocumentRecord[];
  xlsx(
    name: string,
    title: string,
    columns: readonly { header: string; width: number }[],
    rows: readonly (readonly (string | number)[])[],
  ): Promise<ExportedFile>;
  emitProgress?: (p: ArchiveExportProgress) => void;
}

/** How much of a 处理单's text the rules read (the slip names its document near the top). */
const SLIP_TEXT = 2000;

/** DA/T 22 件 assembly, numbering by 件, 归档章 data, the 归档文件目录 by 件 and the year's hand-over folder. */
export function createDat22(deps: Dat22Deps) {
  const { store, now, logger, entries, drafts } = deps;

  const mustGet = (id: string): DocumentRecord => {
    const r = store.getDocument(id);
    if (!r) throw new AppError('document.not_found', `找不到编号为 ${id} 的文件记录。请回到列表刷新后再试。`);
    return r;
  };
  const label = (d: DocumentRecord) => d.fields.docNumber ?? `《${catalogueTitle(d.fields.title, d.originalName)}》`;

  /** Built on demand and dropped on every change (entries and drafts change only through `commit`). */
  let memberCache: Map<string, { headId: string; numbered: boolean }> | null = null;
  /** Which 件 each document belongs to as a member (not head); a numbered 件 wins over a draft. */
  function memberIndex(): Map<string, { headId: string; numbered: boolean }> {
    if (memberCache) return memberCache;
    const m = new Map<string, { headId: string; numbered: boolean }>();
    for (const d of drafts.values())
      for (const x of d.members) m.set(x.documentId, { headId: d.headId, numbered: false });
    for (const e of entries.values())
      for (const x of e.members ?? []) m.set(x.documentId, { headId: e.documentId, numbered: true });
    memberCache = m;
    return m;
  }

  /** The 档号 entry a document carries: its own, or its 件's when it is a member of a numbered 件. */
  const entryFor = (id: string): ArchiveEntry | null => {
    const own = entries.get(id);
    if (own) return own;
    const m = memberIndex().get(id);
    return m?.numbered ? (entries.get(m.headId) ?? null) : null;
  };

  /** The 档号 per document id, for exports listing many documents. */
  function archiveNumberOf(): (id: string) => string {
    return (id) => entryFor(id)?.archiveNumber ?? '';
  }

  const membersOf = (headId: string): readonly PieceMemberEntry[] =>
    entries.get(headId)?.members ?? drafts.get(headId)?.members ?? [];

  function viewOf(head: DocumentRecord, retentionOverride?: RetentionPeriod): PieceView {
    const entry = entries.get(head.id) ?? null;
    const members = byRoleOrder(
      membersOf(head.id).flatMap((m) => {
        const d = store.getDocument(m.documentId);
        return d ? [{ document: toSummary(d), role: m.role, record: d }] : [];
      }),
    );
    const pages = entry?.pages ?? head.pages + members.reduce((n, m) => n + m.record.pages, 0);
    const suggested = retentionOverride
      ? { retention: retentionOverride, reason: '已由档案员指定' }
      : deps.suggestionFor(head);
    return {
      head: toSummary(head),
      members: members.map(({ document, role }) => ({ document, role })),
      entry,
      suggested,
      pages,
      title: pieceTitle(
        catalogueTitle(head.fields.title, head.originalName),
        members.map((m) => ({
          role: m.role,
          doc: { title: m.record.fields.title, docNumber: m.record.fields.docNumber, pages: m.record.pages },
        })),
      ),
      stamp: entry ? stampCells(entry) : null,
    };
  }

  /** Heads of the year's 件: numbered in that year, or filed in it and not a member of another 件. */
  function headsOfYear(year: number): DocumentRecord[] {
    const members = memberIndex();
    const heads = deps
      .filedInYear(year)
      .filter((d) => !members.has(d.id) && (entries.get(d.id)?.year ?? year) === year);
    const listed = new Set(heads.map((d) => d.id));
    // A numbered 件 whose head's fields were corrected to another year stays in the year it was numbered in.
    for (const e of entries.values()) {
      if (e.year !== year || listed.has(e.documentId)) continue;
      const d = store.getDocument(e.documentId);
      if (d) heads.push(d);
    }
    return heads;
  }

  async function pieceDocs(docs: readonly DocumentRecord[]): Promise<PieceDoc[]> {
    return Promise.all(
      docs.map(async (d) => {
        const base: PieceDoc = {
          id: d.id,
          title: d.fields.title,
          docNumber: d.fields.docNumber,
          docType: d.fields.docType,
          issuingBodies: d.fields.issuingBodies,
          attachments: d.fields.attachments,
          referencedDocNumbers: d.fields.referencedDocNumbers,
          signingDate: d.fields.signingDate,
          filedDay: (d.filedAt ?? d.createdAt).slice(0, 10),
          originalName: d.originalName,
        };
        if (!isHandlingSlip(base)) return base;
        const text = await store.readText(d.id).then(
          (pages) => pages.join('\n').slice(0, SLIP_TEXT),
          () => '',
        );
        return { ...base, text };
      }),
    );
  }

  async function pieces(year: number, overrides?: ReadonlyMap<string, RetentionPeriod>): Promise<PiecesOfYear> {
    const heads = headsOfYear(year);
    const free = heads.filter((d) => !entries.has(d.id) && !drafts.has(d.id));
    return {
      year,
      pieces: heads.map((d) => viewOf(d, overrides?.get(d.id))),
      suggestions: suggestPieces(await pieceDocs(free)),
    };
  }

  const lockedMessage = (e: ArchiveEntry) =>
    `件 ${e.archiveNumber} 已编档号，归档章上已填页数 ${e.pages}，件内文件已按此装订，不能直接改变件的组成。` +
    '如确需调整，请使用“拆件/调整”并写明原因：系统会记入修改记录，并列出纸质档案上要做的更正（重新装订、更正归档章页数、重印目录）。';

  /** Refuses documents that already have a 档号 (their own or their 件's). */
  function assertUnnumbered(ids: readonly string[], except?: string): void {
    const members = memberIndex();
    for (const id of ids) {
      const own = entries.get(id);
      const inNumbered = members.get(id);
      const e = own ?? (inNumbered?.numbered && inNumbered.headId !== except ? entries.get(inNumbered.headId) : null);
      if (e) throw new AppError('archive.already_numbered', lockedMessage(e));
    }
  }

  function checkMembers(headId: string, list: readonly { id: string; role: PieceRole }[]): void {
    const seen = new Set<string>();
    for (const m of list) {
      if (m.id === headId)
        throw new AppError('archive.piece_conflict', '正文不能同时作为本件的附件或其他组成部分。请从组成中去掉它。');
      if (seen.has(m.id))
        throw new AppError('archive.piece_conflict', `文件 ${label(mustGet(m.id))} 重复选择了两次。请只保留一次。`);
      seen.add(m.id);
      const d = mustGet(m.id);
      if (d.status !== 'filed')
        throw new AppError(
          'archive.piece_conflict',
          `文件 ${label(d)} 还在待审核，不能组件。请先在“待审核”中核对保存后再组件。`,
        );
    }
  }

  const restore = (snapshot: { drafts: Map<string, PieceDraft>; entries: Map<string, ArchiveEntry> }) => {
    drafts.clear();
    for (const [k, v] of snapshot.drafts) drafts.set(k, v);
    entries.clear();
    for (const [k, v] of snapshot.entries) entries.set(k, v);
  };
  /** Applies a change to the maps and writes it; a failed write puts the maps back, so memory matches disk. */
  async function commit(change: () => void): Promise<void> {
    const snapshot = { drafts: new Map(drafts), entries: new Map(entries) };
    memberCache = null;
    change();
    try {
      await deps.persist();
    } catch (e) {
      restore(snapshot);
      throw e;
    } finally {
      memberCache = null;
    }
  }

  /**
   * Groups documents into one 件 under `headId` before numbering. A member that heads a draft brings its own
   * members along (two 件 merged); a member of another draft moves here. Documents with a 档号 are refused.
   */
  async function group(headId: string, list: readonly { id: string; role: PieceRole }[]): Promise<PieceView> {
    const head = mustGet(headId);
    if (head.status !== 'filed')
      throw new AppError('archive.piece_conflict', `文件 ${label(head)} 还在待审核，请先核对保存后再组件。`);
    checkMembers(headId, list);
    assertUnnumbered([headId, ...list.map((m) => m.id)]);
    const members = memberIndex();
    const inOther = members.get(headId);
    if (inOther)
      throw new AppError(
        'archive.piece_conflict',
        `文件 ${label(head)} 已是另一件（正文 ${label(mustGet(inOther.headId))}）的组成部分，不能再作正文。请先把它从那一件中去掉。`,
      );
    const merged: PieceMemberEntry[] = [];
    for (const m of list) {
      merged.push({ documentId: m.id, role: m.role });
      for (const sub of drafts.get(m.id)?.members ?? [])
        if (sub.documentId !== headId && !list.some((x) => x.id === sub.documentId)) merged.push(sub);
    }
    await commit(() => {
      for (const m of merged) {
        drafts.delete(m.documentId);
        const other = members.get(m.documentId);
        if (other && other.headId !== headId) {
          const d = drafts.get(other.headId);
          if (d) {
            const rest = d.members.filter((x) => x.documentId !== m.documentId);
            if (rest.length) drafts.set(other.headId, { ...d, members: rest });
            else drafts.delete(other.headId);
          }
        }
      }
      if (merged.length) drafts.set(headId, { headId, members: merged, at: now().toISOString() });
      else drafts.delete(headId);
    });
    logger.info('archive piece grouped', { headId, members: merged.length });
    return viewOf(head);
  }

  /** Takes a draft 件 apart: every document is a 件 of its own again. Numbered 件 need `adjustPiece`. */
  async function ungroup(headId: string): Promise<PieceView[]> {
    const head = mustGet(headId);
    const e = entries.get(headId);
    if (e) throw new AppError('archive.already_numbered', lockedMessage(e));
    const d = drafts.get(headId);
    if (!d) return [viewOf(head)];
    await commit(() => drafts.delete(headId));
    return [head, ...d.members.flatMap((m) => store.getDocument(m.documentId) ?? [])].map((x) => viewOf(x));
  }

  /**
   * 拆件/调整 of a numbered 件: the head keeps its 档号 and 件号 (they are on the paper); documents taken out lose
   * theirs and get a new 件号 at the end of the class at the next numbering; added documents must have none.
   * Returns what to do on paper. The caller (audit wrapper) records the change.
   */
  async function adjustPiece(
    headId: string,
    list: readonly { id: string; role: PieceRole }[],
    reason: string,
  ): Promise<{ piece: PieceView; paperNote: string; before: ArchiveEntry }> {
    const head = mustGet(headId);
    const e = entries.get(headId);
    if (!e)
      throw new AppError(
        'validation.invalid_input',
        `文件 ${label(head)} 所在的件还没有编档号，可以直接修改组件，不需要拆件/调整。`,
      );
    checkMembers(headId, list);
    const before = new Set((e.members ?? []).map((m) => m.documentId));
    const added = list.filter((m) => !before.has(m.id)).map((m) => m.id);
    const removed = [...before].filter((id) => !list.some((m) => m.id === id));
    const roleChanged = list.some((m) => e.members?.find((x) => x.documentId === m.id)?.role !== m.role);
    if (added.length === 0 && removed.length === 0 && !roleChanged)
      throw new AppError('validation.invalid_input', `件 ${e.archiveNumber} 的组成没有变化，无需调整。`);
    assertUnnumbered(added, headId);
    const members = memberIndex();
    for (const id of added) {
      if (drafts.has(id))
        throw new AppError(
          'archive.piece_conflict',
          `文件 ${label(mustGet(id))} 是另一件（未编号）的正文。请先拆开那一件，再把文件加入本件。`,
        );
    }
    const newMembers: PieceMemberEntry[] = list.map((m) => ({ documentId: m.id, role: m.role }));
    const pagesAfter = head.pages + newMembers.reduce((n, m) => n + (store.getDocument(m.documentId)?.pages ?? 0), 0);
    const adjustment: PieceAdjustment = {
      at: now().toISOString(),
      reason: reason.trim(),
      added,
      removed,
      pagesBefore: e.pages,
      pagesAfter,
    };
    const next: ArchiveEntry = {
      ...e,
      members: newMembers,
      pages: pagesAfter,
      adjustments: [...(e.adjustments ?? []), adjustment],
    };
    await commit(() => {
      for (const id of added) {
        const other = members.get(id);
        const d = other && !other.numbered ? drafts.get(other.headId) : undefined;
        if (d) {
          const rest = d.members.filter((x) => x.documentId !== id);
          if (rest.length) drafts.set(d.headId, { ...d, members: rest });
          else drafts.delete(d.headId);
        }
      }
      entries.set(headId, next);
    });
    const names = (ids: readonly string[]) => ids.map((id) => label(mustGet(id))).join('、');
    const steps = [
      removed.length
        ? `从本件取下 ${names(removed)}；取下的文件不再带本件档号，下次“编制档号”时另编件号（排在该类目最后），件号 ${String(e.piece).padStart(4, '0')} 仍归本件，不重用`
        : '',
      added.length ? `把 ${names(added)} 按件内顺序装入本件` : '',
      pagesAfter !== e.pages ? `把归档章“页数”由 ${e.pages} 划改为 ${pagesAfter} 并签章` : '',
      `重新导出并打印 ${e.year} 年度归档文件目录，在备考表中写明调整原因：${reason.trim()}`,
    ].filter(Boolean);
    const paperNote = `件 ${e.archiveNumber} 已调整。请在纸质档案上：${steps.map((s, i) => `${i + 1}. ${s}`).join('；')}。`;
    logger.info('archive piece adjusted', { headId, added: added.length, removed: removed.length });
    return { piece: viewOf(head), paperNote, before: e };
  }

  /** Gives 档号 to the year's 件 that have none, in 文号 order of their heads, continuing each class's 件号. */
  async function assignNumbers(input: {
    year: number;
    fonds: string;
    org?: string;
    retention?: Record<string, RetentionPeriod>;
    overrides?: ReadonlyMap<string, RetentionPeriod>;
  }): Promise<{ assigned: number; added: ArchiveEntry[] }> {
    const pending = headsOfYear(input.year)
      .filter((d) => !entries.has(d.id))
      .map((d) => ({
        d,
        year: input.year,
        org: input.org ?? '',
        retention: input.retention?.[d.id] ?? input.overrides?.get(d.id) ?? deps.suggestionFor(d).retention,
      }));
    if (pending.length === 0) return { assigned: 0, added: [] };
    const at = now().toISOString();
    const allocated = allocatePieces(
      [...entries.values()].filter((e) => e.fonds === input.fonds),
      pending,
    );
    const added: ArchiveEntry[] = allocated.map((p) => {
      const members = drafts.get(p.d.id)?.members ?? [];
      return {
        documentId: p.d.id,
        archiveNumber: formatArchiveNumber({
          fonds: input.fonds,
          year: p.year,
          retention: p.retention,
          org: p.org,
          piece: p.piece,
        }),
        fonds: input.fonds,
        year: p.year,
        retention: p.retention,
        org: p.org,
        piece: p.piece,
        pages: p.d.pages + members.reduce((n, m) => n + (store.getDocument(m.documentId)?.pages ?? 0), 0),
        assignedAt: at,
        ...(members.length ? { members } : {}),
      };
    });
    await commit(() => {
      for (const e of added) {
        entries.set(e.documentId, e);
        drafts.delete(e.documentId);
      }
    });
    logger.info('archive numbers assigned', { year: input.year, assigned: added.length });
    return { assigned: added.length, added };
  }

  /** The year's numbered 件 in 档号 order, with their documents in DA/T 22 order. */
  function numberedPieces(year: number) {
    return [...entries.values()]
      .filter((e) => e.year === year && store.getDocument(e.documentId))
      .sort((a, b) => a.archiveNumber.localeCompare(b.archiveNumber))
      .map((e) => {
        const head = store.getDocument(e.documentId)!;
        const docs = byRoleOrder([
          { role: '正文' as PieceRole, record: head },
          ...(e.members ?? []).flatMap((m) => {
            const r = store.getDocument(m.documentId);
            return r ? [{ role: m.role, record: r }] : [];
          }),
        ]);
        return { entry: e, head, docs, view: viewOf(head) };
      });
  }

  const nothingNumbered = (year: number, what: string) =>
    new AppError(
      'archive.nothing_to_export',
      `${year} 年还没有编档号的文件，无法${what}。请先在“档案 → 归档与导出”中为该年度的文件编制档号。`,
    );

  /** 归档文件目录: one row per 件 (题名 of the head), 页数 the 件's, 备注 what else it holds and any 调整. */
  async function exportCatalogue(year: number): Promise<ExportedFile> {
    const list = numberedPieces(year);
    if (list.length === 0) throw nothingNumbered(year, '生成归档文件目录');
    const widths: Record<(typeof CATALOGUE_COLUMNS)[number], number> = {
      序号: 6,
      档号: 26,
      文号: 20,
      责任者: 22,
      题名: 50,
      日期: 11,
      密级: 8,
      页数: 6,
      备注: 16,
    };
    const rows = list.map(({ entry, head, view }, i) => [
      i + 1,
      entry.archiveNumber,
      head.fields.docNumber ?? '',
      head.fields.issuingBodies.join('、'),
      view.title,
      catalogueDate(head.fields.signingDate),
      head.fields.classification ?? '',
      entry.pages,
      [pieceRemark(view.members), entry.adjustments?.length ? `已调整${entry.adjustments.length}次` : '']
        .filter(Boolean)
        .join('；'),
    ]);
    return deps.xlsx(
      `归档文件目录-${year}.xlsx`,
      `归档文件目录（${year}年度）`,
      CATALOGUE_COLUMNS.map((h) => ({ header: h, width: widths[h] })),
      rows,
    );
  }

  /** The year's hand-over folder: originals by 档号, the 目录, a manifest (JSON + text) with SHA-256, verified. */
  async function exportYear(input: { year: number; outDir?: string; zip?: boolean }): Promise<YearExportResult> {
    const list = numberedPieces(input.year);
    if (list.length === 0) throw nothingNumbered(input.year, '导出年度档案');
    const catalogue = await exportCatalogue(input.year);
    const pieces: HandoverPiece[] = list.map(({ entry, head, docs, view }) => ({
      archiveNumber: entry.archiveNumber,
      retention: entry.retention,
      pages: entry.pages,
      title: view.title,
      docNumber: head.fields.docNumber,
      responsible: head.fields.issuingBodies.join('、'),
      date: catalogueDate(head.fields.signingDate),
      classification: head.fields.classification ?? '',
      stamp: stampCells(entry),
      documents: docs.map(({ role, record }) => ({
        documentId: record.id,
        role,
        docNumber: record.fields.docNumber,
        title: catalogueTitle(record.fields.title, record.originalName),
        pages: record.pages,
        originals: record.originals.map((o) => ({
          name: o.name,
          sha256: o.sha256,
          size: o.size,
          source: store.blobs.pathOf(o.sha256, o.ext),
        })),
      })),
    }));
    return writeHandover({
      dataDir: store.dataDir,
      year: input.year,
      outDir: input.outDir,
      zip: input.zip ?? false,
      pieces,
      catalogue: { name: catalogue.name, bytes: Buffer.from(catalogue.dataBase64, 'base64') },
      now,
      onProgress: deps.emitProgress,
    });
  }

  return {
    pieces,
    group,
    ungroup,
    adjustPiece,
    assignNumbers,
    exportCatalogue,
    exportYear,
    archiveNumberOf,
    entryFor,
    viewOf,
    /** A 件's members as stored (for the audit trail's before/after). */
    pieceMembers: (headId: string) => membersOf(headId),
  };
}
export type Dat22 = ReturnType<typeof createDat22>;

/** Entries and drafts as read from archive.json: files written before 件 assembly have no `drafts`. */
export function readPieceDrafts(raw: unknown): PieceDraft[] {
  return Array.isArray(raw) ? (raw as PieceDraft[]).filter((d) => d && typeof d.headId === 'string') : [];
}
