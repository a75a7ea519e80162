import { charsOutsideBodyFont, controlChars, describeChar } from './body-font';
import type { Layout } from './doc-types';
import { AUTO_FIELDS, FIELD_BY_NAME } from './field-catalogue';
import { renderNodes } from './template-language';
import { userRequiredFields, type ParsedTemplate } from './template';

/**
 * Turns a checked template plus field values into the document model both the .docx builder and the in-app
 * preview draw, so what the user reviews is what gets printed.
 */

export interface BodyParagraph {
  readonly text: string;
  /** 1 = “一、” heading (黑体), 2 = “（一）” heading (楷体); the heading font covers `lead`, the rest is body text. */
  readonly level: 0 | 1 | 2;
  readonly lead: string;
}

export interface DocumentModel {
  readonly layout: Layout;
  readonly issuer: string;
  readonly docNumber: string | null;
  readonly signer: string;
  readonly title: string;
  readonly addressee: string;
  readonly body: readonly BodyParagraph[];
  readonly attachments: readonly string[];
  readonly signature: string;
  readonly date: string;
  readonly note: string;
  readonly cc: string;
  readonly printedBy: string;
  readonly printedDate: string;
  /** Form layout only: label / value rows. */
  readonly rows: readonly (readonly [string, string])[];
}

export type ValueIssueCode =
  | 'paperwork.field_required'
  | 'paperwork.field_too_long'
  | 'paperwork.char_outside_font'
  | 'paperwork.invalid_date'
  | 'paperwork.invalid_text';

export interface ValueIssue {
  readonly field: string;
  readonly code: ValueIssueCode;
  readonly message: string;
}

/** Line endings, tabs and compatibility forms normalised so the checks see what will be printed. */
export function normalizeValues(values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'string') continue;
    out[k] = v.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').trim();
  }
  return out;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** `2026-03-05` → `2026年3月5日` (GB/T 9704 7.3.5: year in full, no leading zeros); null when not a real date. */
export function chineseDate(value: string): string | null {
  const m = ISO.exec(value) ?? CHINESE_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}年${mo}月${d}日`;
}

/** Checks the values the template will print; every problem is listed before anything is written. */
export function checkValues(
  parsed: ParsedTemplate,
  values: Readonly<Record<string, string>>,
  options: { readonly allowOutsideFont?: boolean } = {},
): ValueIssue[] {
  const issues: ValueIssue[] = [];
  for (const name of userRequiredFields(parsed)) {
    if (!values[name]) {
      issues.push({
        field: name,
        code: 'paperwork.field_required',
        message: `缺少必填字段“${name}”（${FIELD_BY_NAME.get(name)?.hint ?? ''}）。请填写后再生成。`,
      });
    }
  }
  for (const name of parsed.fields) {
    const v = values[name];
    const spec = FIELD_BY_NAME.get(name);
    if (!v || !spec || AUTO_FIELDS.has(name)) continue;
    const length = [...v].length;
    if (length > spec.maxLength) {
      issues.push({
        field: name,
        code: 'paperwork.field_too_long',
        message: `字段“${name}”有 ${length} 个字，超过上限 ${spec.maxLength} 字。请精简，或把详细材料作为附件。`,
      });
      continue;
    }
    if (spec.kind === 'date' && chineseDate(v) === null) {
      issues.push({
        field: name,
        code: 'paperwork.invalid_date',
        message: `字段“${name}”的日期“${v.slice(0, 30)}”无效。请写成 2026-03-05 或 2026年3月5日。`,
      });
      continue;
    }
    if (spec.kind !== 'text' && v.includes('\n')) {
      issues.push({ field: name, code: 'paperwork.invalid_text', message: `字段“${name}”只能填一行，请去掉换行。` });
      continue;
    }
    const control = controlChars(v);
    if (control.length) {
      issues.push({
        field: name,
        code: 'paperwork.invalid_text',
        message: `字段“${name}”含有不可见的控制字符 ${control.map(describeChar).join('、')}（常见于从网页或其他软件复制的文字）。请删除后重新输入。`,
      });
      continue;
    }
    const outside = options.allowOutsideFont ? [] : charsOutsideBodyFont(v);
    if (outside.length) {
      issues.push({
        field: name,
        code: 'paperwork.char_outside_font',
        message: `字段“${name}”中的 ${outside.slice(0, 8).map(describeChar).join('、')} 不在公文正文字体（仿宋_GB2312）的字库内，打印时会显示为空框或别的字体。请核对是否录错；确需使用的生僻字，请勾选“允许字库外字符”后生成，并在打印前检查该字。`,
      });
    }
  }
  return issues;
}

/** The values as printed: dates in Chinese, automatic fields filled. */
export function printedValues(
  parsed: ParsedTemplate,
  values: Readonly<Record<string, string>>,
  docNumber: string | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    const spec = FIELD_BY_NAME.get(k);
    if (AUTO_FIELDS.has(k)) continue;
    out[k] = spec?.kind === 'date' ? (chineseDate(v) ?? v) : v;
  }
  const year = /^(\d{4})/.exec(values['成文日期'] ?? '')?.[1];
  if (year) out['年份'] = year;
  if (docNumber) out['文号'] = docNumber;
  void parsed;
  return out;
}

/** `X信转〔2026〕12号`: year in full, 〔〕, no 第, no leading zeros (GB/T 9704 7.2.5). */
export const formatDocNumber = (code: string, year: number, seq: number) => `${code}〔${year}〕${seq}号`;

const LEVEL1 = /^[一二三四五六七八九十]+、/;
const LEVEL2 = /^（[一二三四五六七八九十]+）/;

function paragraph(text: string): BodyParagraph {
  const level = LEVEL1.test(text) ? 1 : LEVEL2.test(text) ? 2 : 0;
  if (level === 0) return { text, level, lead: '' };
  // The heading font covers the heading sentence; text run on after its full stop stays in the body font.
  const stop = text.indexOf('。');
  return { text, level, lead: stop >= 0 && stop < text.length - 1 ? text.slice(0, stop + 1) : text };
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** Renders every part; `docNumber` is the allocated 文号 (or a placeholder in previews). */
export function composeDocument(
  parsed: ParsedTemplate,
  values: Readonly<Record<string, string>>,
  docNumber: string | null,
): DocumentModel {
  const v = printedValues(parsed, values, docNumber);
  const part = (p: keyof ParsedTemplate['parts']) => renderNodes(parsed.parts[p], v).trim();
  const one = (p: keyof ParsedTemplate['parts']) => lines(part(p)).join('');
  const layout = parsed.template.layout;
  const bodyLines = lines(part('body'));
  const rows =
    layout === 'form'
      ? bodyLines.map((l) => {
          const bar = l.search(/[|｜]/);
          return bar < 0 ? ([l, ''] as const) : ([l.slice(0, bar).trim(), l.slice(bar + 1).trim()] as const);
        })
      : [];
  const date = one('date');
  return {
    layout,
    issuer: one('issuer'),
    docNumber,
    signer: one('signer'),
    title: lines(part('title')).join('\n'),
    addressee: one('addressee'),
    body: layout === 'form' ? [] : bodyLines.map(paragraph),
    attachments: lines(part('attachments')),
    signature: one('signature'),
    date,
    note: one('note'),
    cc: one('cc'),
    printedBy: one('printedBy'),
    printedDate: v['印发日期'] ?? date,
    rows,
  };
}

/** Text of the model in reading order, used by tests and searches to see that no `{字段}` survived. */
export function modelText(m: DocumentModel): string {
  return [
    m.issuer,
    m.docNumber ?? '',
    m.signer,
    m.title,
    m.addressee,
    ...m.body.map((p) => p.text),
    ...m.attachments,
    m.signature,
    m.date,
    m.note,
    m.cc,
    m.printedBy,
    ...m.rows.flat(),
  ].join('\n');
}
