import type { RetentionPeriod } from './archive-number';

/**
 * 归档章 (DA/T 22-2015 6.3): 45 mm × 16 mm, two rows of three cells — 全宗号 / 年度 / 件号 above,
 * 机构（问题） / 保管期限 / 页数 below. Stamped in red at the top centre of the 件's first page and filled in by hand,
 * or printed on a slip the archivist sticks there; the cells here are what goes into it.
 */
export const STAMP_SIZE_MM = [45, 16] as const;
export const STAMP_LAYOUT = [
  ['全宗号', '年度', '件号'],
  ['机构（问题）', '保管期限', '页数'],
] as const;
export type StampCellName = (typeof STAMP_LAYOUT)[number][number];

export interface StampCells {
  readonly 全宗号: string;
  readonly 年度: string;
  readonly 件号: string;
  readonly '机构（问题）': string;
  readonly 保管期限: string;
  readonly 页数: string;
}

/** 保管期限 as written in the stamp's narrow cell: 永久, 30年, 10年. */
const SHORT: Readonly<Record<RetentionPeriod, string>> = { 永久: '永久', 定期30年: '30年', 定期10年: '10年' };

export function stampCells(e: {
  readonly fonds: string;
  readonly year: number;
  readonly piece: number;
  readonly org: string;
  readonly retention: RetentionPeriod;
  readonly pages: number;
}): StampCells {
  return {
    全宗号: e.fonds,
    年度: String(e.year),
    件号: String(e.piece).padStart(4, '0'),
    // Optional cell: empty when the office does not classify by 机构（问题）.
    '机构（问题）': e.org,
    保管期限: SHORT[e.retention],
    页数: String(e.pages),
  };
}
