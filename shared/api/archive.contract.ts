import { z } from 'zod';
import type { RequestSpec } from './common';
import { isoDate, recordId as id, text } from './common';
import type { ARCHIVE_REQUEST_NAMES } from './archive.names';
import type { DocumentSummary, SearchHit } from './contract';
import { DAT22_REQUESTS, type PieceAdjustment, type PieceMemberEntry } from './archive.dat22.contract';
import { CASE_LINK_STATUSES } from '../archive/case-links';

const year = z.number().int().min(1900).max(2100);
const retention = z.enum(['永久', '定期30年', '定期10年']);

/** Filters of the archive search; every one optional, all must hold. */
export const archiveFiltersSchema = z
  .object({
    /** Part of an issuing body's name (县住建局 also finds 县住房和城乡建设局). */
    body: text(200).optional(),
    yearFrom: year.optional(),
    yearTo: year.optional(),
    docType: text(20).optional(),
    /** 成文日期 range, inclusive. */
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    /** 密级 as written (秘密、机密 …); "无" for documents without one. */
    classification: text(50).optional(),
    status: z.enum(['filed', 'review']).optional(),
    /** Month the document was received (filed into the system), YYYY-MM. */
    receivedMonth: z
      .string()
      .regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM')
      .optional(),
    /** true: documents whose fields carry deadlines (tasks a notice sets, `fields.deadlines`); false: those without. */
    hasDeadline: z.boolean().optional(),
    /** Documents a 信访件 lists (`documentIds`), by that case's status; `unlinked`: documents no case lists. */
    caseStatus: z
      .enum(CASE_LINK_STATUSES, { error: '信访件状态只能是已关联、办理中、即将到期、已逾期、已办结或未关联' })
      .optional(),
  })
  .strict();
export type ArchiveFilters = z.infer<typeof archiveFiltersSchema>;

export const archiveSearchSchema = z
  .object({
    /** Up to 1,000 characters: long pastes are answered (usually with nothing) rather than refused. */
    query: z.string().max(1000),
    filters: archiveFiltersSchema.optional(),
    sort: z.enum(['relevance', 'date', 'docNumber']).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type ArchiveSearchInput = z.infer<typeof archiveSearchSchema>;

export interface ArchiveSearchResult {
  readonly query: string;
  readonly total: number;
  /**
   * False when `total` is an estimate: a phrase most of the archive holds is verified only as far as the page
   * and a sample need (the hits are always exact; an export counts them all). Absent means exact.
   */
  readonly totalExact?: boolean;
  readonly offset: number;
  readonly hits: readonly SearchHit[];
  readonly ms: number;
  /** How the query was read, when that needs saying (Chinese), e.g. a one-character query. */
  readonly notice: string | null;
  /** True when the query was read as a 文号 fragment (国信发〔2019〕3 …). */
  readonly docNumberQuery: boolean;
}

/** One 机关代字's numbers in one year, with the numbers the archive lacks. */
export interface DocNumberSequence {
  readonly code: string;
  readonly count: number;
  readonly first: number;
  readonly last: number;
  /** Missing numbers between first and last (at most 200 listed). */
  readonly missing: readonly number[];
  /** How many more are missing beyond those listed. */
  readonly moreMissing: number;
}
export interface BrowseNode {
  /** Label shown in the tree (a body, a year, a 文种, a month). */
  readonly label: string;
  readonly count: number;
  /** The filters that list this node's documents through `archive.search`. */
  readonly filters: ArchiveFilters;
  readonly children: readonly BrowseNode[];
  /** For body → year nodes: the 文号 sequences with their gaps. */
  readonly sequences?: readonly DocNumberSequence[];
  /** For body → year nodes: the group whose documents `archive.groupDocuments` pages through. */
  readonly group?: { readonly body: string; readonly year: number | null };
}

/** One page of one issuing body's documents of one year (档案 → 按发文机关), in 文号 order. */
export interface GroupDocumentsPage {
  readonly total: number;
  readonly offset: number;
  readonly documents: readonly DocumentSummary[];
}

/** A document's DA/T 22 archive data: 档号, 保管期限 (suggested, then as confirmed), 归档章. */
export interface ArchiveEntry {
  readonly documentId: string;
  readonly archiveNumber: string;
  readonly fonds: string;
  readonly year: number;
  readonly retention: '永久' | '定期30年' | '定期10年';
  readonly org: string;
  readonly piece: number;
  readonly pages: number;
  readonly assignedAt: string;
  /** The 件's other documents (附件, 处理单 …); absent in entries written before 件 assembly: a one-document 件. */
  readonly members?: readonly PieceMemberEntry[];
  /** Recorded 拆件/调整 after numbering, oldest first. */
  readonly adjustments?: readonly PieceAdjustment[];
}
export interface ArchiveEntryView {
  readonly document: DocumentSummary;
  readonly entry: ArchiveEntry | null;
  /** The suggestion for documents without an entry yet (and for comparison). */
  readonly suggested: { readonly retention: '永久' | '定期30年' | '定期10年'; readonly reason: string };
}

/** Documents related to one (`archive.related`): 文号 cross-references both ways and texts alike. */
export interface RelatedDocuments {
  /** Documents whose 文号 this one cites. */
  readonly cites: readonly DocumentSummary[];
  /** Documents that cite this one's 文号. */
  readonly citedBy: readonly DocumentSummary[];
  /** Texts alike, most alike first: `similarity` is the character-bigram Dice (0–1); near-duplicates flagged. */
  readonly similar: readonly {
    readonly document: DocumentSummary;
    readonly similarity: number;
    readonly nearDuplicate: boolean;
  }[];
}

/** A generated file handed to the UI for download (both transports can carry it). */
export interface ExportedFile {
  readonly name: string;
  readonly mime: string;
  readonly dataBase64: string;
  readonly rows: number;
}

/** Requests of the archive and search (issue 7: search, browse, DA/T 22, exports) part: one entry per name in `ARCHIVE_REQUEST_NAMES`. */
export const ARCHIVE_REQUESTS = {
  'archive.search': { input: archiveSearchSchema, output: {} as ArchiveSearchResult },
  'archive.browse': {
    input: z.object({ by: z.enum(['body', 'docType', 'month']) }).strict(),
    output: {} as readonly BrowseNode[],
  },
  'archive.groupDocuments': {
    input: z
      .object({
        /** The body as `archive.browse` labels it (the label for documents without one included). */
        body: z.string().min(1).max(200),
        /** null: the documents whose year could not be read. */
        // As `archive.browse` gives it: a year read from a damaged 文号 or date may be any number.
        year: z.number().int().min(0).max(9999).nullable(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: {} as GroupDocumentsPage,
  },
  'archive.copies': {
    input: z.object({ id }).strict(),
    output: {} as { readonly sameNumber: readonly DocumentSummary[] },
  },
  'archive.related': {
    input: z.object({ id }).strict(),
    output: {} as RelatedDocuments,
  },
  'archive.entries': {
    input: z.object({ year }).strict(),
    output: {} as readonly ArchiveEntryView[],
  },
  'archive.assignNumbers': {
    input: z
      .object({
        year,
        fonds: z.string().regex(/^[A-Za-z0-9]{1,10}$/, '全宗号只能是字母和数字（最多 10 位）'),
        org: z
          .string()
          .regex(/^[A-Za-z0-9]{0,6}$/, '机构（问题）代码只能是字母和数字（最多 6 位），不分机构时留空')
          .optional(),
        /** Retention per document where the archivist changed the suggestion. */
        retention: z.record(z.string(), retention).optional(),
      })
      .strict(),
    output: {} as { readonly assigned: number; readonly entries: readonly ArchiveEntryView[] },
  },
  'archive.setRetention': {
    input: z.object({ id, retention }).strict(),
    output: {} as ArchiveEntryView,
  },
  'archive.exportCatalogue': { input: z.object({ year }).strict(), output: {} as ExportedFile },
  'archive.exportRegister': {
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: {} as ExportedFile,
  },
  'archive.exportSearch': {
    input: archiveSearchSchema
      .omit({ offset: true, limit: true })
      .extend({ format: z.enum(['xlsx', 'csv']) })
      .strict(),
    output: {} as ExportedFile,
  },
  ...DAT22_REQUESTS,
} as const satisfies Record<(typeof ARCHIVE_REQUEST_NAMES)[number], RequestSpec>;
