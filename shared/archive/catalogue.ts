/** One row of the 归档文件目录 (DA/T 22-2015 columns: 序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注). */
export interface CatalogueRow {
  readonly 序号: number;
  readonly 档号: string;
  readonly 文号: string;
  readonly 责任者: string;
  readonly 题名: string;
  readonly 日期: string;
  readonly 密级: string;
  readonly 页数: number;
  readonly 备注: string;
}
export const CATALOGUE_COLUMNS = ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注'] as const;

/** 2019-03-05 → 20190305 (DA/T 22: 8-digit dates); empty when unknown. */
export const catalogueDate = (iso: string | null): string =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replaceAll('-', '') : '';

/** 题名: the title, or a made-up one in [ ] (DA/T 22: self-made titles are bracketed) when the document has none. */
export const catalogueTitle = (title: string | null, fallback: string): string =>
  title?.trim() ? title.trim() : `[${fallback.replace(/\.[A-Za-z0-9]+$/, '')}]`;
