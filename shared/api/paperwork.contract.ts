import { z } from 'zod';
import type {
  IssuedDocument,
  OfficeProfile,
  PreviewResult,
  TemplateDetail,
  TemplateSummary,
  TemplateValidation,
} from '../paperwork/records';
import { templateIdSchema, templateSchema } from '../paperwork/template';
import { recordId, type RequestSpec } from './common';
import type { PAPERWORK_REQUEST_NAMES } from './paperwork.names';

export type {
  IssuedDocument,
  OfficeProfile,
  PreviewResult,
  TemplateDetail,
  TemplateSummary,
  TemplateValidation,
} from '../paperwork/records';

/** Field values as the form sends them; lengths are checked per field by the generator with Chinese messages. */
const fieldValues = z
  .record(z.string().max(40), z.string().max(100_000))
  .refine((v) => Object.keys(v).length <= 300, '字段过多');

const generateInput = {
  templateId: templateIdSchema,
  values: fieldValues.optional(),
  caseId: recordId.nullable().optional(),
  /** Print characters outside 仿宋_GB2312 anyway (rare names), after the user saw the warning. */
  allowOutsideFont: z.boolean().optional(),
};

/** Requests of the 文书 generation (issue 6: templates, docx, numbering) part: one entry per name in `PAPERWORK_REQUEST_NAMES`. */
export const PAPERWORK_REQUESTS = {
  'paperwork.templates': { input: z.object({}).strict(), output: {} as readonly TemplateSummary[] },
  'paperwork.template': { input: z.object({ id: templateIdSchema }).strict(), output: {} as TemplateDetail },
  'paperwork.validateTemplate': {
    input: z.object({ template: templateSchema }).strict(),
    output: {} as TemplateValidation,
  },
  'paperwork.saveTemplate': { input: z.object({ template: templateSchema }).strict(), output: {} as TemplateSummary },
  'paperwork.exportTemplate': {
    input: z.object({ id: templateIdSchema }).strict(),
    output: {} as { readonly fileName: string; readonly content: string },
  },
  'paperwork.importTemplate': {
    input: z.object({ content: z.string().max(1_000_000) }).strict(),
    output: {} as TemplateSummary,
  },
  /** Drops the office's versions of a built-in template so the shipped text is used again (they stay in the export history of issued documents). */
  'paperwork.resetTemplate': { input: z.object({ id: templateIdSchema }).strict(), output: {} as TemplateSummary },
  'paperwork.preview': { input: z.object(generateInput).strict(), output: {} as PreviewResult },
  'paperwork.generate': { input: z.object(generateInput).strict(), output: {} as IssuedDocument },
  'paperwork.issued': {
    input: z.object({ caseId: recordId.nullable().optional() }).strict(),
    output: {} as readonly IssuedDocument[],
  },
  /** Opens an issued .docx in the system's word processor (desktop app only; `paperwork.open_unavailable` elsewhere). */
  'paperwork.openIssued': { input: z.object({ id: recordId }).strict(), output: {} as { readonly opened: true } },
  /** The issued .docx itself, for the browser (loopback) transport to offer as a download. */
  'paperwork.downloadIssued': {
    input: z.object({ id: recordId }).strict(),
    output: {} as { readonly name: string; readonly mime: string; readonly dataBase64: string },
  },
  'paperwork.cancelNumber': {
    input: z
      .object({
        docNumber: z.string().trim().min(1, '请填写要作废的文号').max(100),
        reason: z.string().trim().min(1, '请填写作废原因').max(500),
      })
      .strict(),
    output: {} as IssuedDocument,
  },
  'paperwork.profile': { input: z.object({}).strict(), output: {} as OfficeProfile },
  'paperwork.updateProfile': {
    input: z.object({ defaults: fieldValues }).strict(),
    output: {} as OfficeProfile,
  },
  'paperwork.caseSuggestions': {
    input: z.object({ caseId: recordId }).strict(),
    output: {} as { readonly values: Readonly<Record<string, string>>; readonly templates: readonly string[] },
  },
} as const satisfies Record<(typeof PAPERWORK_REQUEST_NAMES)[number], RequestSpec>;
