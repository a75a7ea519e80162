import { z } from 'zod';
import type { RequestSpec } from './common';
import { recordId as id } from './common';
import type { ArchiveEntry, ExportedFile } from './archive.contract';
import type { DocumentSummary } from './contract';
import { PIECE_ROLES, type PieceRole, type PieceSuggestion } from '../archive/jian';
import type { StampCells } from '../archive/stamp';

/**
 * DA/T 22 件 assembly, 归档章 and the year's hand-over folder (issue 7 item 4): the requests are spread into
 * `ARCHIVE_REQUESTS`, so the archive part stays one contract.
 */

/** A document in a 件 besides its head (the 正文). */
export interface PieceMemberEntry {
  readonly documentId: string;
  readonly role: PieceRole;
}

/** One recorded 拆件/调整 of a numbered 件: why, and what changed on paper. */
export interface PieceAdjustment {
  readonly at: string;
  readonly reason: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly pagesBefore: number;
  readonly pagesAfter: number;
}

/** One 件 of a year as the archiving screen shows it; a document in no group is a 件 of its own. */
export interface PieceView {
  readonly head: DocumentSummary;
  /** The other documents in DA/T 22 order (处理单 before the head in the folder, the rest after it). */
  readonly members: readonly { readonly document: DocumentSummary; readonly role: PieceRole }[];
  readonly entry: ArchiveEntry | null;
  readonly suggested: { readonly retention: '永久' | '定期30年' | '定期10年'; readonly reason: string };
  /** Sum of the pages of every document in the 件. */
  readonly pages: number;
  /** 题名 in the 归档文件目录 (the head's, with the 来文 when a 复文 and its 来文 are one 件). */
  readonly title: string;
  /** The 归档章's six cells, once the 件 has its 档号. */
  readonly stamp: StampCells | null;
}

export interface PiecesOfYear {
  readonly year: number;
  readonly pieces: readonly PieceView[];
  /** Groups the rules suggest among documents not yet numbered nor grouped; `optional` for 来文与复文. */
  readonly suggestions: readonly PieceSuggestion[];
}

/** Progress of a year's hand-over export. */
export interface ArchiveExportProgress {
  readonly stage: 'copy' | 'verify' | 'zip';
  readonly done: number;
  readonly total: number;
}

export interface YearExportResult {
  /** Absolute path of the written folder. */
  readonly path: string;
  readonly pieces: number;
  readonly documents: number;
  /** Files written, the manifest included. */
  readonly files: number;
  readonly bytes: number;
  /** Every file was read back and its SHA-256 compared with the manifest. */
  readonly verified: true;
  /** The folder as a .zip for a browser download; null when not asked for or too large to send (`zipPath` then). */
  readonly zip: ExportedFile | null;
  readonly zipPath: string | null;
}

const member = z.object({ id, role: z.enum(PIECE_ROLES).exclude(['正文']) }).strict();
const members = z.array(member).max(200, '一件最多 200 份文件');
const year = z.number().int().min(1900).max(2100);
const absolutePath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((p) => !p.includes('\u0000'), '路径中有无效字符');

export const DAT22_REQUESTS = {
  'archive.pieces': { input: z.object({ year }).strict(), output: {} as PiecesOfYear },
  'archive.group': {
    input: z.object({ headId: id, members }).strict(),
    output: {} as PieceView,
  },
  'archive.ungroup': { input: z.object({ headId: id }).strict(), output: {} as readonly PieceView[] },
  'archive.adjustPiece': {
    input: z
      .object({
        headId: id,
        members,
        reason: z.string().trim().min(2, '请写明拆件/调整的原因（会记入修改记录和备考表）').max(500),
      })
      .strict(),
    output: {} as { readonly piece: PieceView; readonly paperNote: string },
  },
  'archive.exportYear': {
    input: z
      .object({
        year,
        /** An absolute folder: written into when empty or absent, else a new subfolder; default exports/ in the data folder. */
        outDir: absolutePath.optional(),
        /** Also pack the folder as a .zip and return it (the browser transport downloads it). */
        zip: z.boolean().optional(),
      })
      .strict(),
    output: {} as YearExportResult,
  },
} as const satisfies Record<string, RequestSpec>;
