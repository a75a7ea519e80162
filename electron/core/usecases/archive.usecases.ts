import { Low } from 'lowdb';
import { join } from 'node:path';
import type { ApiPart, DocumentSummary, SearchHit } from '../../../shared/api/contract';
import type { ARCHIVE_REQUEST_NAMES } from '../../../shared/api/archive.names';
import type {
  ArchiveEntry,
  ArchiveEntryView,
  ArchiveFilters,
  ArchiveSearchInput,
  ArchiveSearchResult,
  BrowseNode,
  GroupDocumentsPage,
  DocNumberSequence,
  ExportedFile,
  RelatedDocuments,
} from '../../../shared/api/archive.contract';
import { AppError } from '../../../shared/errors/app-error';
import { parseDocNumber } from '../../../shared/documents/doc-number';
import type { RetentionPeriod } from '../../../shared/archive/archive-number';
import { suggestRetention } from '../../../shared/archive/retention';
import { sequenceGaps } from '../../../shared/archive/sequence-gaps';
import { bigramDice, NEAR_DUPLICATE, probePhrases, sameDocNumber, SIMILAR } from '../../../shared/archive/related';
import { catalogueTitle } from '../../../shared/archive/catalogue';
import {
  CASE_LINK_STATUS_LABELS,
  matchesCaseStatus,
  matchesHasDeadline,
  type DocumentCaseLinks,
} from '../../../shared/archive/case-links';
import { bodyAliases } from '../../../shared/search/body-aliases';
import { normalizeForSearch } from '../../../shared/search/normalize';
import { AtomicJsonFile } from '../store/atomic-file';
import type { DocumentRecord, Store } from '../store/store';
import type { SearchIndex } from '../services/search/search-index';
import type { Logger } from '../logger';
import { filingYear, toSummary } from './documents.usecases';
import { createDat22, readPieceDrafts, type PieceDraft } from './archive.dat22';
import type { ArchiveExportProgress } from '../../../shared/api/archive.dat22.contract';

export interface ArchiveUsecaseDeps {
  readonly store: Store;
  readonly index: Pick<SearchIndex, 'search'>;
  readonly now: () => Date;
  readonly logger: Logger;
  /** The office's own body names (its documents are kept longer); empty when unknown. */
  readonly ownBodies?: () => readonly string[];
  /** documentId → the 信访件 listing it with their status (cached by the cases; cheap to call per search). */
  readonly caseLinks?: () => DocumentCaseLinks;
  /** Progress of a year's hand-over export (`archive.progress` events). */
  readonly emitProgress?: (p: ArchiveExportProgress) => void;
}

interface ArchiveData {
  entries: ArchiveEntry[];
  /** 件 grouped but not yet numbered; absent in files written before 件 assembly. */
  drafts?: PieceDraft[];
}

const UNKNOWN_BODY = '（未填发文机关）';
const NO_YEAR = '（无年份）';
/** Exports and browsing read every match; the index returns them without snippets. */
const ALL = 1_000_000;

/** The 发文机关 a document is filed under: its first issuing body. */
const bodyOf = (d: DocumentRecord) => d.fields.issuingBodies[0] ?? UNKNOWN_BODY;
/** Month a document came in (its import date), YYYY-MM. */
const receivedMonth = (d: DocumentRecord) => d.createdAt.slice(0, 7);

const NO_LINKS: DocumentCaseLinks = new Map();

/** `archive.search` filters as a predicate over records; `caseLinks` answers the 信访件状态 filter. */
export function matchesFilters(d: DocumentRecord, f: ArchiveFilters, caseLinks: DocumentCaseLinks = NO_LINKS): boolean {
  if (f.status && d.status !== f.status) return false;
  if (f.body) {
    const want = normalizeForSearch(f.body);
    const names = d.fields.issuingBodies.flatMap((b) => [b, ...bodyAliases(b)]).map(normalizeForSearch);
    if (
      !names.some((n) => n.includes(want)) &&
      !bodyAliases(f.body).some((a) => names.some((n) => n.includes(normalizeForSearch(a))))
    )
      return false;
  }
  if (f.yearFrom !== undefined || f.yearTo !== undefined) {
    const y = filingYear(d.fields);
    if (y === null || (f.yearFrom !== undefined && y < f.yearFrom) || (f.yearTo !== undefined && y > f.yearTo))
      return false;
  }
  if (f.docType && d.fields.docType !== f.docType) return false;
  if (f.dateFrom || f.dateTo) {
    const date = d.fields.signingDate;
    if (!date || (f.dateFrom && date < f.dateFrom) || (f.dateTo && date > f.dateTo)) return false;
  }
  if (f.classification) {
    const c = d.fields.classification ?? '';
    if (f.classification === '无' ? c !== '' : !c.includes(f.classification)) return false;
  }
  if (f.receivedMonth && receivedMonth(d) !== f.receivedMonth) return false;
  if (f.hasDeadline !== undefined && !matchesHasDeadline(d.fields, f.hasDeadline)) return false;
  if (f.caseStatus && !matchesCaseStatus(caseLinks.get(d.id), f.caseStatus)) return false;
  return true;
}

/** A document's deadlines in one export cell: 2019-06-30（6月底之前）报送学习宣传情况. */
const deadlinesCell = (list: readonly { due: string | null; dueText: string; task: string | null }[]) =>
  list.map((d) => `${d.due ? `${d.due}（${d.dueText}）` : d.dueText}${d.task ? ` ${d.task}` : ''}`).join('；');
/** A linked case in one export cell: XF-2025-0001（已逾期）, by its most telling status. */
const caseLinkCell = (l: { number: string; statuses: readonly (keyof typeof CASE_LINK_STATUS_LABELS)[] }) => {
  const s = (['overdue', 'due_soon', 'closed', 'open'] as const).find((k) => l.statuses.includes(k));
  return s ? `${l.number}（${CASE_LINK_STATUS_LABELS[s].replace(/（.*）/, '')}）` : l.number;
};

const collator = new Intl.Collator('zh-Hans-CN');
/** Parsed 文号 per record (records are replaced, never mutated, on every save). */
const parsedNumbers = new WeakMap<DocumentRecord, ReturnType<typeof parseDocNumber>>();
const parsedOf = (d: DocumentRecord) => {
  if (!parsedNumbers.has(d)) parsedNumbers.set(d, d.fields.docNumber ? parseDocNumber(d.fields.docNumber) : null);
  return parsedNumbers.get(d)!;
};
/** 机关代字 in pinyin order (as the tree shows them), as numbers so sorting 100k matches stays cheap. */
let codeRanks = new Map<string, number>();
function codeRank(code: string, store: Store): number {
  let r = codeRanks.get(code);
  if (r === undefined) {
    const codes = new Set<string>([code]);
    for (const d of store.allDocuments()) {
      const n = parsedOf(d);
      if (n) codes.add(n.agencyCode);
    }
    codeRanks = new Map([...codes].sort(collator.compare).map((c, i) => [c, i]));
    r = codeRanks.get(code)!;
  }
  return r;
}

/** Sort key of a 文号: 机关代字 (pinyin order), then year, then number. */
function docNumberKey(d: DocumentRecord, store: Store): number | null {
  const n = parsedOf(d);
  if (!n) return null;
  return codeRank(n.agencyCode, store) * 1e10 + n.year * 1e6 + Math.min(n.seq, 999_999);
}

function byDocNumberThenDate(store: Store) {
  return (a: DocumentRecord, b: DocumentRecord): number => compareByNumber(a, b, store);
}
function compareByNumber(a: DocumentRecord, b: DocumentRecord, store: Store): number {
  const ka = docNumberKey(a, store);
  const kb = docNumberKey(b, store);
  if (ka !== kb) {
    if (ka === null) return 1;
    if (kb === null) return -1;
    return ka - kb;
  }
  return (a.fields.signingDate ?? '').localeCompare(b.fields.signingDate ?? '') || a.seq - b.seq;
}

/** Search, browsing, duplicates, DA/T 22 archiving and exports over the filed documents. */
export async function createArchiveUsecases(deps: ArchiveUsecaseDeps) {
  const { store, index, now, logger } = deps;
  const db = new Low<ArchiveData>(new AtomicJsonFile<ArchiveData>(join(store.dataDir, 'records', 'archive.json')), {
    entries: [],
  });
  await db.read(); // a damaged file throws store.corrupt; defaults are never written over it
  const entries = new Map(db.data.entries.map((e) => [e.documentId, e]));
  const drafts = new Map(readPieceDrafts(db.data.drafts).map((d) => [d.headId, d]));

  const mustGet = (id: string): DocumentRecord => {
    const r = store.getDocument(id);
    if (!r) throw new AppError('document.not_found', `找不到编号为 ${id} 的文件记录。请回到列表刷新后再试。`);
    return r;
  };

  const suggestionFor = (d: DocumentRecord) =>
    suggestRetention({
      docType: d.fields.docType,
      issuingBodies: d.fields.issuingBodies,
      title: d.fields.title,
      ownBodies: deps.ownBodies?.() ?? [],
    });

  function search(input: ArchiveSearchInput, opts: { all?: boolean } = {}): ArchiveSearchResult {
    const started = performance.now();
    const f = input.filters ?? {};
    const hasFilters = Object.values(f).some((v) => v !== undefined && v !== '');
    // The case map is taken once per search (the cases rebuild it only when a case changed or the day turned).
    const links = f.caseStatus ? (deps.caseLinks?.() ?? NO_LINKS) : NO_LINKS;
    const filter = hasFilters
      ? (id: string) => {
          const d = store.getDocument(id);
          return d !== undefined && matchesFilters(d, f, links);
        }
      : undefined;
    const sort =
      input.sort === 'date'
        ? {
            key: (id: string) => store.getDocument(id)?.fields.signingDate ?? null,
            dir: input.dir ?? ('desc' as const),
          }
        : input.sort === 'docNumber'
          ? {
              key: (id: string) => {
                const d = store.getDocument(id);
                return d ? docNumberKey(d, store) : null;
              },
              dir: input.dir ?? ('asc' as const),
            }
          : undefined;
    const offset = opts.all ? 0 : (input.offset ?? 0);
    const r = index.search(input.query, {
      limit: opts.all ? ALL : (input.limit ?? 50),
      offset,
      filter: filter ?? (input.query.trim() ? undefined : () => true),
      sort,
      snippets: !opts.all,
    });
    const hits: SearchHit[] = r.hits.flatMap((h) => {
      const d = store.getDocument(h.id);
      if (!d) return [];
      return [
        {
          document: toSummary(d),
          score: h.score,
          snippet: h.snippet,
          highlights: h.highlights,
          matchedIn: h.matchedIn.filter(
            (m): m is SearchHit['matchedIn'][number] => m !== 'addressees' && m !== 'references',
          ),
        },
      ];
    });
    return {
      query: input.query,
      total: r.total,
      totalExact: r.totalExact,
      offset,
      hits,
      ms: Math.round((performance.now() - started) * 100) / 100,
      notice: r.notice,
      docNumberQuery: r.docNumberQuery,
    };
  }

  // The archive screen asks for the same tree on every visit; it changes only when a record does.
  const browsed = new Map<string, { revision: number; nodes: BrowseNode[] }>();
  function browse(by: 'body' | 'docType' | 'month'): BrowseNode[] {
    const hit = browsed.get(by);
    if (hit && hit.revision === store.revision()) return hit.nodes;
    const revision = store.revision();
    const nodes = browseNow(by);
    browsed.set(by, { revision, nodes });
    return nodes;
  }

  function browseNow(by: 'body' | 'docType' | 'month'): BrowseNode[] {
    const filed = store.allDocuments().filter((d) => d.status === 'filed');
    const groups = <K>(docs: readonly DocumentRecord[], key: (d: DocumentRecord) => K) => {
      const m = new Map<K, DocumentRecord[]>();
      for (const d of docs) {
        const k = key(d);
        const l = m.get(k);
        if (l) l.push(d);
        else m.set(k, [d]);
      }
      return m;
    };
    const yearNodes = (docs: readonly DocumentRecord[], base: ArchiveFilters, withGaps: boolean): BrowseNode[] =>
      [...groups(docs, (d) => filingYear(d.fields))]
        .sort(([a], [b]) => (b ?? -1) - (a ?? -1))
        .map(([year, list]) => ({
          label: year === null ? NO_YEAR : `${year}年`,
          count: list.length,
          filters: year === null ? base : { ...base, yearFrom: year, yearTo: year },
          children: [],
          ...(withGaps ? { sequences: sequencesOf(list), group: { body: bodyOf(list[0]!), year } } : {}),
        }));
    if (by === 'body') {
      return [...groups(filed, bodyOf)]
        .sort(([a], [b]) => a.localeCompare(b, 'zh-Hans-CN'))
        .map(([body, list]) => ({
          label: body,
          count: list.length,
          filters: body === UNKNOWN_BODY ? { status: 'filed' as const } : { body, status: 'filed' as const },
          children: yearNodes(list, body === UNKNOWN_BODY ? {} : { body }, true),
        }));
    }
    if (by === 'docType') {
      return [...groups(filed, (d) => d.fields.docType ?? '（未识别文种）')]
        .sort(([, a], [, b]) => b.length - a.length)
        .map(([type, list]) => ({
          label: type,
          count: list.length,
          filters: { docType: type, status: 'filed' as const },
          children: yearNodes(list, { docType: type }, false),
        }));
    }
    return [...groups(filed, receivedMonth)]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([month, list]) => ({
        label: `${month.slice(0, 4)}年${Number(month.slice(5))}月`,
        count: list.length,
        filters: { receivedMonth: month, status: 'filed' as const },
        children: [],
      }));
  }

  /**
   * One page of a body's documents of one year, as 按发文机关 shows them: the page is cut here, so the screen never
   * receives the whole archive (100,000 summaries) to show fifty.
   */
  function groupDocuments(input: {
    readonly body: string;
    readonly year: number | null;
    readonly offset?: number;
    readonly limit?: number;
  }): GroupDocumentsPage {
    const docs = store
      .allDocuments()
      .filter((d) => d.status === 'filed' && bodyOf(d) === input.body && filingYear(d.fields) === input.year)
      .sort(byDocNumberThenDate(store));
    const offset = Math.min(input.offset ?? 0, docs.length);
    return { total: docs.length, offset, documents: docs.slice(offset, offset + (input.limit ?? 50)).map(toSummary) };
  }

  /** 文号 sequences per 机关代字 in one group of documents, with the numbers missing in between. */
  function sequencesOf(docs: readonly DocumentRecord[]): DocNumberSequence[] {
    const byCode = new Map<string, number[]>();
    for (const d of docs) {
      const n = parsedOf(d);
      if (!n) continue;
      const key = `${n.agencyCode}〔${n.year}〕`;
      const seqs = byCode.get(key);
      if (seqs) seqs.push(n.seq);
      else byCode.set(key, [n.seq]);
    }
    return [...byCode]
      .map(([code, seqs]) => {
        const gaps = sequenceGaps(seqs);
        return {
          code,
          count: seqs.length,
          first: Math.min(...seqs),
          last: Math.max(...seqs),
          missing: gaps.missing,
          moreMissing: gaps.more,
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code, 'zh-Hans-CN'));
  }

  /** Other records of the same document: same 文号 and issuing body, another file (a second scan, a copy). */
  function copies(id: string): DocumentSummary[] {
    const d = mustGet(id);
    if (!d.fields.docNumber) return [];
    const number = normalizeForSearch(d.fields.docNumber);
    const bodies = new Set(d.fields.issuingBodies.flatMap((b) => [b, ...bodyAliases(b)]).map(normalizeForSearch));
    return store
      .allDocuments()
      .filter(
        (o) =>
          o.id !== d.id &&
          o.sha256 !== d.sha256 &&
          o.fields.docNumber !== null &&
          normalizeForSearch(o.fields.docNumber) === number &&
          (bodies.size === 0 || o.fields.issuingBodies.some((b) => bodies.has(normalizeForSearch(b)))),
      )
      .sort((a, b) => a.seq - b.seq)
      .map(toSummary);
  }

  /** Records found by a query through the index (ids only, no snippets). */
  const found = (query: string, limit: number): DocumentRecord[] =>
    index.search(query, { limit, snippets: false }).hits.flatMap((h) => store.getDocument(h.id) ?? []);
  const textOf = async (id: string): Promise<string> => {
    try {
      return (await store.readText(id)).join('\n');
    } catch (e) {
      // A damaged text file: the document is still related by its 文号, just not compared by text.
      logger.warn('text unreadable; not compared for similar documents', { id, error: String(e) });
      return '';
    }
  };

  /**
   * Related documents: the 文号 it cites and the documents citing its 文号 (found through the index as 文号
   * queries), and documents with a similar text: phrases spread over its text are searched exactly, documents
   * holding at least a quarter of them are compared by bigram Dice; near-duplicates are flagged.
   */
  async function related(id: string): Promise<RelatedDocuments> {
    const d = mustGet(id);
    const unique = (list: DocumentRecord[]) => [...new Map(list.map((r) => [r.id, r])).values()];
    const cites = unique(
      d.fields.referencedDocNumbers.flatMap((n) =>
        found(n, 200).filter((o) => o.id !== d.id && sameDocNumber(o.fields.docNumber, n)),
      ),
    );
    const own = d.fields.docNumber;
    const citedBy = own
      ? unique(
          found(own, 1000).filter(
            (o) => o.id !== d.id && o.fields.referencedDocNumbers.some((r) => sameDocNumber(r, own)),
          ),
        )
      : [];
    const ownText = await textOf(id);
    const probes = probePhrases(ownText, 8, 12);
    const holds = new Map<string, number>();
    for (const p of probes) {
      // A phrase in hundreds of documents is boilerplate, not a sign of the same text.
      const r = index.search(p, { limit: 200, snippets: false });
      if (r.total > 200) continue;
      for (const h of r.hits) if (h.id !== id) holds.set(h.id, (holds.get(h.id) ?? 0) + 1);
    }
    const need = Math.max(1, Math.ceil(probes.length / 4));
    const candidates = [...holds]
      .filter(([, n]) => n >= need)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20);
    const similar: RelatedDocuments['similar'][number][] = [];
    for (const [other] of candidates) {
      const rec = store.getDocument(other);
      if (!rec) continue;
      const similarity = Math.round(bigramDice(ownText, await textOf(other)) * 1000) / 1000;
      if (similarity >= SIMILAR)
        similar.push({ document: toSummary(rec), similarity, nearDuplicate: similarity >= NEAR_DUPLICATE });
    }
    similar.sort((a, b) => b.similarity - a.similarity);
    return { cites: cites.map(toSummary), citedBy: citedBy.map(toSummary), similar };
  }

  const filedInYear = (year: number) =>
    store
      .allDocuments()
      .filter((d) => d.status === 'filed' && filingYear(d.fields) === year)
      .sort(byDocNumberThenDate(store));

  const viewOf = (d: DocumentRecord): ArchiveEntryView => ({
    document: toSummary(d),
    entry: dat22.entryFor(d.id),
    suggested: suggestionFor(d),
  });

  const retentionOverrides = new Map<string, RetentionPeriod>();

  async function persist(): Promise<void> {
    const previous = db.data;
    db.data = { ...db.data, entries: [...entries.values()], drafts: [...drafts.values()] };
    try {
      await db.write();
    } catch (e) {
      db.data = previous;
      throw e;
    }
  }

  // DA/T 22 件 assembly, numbering by 件, 归档章, 目录 and the hand-over folder (archive.dat22.ts).
  const dat22 = createDat22({
    store,
    now,
    logger,
    entries,
    drafts,
    persist,
    suggestionFor,
    filedInYear,
    xlsx,
    emitProgress: deps.emitProgress,
  });

  /** Gives 档号 to the year's 件 that have none (a document in no 件 is one), in 文号 order, continuing each class's 件号. */
  async function assignNumbers(input: {
    year: number;
    fonds: string;
    org?: string;
    retention?: Record<string, RetentionPeriod>;
  }): Promise<{ assigned: number; entries: ArchiveEntryView[] }> {
    const r = await dat22.assignNumbers({ ...input, overrides: retentionOverrides });
    return { assigned: r.assigned, entries: filedInYear(input.year).map(viewOf) };
  }

  async function setRetention(id: string, retention: RetentionPeriod): Promise<ArchiveEntryView> {
    const d = mustGet(id);
    const e = entries.get(id);
    if (e && e.retention !== retention) {
      throw new AppError(
        'archive.already_numbered',
        `文件 ${d.fields.docNumber ?? id} 已编档号 ${e.archiveNumber}（${e.retention}），档号写在归档章上，不能直接改保管期限。请在纸质档案上按档案室规定更正后，再联系管理员处理。`,
      );
    }
    retentionOverrides.set(id, retention);
    return { ...viewOf(d), suggested: { retention, reason: '已由档案员指定' } };
  }

  async function xlsx(
    name: string,
    title: string,
    columns: readonly { header: string; width: number }[],
    rows: readonly (readonly (string | number)[])[],
  ): Promise<ExportedFile> {
    // exceljs is loaded on first export: importing it eagerly cost every start-up and CLI command ~0.3 s CPU.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = '信访文书台';
    wb.created = now();
    const ws = wb.addWorksheet(title.slice(0, 31), {
      // DA/T 22: A4, landscape is advised; the header row repeats on every printed page.
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '2:2',
      },
    });
    ws.mergeCells(1, 1, 1, columns.length);
    ws.getCell(1, 1).value = title;
    ws.getCell(1, 1).font = { bold: true, size: 16 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    ws.addRow(columns.map((c) => c.header)).font = { bold: true };
    columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    for (const r of rows) ws.addRow([...r]);
    ws.eachRow((row, n) => {
      if (n < 2) return;
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = {
          top: { style: 'thin' },
          left: { style: 'thin' },
          bottom: { style: 'thin' },
          right: { style: 'thin' },
        };
        cell.alignment = { vertical: 'middle', wrapText: true };
      });
    });
    const buf = await wb.xlsx.writeBuffer();
    return {
      name,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      dataBase64: Buffer.from(buf).toString('base64'),
      rows: rows.length,
    };
  }

  async function exportRegister(from: string, to: string): Promise<ExportedFile> {
    const numberOf = dat22.archiveNumberOf();
    if (from > to)
      throw new AppError('validation.invalid_input', `开始日期 ${from} 晚于结束日期 ${to}。请交换两个日期后再导出。`);
    const list = store
      .allDocuments()
      .filter((d) => d.createdAt.slice(0, 10) >= from && d.createdAt.slice(0, 10) <= to)
      .sort((a, b) => a.seq - b.seq);
    const rows = list.map((d, i) => [
      i + 1,
      d.createdAt.slice(0, 10),
      d.fields.issuingBodies.join('、'),
      d.fields.docNumber ?? '',
      catalogueTitle(d.fields.title, d.originalName),
      d.fields.docType ?? '',
      d.fields.classification ?? '',
      d.fields.signingDate ?? '',
      d.pages,
      d.status === 'filed' ? '已归档' : '待审核',
      numberOf(d.id),
    ]);
    const headers: [string, number][] = [
      ['序号', 6],
      ['收文日期', 11],
      ['来文机关', 24],
      ['文号', 20],
      ['标题', 48],
      ['文种', 8],
      ['密级', 8],
      ['成文日期', 11],
      ['页数', 6],
      ['状态', 8],
      ['档号', 24],
    ];
    return xlsx(
      `收文登记簿-${from}至${to}.xlsx`,
      `收文登记簿（${from} 至 ${to}）`,
      headers.map(([header, width]) => ({ header, width })),
      rows,
    );
  }

  async function exportSearch(
    input: Omit<ArchiveSearchInput, 'offset' | 'limit'> & { format: 'xlsx' | 'csv' },
  ): Promise<ExportedFile> {
    const r = search(input, { all: true });
    const headers: [string, number][] = [
      ['序号', 6],
      ['文号', 20],
      ['标题', 48],
      ['发文机关', 24],
      ['文种', 8],
      ['成文日期', 11],
      ['密级', 8],
      ['状态', 8],
      ['档号', 24],
      ['办理期限', 30],
      ['关联信访件', 24],
      ['编号', 10],
    ];
    const links = deps.caseLinks?.() ?? NO_LINKS;
    const numberOf = dat22.archiveNumberOf();
    const rows = r.hits.map((h, i) => {
      const f = h.document.fields;
      return [
        i + 1,
        f.docNumber ?? '',
        catalogueTitle(f.title, h.document.originalName),
        f.issuingBodies.join('、'),
        f.docType ?? '',
        f.signingDate ?? '',
        f.classification ?? '',
        h.document.status === 'filed' ? '已归档' : '待审核',
        numberOf(h.document.id),
        deadlinesCell(store.getDocument(h.document.id)?.fields.deadlines ?? []),
        (links.get(h.document.id) ?? []).map(caseLinkCell).join('；'),
        h.document.id,
      ];
    });
    const stamp = now().toISOString().slice(0, 10);
    if (input.format === 'xlsx') {
      return xlsx(
        `检索结果-${stamp}.xlsx`,
        `检索结果：${input.query || '（全部）'}`,
        headers.map(([header, width]) => ({ header, width })),
        rows,
      );
    }
    // CSV for other tools: UTF-8 with BOM so Excel reads the Chinese, RFC 4180 quoting, formula-looking cells defused.
    const cell = (v: string | number) => {
      let s = String(v);
      if (/^[=+\-@]/.test(s)) s = `'${s}`;
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    };
    const csv = '\ufeff' + [headers.map(([h]) => h), ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
    return {
      name: `检索结果-${stamp}.csv`,
      mime: 'text/csv',
      dataBase64: Buffer.from(csv, 'utf8').toString('base64'),
      rows: rows.length,
    };
  }

  return {
    search,
    browse,
    groupDocuments,
    copies,
    related,
    entries: (year: number) => filedInYear(year).map(viewOf),
    /** The 档号 entry of a document's 件 (its own, or the one it is a member of). */
    entryOf: (id: string) => dat22.entryFor(id),
    assignNumbers,
    setRetention,
    exportCatalogue: dat22.exportCatalogue,
    pieces: (year: number) => dat22.pieces(year, retentionOverrides),
    group: dat22.group,
    ungroup: dat22.ungroup,
    adjustPiece: dat22.adjustPiece,
    pieceMembers: dat22.pieceMembers,
    exportYear: dat22.exportYear,
    exportRegister,
    exportSearch,
  };
}
export type ArchiveUsecases = Awaited<ReturnType<typeof createArchiveUsecases>>;

/** The handlers of the archive part of the contract. */
export function createArchiveApi(a: ArchiveUsecases): ApiPart<(typeof ARCHIVE_REQUEST_NAMES)[number]> {
  return {
    'archive.search': async (input) => a.search(input),
    'archive.browse': async ({ by }) => a.browse(by),
    'archive.groupDocuments': async (input) => a.groupDocuments(input),
    'archive.copies': async ({ id }) => ({ sameNumber: a.copies(id) }),
    'archive.related': async ({ id }) => a.related(id),
    'archive.entries': async ({ year }) => a.entries(year),
    'archive.assignNumbers': async (input) => a.assignNumbers(input),
    'archive.setRetention': async ({ id, retention }) => a.setRetention(id, retention),
    'archive.exportCatalogue': async ({ year }) => a.exportCatalogue(year),
    'archive.exportRegister': async ({ from, to }) => a.exportRegister(from, to),
    'archive.exportSearch': async (input) => a.exportSearch(input),
    'archive.pieces': async ({ year }) => a.pieces(year),
    'archive.group': async ({ headId, members }) => a.group(headId, members),
    'archive.ungroup': async ({ headId }) => a.ungroup(headId),
    'archive.adjustPiece': async ({ headId, members, reason }) => {
      const { piece, paperNote } = await a.adjustPiece(headId, members, reason);
      return { piece, paperNote };
    },
    'archive.exportYear': async (input) => a.exportYear(input),
  };
}
