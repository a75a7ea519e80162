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
