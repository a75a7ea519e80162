/**
 * 档号 per DA/T 22-2015: 全宗号-档案门类代码·年度-保管期限-机构（问题）代码-件号, e.g. Z109-WS·2011-Y-BGS-0001.
 * The 机构 part is left out when documents are not classified by 机构; 件号 is 4 digits, zero-padded, and runs
 * in order within the lowest class (年度 + 保管期限 + 机构).
 */
export const RETENTION_PERIODS = ['永久', '定期30年', '定期10年'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];
export const RETENTION_CODES: Readonly<Record<RetentionPeriod, string>> = {
  永久: 'Y',
  定期30年: 'D30',
  定期10年: 'D10',
};

/** 文书档案 (DA/T 22: “WS”). */
export const CATEGORY_DOCUMENTS = 'WS';

export interface ArchiveNumberParts {
  readonly fonds: string;
  readonly year: number;
  readonly retention: RetentionPeriod;
  /** 机构（问题）代码, e.g. BGS; empty when not classified by 机构. */
  readonly org: string;
  readonly piece: number;
}

export function formatArchiveNumber(p: ArchiveNumberParts): string {
  const parts = [p.fonds, `${CATEGORY_DOCUMENTS}·${p.year}`, RETENTION_CODES[p.retention]];
  if (p.org) parts.push(p.org);
  parts.push(String(p.piece).padStart(4, '0'));
  return parts.join('-');
}

/** The class a 件号 runs in: year, retention and 机构. */
export const classKey = (p: Pick<ArchiveNumberParts, 'year' | 'retention' | 'org'>) =>
  `${p.year}|${p.retention}|${p.org}`;

/**
 * Allocates 件号 for new pieces in the order given, continuing after the highest number already used in each
 * class (numbers once given are never reused or shifted: they are written on the paper's 归档章).
 */
export function allocatePieces<T extends Pick<ArchiveNumberParts, 'year' | 'retention' | 'org'>>(
  existing: readonly Pick<ArchiveNumberParts, 'year' | 'retention' | 'org' | 'piece'>[],
  pending: readonly T[],
): (T & { readonly piece: number })[] {
  const next = new Map<string, number>();
  for (const e of existing) next.set(classKey(e), Math.max(next.get(classKey(e)) ?? 0, e.piece));
  return pending.map((p) => {
    const piece = (next.get(classKey(p)) ?? 0) + 1;
    next.set(classKey(p), piece);
    return { ...p, piece };
  });
}

/** Checks a 全宗号 or 机构代码 as typed: letters and digits only, so the 档号 stays unambiguous. */
export function isValidCode(s: string, max: number): boolean {
  return new RegExp(`^[A-Za-z0-9]{1,${max}}$`).test(s);
}
