import type { DocumentModel, ValueIssue } from './compose';
import type { Layout } from './doc-types';
import type { PaperworkTemplate, TemplateIssue } from './template';

/** What the data of the 文书 part looks like when it crosses the API. */

export interface TemplateSummary {
  readonly id: string;
  readonly name: string;
  readonly docType: string;
  readonly layout: Layout;
  /** The version documents generated now will record (1 = as shipped). */
  readonly version: number;
  readonly builtin: boolean;
  /** True when the office has saved its own version over a built-in template. */
  readonly modified: boolean;
  readonly fields: readonly string[];
  /** Fields a person must fill in before generating (the automatic 文号/年份 and the default 成文日期 excluded). */
  readonly requiredFields: readonly string[];
  readonly numbered: boolean;
}

export interface TemplateVersion {
  readonly version: number;
  readonly savedAt: string | null;
  readonly template: PaperworkTemplate;
}

export interface TemplateDetail extends TemplateSummary {
  readonly template: PaperworkTemplate;
  readonly versions: readonly TemplateVersion[];
}

export interface TemplateValidation {
  readonly ok: boolean;
  readonly issues: readonly TemplateIssue[];
  readonly fields: readonly string[];
  readonly requiredFields: readonly string[];
}

export interface PreviewResult {
  readonly model: DocumentModel;
  /** The 文号 generation would allocate now (another generation may take it first). */
  readonly nextDocNumber: string | null;
  readonly issues: readonly ValueIssue[];
  /** The values after defaults (本机关信息, the case, today's date) were applied: what the form shows. */
  readonly values: Readonly<Record<string, string>>;
}

export interface IssuedDocument {
  readonly id: string;
  readonly templateId: string;
  readonly templateName: string;
  readonly templateVersion: number;
  readonly docType: string;
  readonly docNumber: string | null;
  readonly title: string;
  readonly caseId: string | null;
  /** Path of the stored .docx inside the data folder. */
  readonly file: string;
  /** The same file as an absolute path, for the shell to open in the word processor. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly issuedAt: string;
  readonly cancelled: { readonly at: string; readonly reason: string } | null;
}

export interface OfficeProfile {
  /** Default field values: 发文机关, 发文机关署名, 机关代字, 联系人, 联系电话, 印发机关, 复查机关 … */
  readonly defaults: Readonly<Record<string, string>>;
}
