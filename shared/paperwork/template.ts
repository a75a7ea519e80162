import { z } from 'zod';
import { DOC_TYPE_BY_ID, LAYOUTS } from './doc-types';
import { AUTO_FIELDS, FIELD_BY_NAME } from './field-catalogue';
import { fieldUses, parseTemplate, positionOf, type TemplateNode } from './template-language';

/**
 * A template is a set of parts, one per element of a GB/T 9704 document; each part is template text.
 * The layout builder decides fonts and positions, so the office edits wording, never formatting.
 */
export const TEMPLATE_PARTS = [
  'issuer',
  'signer',
  'title',
  'addressee',
  'body',
  'attachments',
  'signature',
  'date',
  'note',
  'cc',
  'printedBy',
] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

export const PART_LABELS: Readonly<Record<TemplatePart, string>> = {
  issuer: '发文机关标志',
  signer: '签发人',
  title: '标题',
  addressee: '主送机关',
  body: '正文',
  attachments: '附件说明（每行一个附件）',
  signature: '发文机关署名',
  date: '成文日期',
  note: '附注',
  cc: '抄送',
  printedBy: '印发机关',
};

/** Parts printed only when they have text (附件说明, 附注, 版记): their fields never make a value required. */
export const OPTIONAL_PARTS: ReadonlySet<TemplatePart> = new Set(['attachments', 'note', 'cc', 'printedBy']);

const partText = z.string().max(50_000, '这一部分超过 50000 字，请精简。');

export const templateIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '模板编号只能由字母、数字、下划线和连字符组成');

export const templateSchema = z
  .object({
    id: templateIdSchema,
    name: z.string().trim().min(1, '请填写模板名称').max(100),
    docType: z.string().refine((t) => DOC_TYPE_BY_ID.has(t), '未知的文书类型'),
    layout: z.enum(LAYOUTS),
    /** The 机关代字 part of the 文号 as template text (e.g. `{机关代字}转`); null for documents without a 文号. */
    numberCode: z.string().max(100).nullable(),
    parts: z.object(
      Object.fromEntries(TEMPLATE_PARTS.map((p) => [p, partText])) as Record<TemplatePart, typeof partText>,
    ),
  })
  .strict();
export type PaperworkTemplate = z.infer<typeof templateSchema>;

export interface TemplateIssue {
  /** Which part of the template (or `numberCode`, or null for the template as a whole). */
  readonly part: TemplatePart | 'numberCode' | null;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ParsedTemplate {
  readonly template: PaperworkTemplate;
  readonly parts: Readonly<Record<TemplatePart, readonly TemplateNode[]>>;
  readonly numberCode: readonly TemplateNode[] | null;
  /** Every field the template uses, in order of first use. */
  readonly fields: readonly string[];
  /** Fields used outside optional blocks: generation needs a value for each (except the automatic ones). */
  readonly requiredFields: readonly string[];
}

export type TemplateCheck =
  | { readonly ok: true; readonly parsed: ParsedTemplate }
  | { readonly ok: false; readonly issues: readonly TemplateIssue[] };

/** Validates a template the way the editor shows it: syntax, unknown fields, fields its document type requires. */
export function checkTemplate(template: PaperworkTemplate): TemplateCheck {
  const issues: TemplateIssue[] = [];
  const parts = {} as Record<TemplatePart, readonly TemplateNode[]>;
  const fields: string[] = [];
  const required = new Set<string>();
  const note = (name: string, optional: boolean) => {
    if (!fields.includes(name)) fields.push(name);
    if (!optional) required.add(name);
  };
  const scan = (part: TemplatePart | 'numberCode', source: string): readonly TemplateNode[] => {
    const parsed = parseTemplate(source);
    if (!parsed.ok) {
      for (const i of parsed.issues) issues.push({ part, line: i.line, column: i.column, message: i.message });
      return [];
    }
    for (const use of fieldUses(parsed.nodes)) {
      if (!FIELD_BY_NAME.has(use.name)) {
        const at = positionOf(source, use.offset);
        issues.push({
          part,
          ...at,
          message: `未知字段“${use.name}”。请从字段列表中选择（例如 {信访人}、{收到日期}），或检查是否有错字。`,
        });
      } else note(use.name, use.optional || (part !== 'numberCode' && OPTIONAL_PARTS.has(part)));
    }
    return parsed.nodes;
  };
  for (const p of TEMPLATE_PARTS) parts[p] = scan(p, template.parts[p]);
  const numberCode = template.numberCode === null ? null : scan('numberCode', template.numberCode);
  if (numberCode !== null && template.numberCode!.trim() === '') {
    issues.push({
      part: 'numberCode',
      line: 1,
      column: 1,
      message: '文号的机关代字不能为空。不编文号的文书请关闭“编文号”。',
    });
  }
  if (numberCode !== null) note('文号', false);

  const type = DOC_TYPE_BY_ID.get(template.docType);
  for (const name of type?.requiredFields ?? []) {
    if (required.has(name)) continue;
    const where = fields.includes(name) ? '只出现在可选段里' : '没有出现';
    const fix =
      name === '文号' ? '请打开“编文号”并填写机关代字' : `请在正文或相应部分加入 {${name}}（不要放在可选段里）`;
    issues.push({
      part: null,
      line: 1,
      column: 1,
      message: `${type!.name}必须包含字段“${name}”，而这个模板里它${where}。${fix}。`,
    });
  }
  if (template.parts.title.trim() === '') {
    issues.push({ part: 'title', line: 1, column: 1, message: '标题不能为空。' });
  }
  if (issues.length) return { ok: false, issues };
  const requiredFields = fields.filter((n) => required.has(n));
  return { ok: true, parsed: { template, parts, numberCode, fields, requiredFields } };
}

/** Fields a person must supply: required ones minus those the program fills. */
export const userRequiredFields = (parsed: ParsedTemplate): string[] =>
  parsed.requiredFields.filter((n) => !AUTO_FIELDS.has(n) && n !== '成文日期');
