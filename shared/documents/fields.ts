import type { Deadline } from './deadlines';

/** The GB/T 9704 elements the extractor reads; field names are a public interface (CLI JSON, API). */
export interface DocumentFields {
  readonly issuingBodies: readonly string[];
  readonly docNumber: string | null;
  readonly title: string | null;
  readonly docType: string | null;
  readonly addressees: readonly string[];
  readonly signingDate: string | null;
  readonly attachments: readonly string[];
  readonly cc: readonly string[];
  readonly printedBy: string | null;
  readonly printedDate: string | null;
  readonly classification: string | null;
  readonly urgency: string | null;
  readonly copyNumber: string | null;
  readonly referencedDocNumbers: readonly string[];
  /**
   * Tasks with a due date the notice sets (请于6月底之前报…), stored with the record for the cases dashboard.
   * Optional because records filed before this field existed lack it.
   */
  readonly deadlines?: readonly Deadline[];
}

export const EMPTY_FIELDS: DocumentFields = {
  issuingBodies: [],
  docNumber: null,
  title: null,
  docType: null,
  addressees: [],
  signingDate: null,
  attachments: [],
  cc: [],
  printedBy: null,
  printedDate: null,
  classification: null,
  urgency: null,
  copyNumber: null,
  referencedDocNumbers: [],
  deadlines: [],
};

/** The 15 法定文种 of 《党政机关公文处理工作条例》 第八条. */
export const LEGAL_DOC_TYPES = [
  '决议',
  '决定',
  '命令',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
] as const;

/** 信访 forms that are not 法定文种 but have their own layout and handling (doc_form in the corpus labels). */
export const XINFANG_FORMS = [
  '不予受理告知书',
  '受理告知书',
  '告知书',
  '处理意见书',
  '复查意见书',
  '复核意见书',
  '答复意见书',
  '意见书',
  '转送函',
  '交办函',
  '交办单',
  '转送单',
] as const;

/** What kind of text was read: a 公文, a petition letter, or an article / study material (资料). */
export type DocumentKind = '公文' | '来信' | '资料';

/** An article or study material (no red header): its own fields instead of forced 公文 ones. */
export interface MaterialFields {
  readonly title: string | null;
  readonly author: string | null;
  readonly source: string | null;
  readonly date: string | null;
}

/**
 * Everything the extractor reads beyond the stored DocumentFields: the rest of the GB/T 9704 elements,
 * cross-references, deadlines and review warnings. A superset, so it can stand wherever DocumentFields does.
 */
export interface DocumentAnalysis extends DocumentFields {
  readonly kind: DocumentKind | null;
  /** 信访 form (受理告知书, 转送函 …) or 复函; null for a plain 法定文种. */
  readonly docForm: string | null;
  /** 签发人 (上行文). */
  readonly signers: readonly string[];
  /** 附注 such as （此件公开发布） or （联系人：…）. */
  readonly notes: string | null;
  /** 文号 of documents this one forwards (转发 / 批转 / 现将…印发). */
  readonly forwardedDocNumbers: readonly string[];
  /** Every 《title》 cited in the text, in order, without the document's own title. */
  readonly citedTitles: readonly string[];
  readonly deadlines: readonly Deadline[];
  readonly material: MaterialFields | null;
  /** Chinese review hints: empty text, not Chinese, unreadable page, two documents in one file. */
  readonly warnings: readonly string[];
}
