import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  FrameAnchorType,
  FrameWrap,
  Header,
  HeightRule,
  HorizontalPositionAlign,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  VerticalPositionAlign,
  WidthType,
  type IBorderOptions,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { BodyParagraph, DocumentModel } from '../../../../shared/paperwork/compose';
import {
  BODY_TIGHTEN,
  CHAR,
  CHAR_RECORD,
  GBT_FONTS,
  LINE,
  MARGIN,
  PAGE,
  RED,
  SIZE,
  TEXT_WIDTH,
  mm,
  textWidthChars,
  type FontSet,
} from './gbt9704';

/**
 * Builds a GB/T 9704-2012 .docx from the document model: 文件格式 (红头, 文号, red rule), 信函格式 (10.1),
 * a plain layout without 红头 for 告知书/意见书, and a table for 送达回证. Every line sits on the 22-line grid
 * (exact line pitch) and body lines hold 28 characters, so the page looks the same in Word, WPS and LibreOffice.
 */

export interface BuildDocxOptions {
  readonly fonts?: Partial<FontSet>;
  /** Written into the document properties. */
  readonly creator?: string;
}

type RunText = Omit<IRunOptions, 'font' | 'size'> & { readonly font: string; readonly size?: number };

const run = ({ font, size = SIZE.body, ...rest }: RunText) =>
  new TextRun({
    ...rest,
    font: { ascii: font, hAnsi: font, eastAsia: font, cs: font },
    size,
    language: { eastAsia: 'zh-CN' },
    characterSpacing: rest.characterSpacing ?? BODY_TIGHTEN,
  });

const exact = (line = LINE) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

/** A paragraph on the grid; no automatic space between digits and 汉字, so 2026年3月5日 has the width it is measured with. */
const line = (children: IParagraphOptions['children'], options: Omit<IParagraphOptions, 'children'> = {}) =>
  new Paragraph({ spacing: exact(), autoSpaceEastAsianText: false, ...options, children });

const blank = (count: number, font: string) => Array.from({ length: count }, () => line([run({ text: '', font })]));

const redLine = (style: IBorderOptions['style'], size: number): IBorderOptions => ({
  style,
  size,
  color: RED,
  space: 1,
});

/** The 红头 text is sized to fit the 156 mm text block (170 mm for the letterhead), never larger than 52 pt. */
function mastheadSize(text: string, widthTwips: number): number {
  const chars = Math.max(1, textWidthChars(text));
  const pt = Math.min(52, Math.floor((widthTwips / 20 / chars) * 0.92));
  return Math.max(SIZE.title, pt * 2);
}

export async function buildDocx(model: DocumentModel, options: BuildDocxOptions = {}): Promise<Buffer> {
  const fonts: FontSet = { ...GBT_FONTS, ...options.fonts };
  const body = (text: string, extra: Omit<RunText, 'font' | 'text'> = {}) => run({ text, font: fonts.body, ...extra });

  const content: (Paragraph | Table)[] = [];
  const header: Paragraph[] = [];
  let firstFooter: Footer | undefined;
  const letter = model.layout === 'letter';

  // ── 版头 ──
  if (model.layout === 'file') {
    // 发文机关标志: top edge 35 mm below the text block's top edge (7.2.4).
    const size = mastheadSize(model.issuer || ' ', TEXT_WIDTH);
    content.push(new Paragraph({ spacing: exact(mm(35)), children: [run({ text: '', font: fonts.body })] }));
    content.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(Math.round(size * 10 * 1.25)),
        children: [run({ text: model.issuer, font: fonts.title, size, color: RED, characterSpacing: 0 })],
      }),
    );
    content.push(...blank(2, fonts.body));
    // 文号 (centred; 上行文: left + 签发人 right on the same line), red rule 4 mm below (7.2.5–7.2.7).
    const rule = { bottom: { ...redLine(BorderStyle.SINGLE, 8), space: 11 } };
    if (model.signer) {
      content.push(
        line([body(model.docNumber ?? ''), body('\t签发人：'), run({ text: model.signer, font: fonts.heading2 })], {
          indent: { left: CHAR, right: CHAR },
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 2 * CHAR }],
          border: rule,
        }),
      );
    } else {
      content.push(line([body(model.docNumber ?? '')], { alignment: AlignmentType.CENTER, border: rule }));
    }
    // The rule adds its gap and width (11 + 1 pt) under the 文号 line; the first blank line gives them back so the
    // text below stays on the line grid.
    content.push(
      line([run({ text: '', font: fonts.body })], { spacing: exact(LINE - (rule.bottom.space + 1) * 20) }),
      ...blank(1, fonts.body),
    );
  } else if (letter) {
    // 信函格式 (10.1): 标志 30 mm from the page top, red double line (thick over thin) 4 mm below, 170 mm long.
    const overhang = Math.round((mm(170) - TEXT_WIDTH) / 2);
    const size = mastheadSize(model.issuer || ' ', mm(170));
    header.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(Math.round(size * 10 * 1.2)),
        indent: { left: -overhang, right: -overhang },
        border: { bottom: { ...redLine(BorderStyle.THICK_THIN_SMALL_GAP, 24), space: 6 } },
        children: [run({ text: model.issuer, font: fonts.title, size, color: RED, characterSpacing: 0 })],
      }),
    );
    firstFooter = new Footer({
      children: [
        new Paragraph({
          spacing: exact(40),
          indent: { left: -overhang, right: -overhang },
          border: { top: { ...redLine(BorderStyle.THIN_THICK_SMALL_GAP, 24), space: 0 } },
          children: [run({ text: '', font: fonts.body, size: 2 })],
        }),
      ],
    });
    // 文号 flush with the right edge of the text block, just under the double line.
    if (model.docNumber) content.push(line([body(model.docNumber)], { alignment: AlignmentType.RIGHT }));
    content.push(...blank(model.docNumber ? 1 : 0, fonts.body));
  }

  // ── 主体 ──
  const title = model.title.split('\n').filter(Boolean);
  for (const t of title) {
    content.push(
      line([run({ text: t, font: fonts.title, size: SIZE.title, characterSpacing: 0 })], {
        alignment: AlignmentType.CENTER,
      }),
    );
  }
  if (model.layout === 'plain' && model.docNumber) {
    content.push(line([body(model.docNumber)], { alignment: AlignmentType.CENTER }));
  }
  if (model.layout === 'form') {
    content.push(...blank(1, fonts.body), formTable(model, fonts));
  } else {
    content.push(...blank(1, fonts.body));
    if (model.addressee) content.push(line([body(model.addressee)], { alignment: AlignmentType.JUSTIFIED }));
    for (const p of model.body) content.push(bodyParagraph(p, fonts));
    content.push(...attachmentLines(model.attachments, fonts));
    content.push(...signatureLines(model, fonts));
    if (model.note) {
      content.push(line([body(`（${model.note}）`)], { indent: { left: 2 * CHAR }, alignment: AlignmentType.LEFT }));
    }
  }
  content.push(...recordLines(model, fonts, letter));

  const pageNumber = (align: 'left' | 'right') =>
    new Footer({
      children: [
        new Paragraph({
          alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: align === 'right' ? { right: CHAR_RECORD } : { left: CHAR_RECORD },
          spacing: exact(SIZE.pageNumber * 10),
          children: [
            new TextRun({
              children: ['— ', PageNumber.CURRENT, ' —'],
              font: { ascii: fonts.pageNumber, hAnsi: fonts.pageNumber, eastAsia: fonts.pageNumber },
              size: SIZE.pageNumber,
            }),
          ],
        }),
      ],
    });
  const numbered = model.layout !== 'form';

  const doc = new Document({
    creator: options.creator ?? '信访文书台',
    title: model.title.replace(/\n/g, ''),
    evenAndOddHeaderAndFooters: numbered,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: fonts.body, hAnsi: fonts.body, eastAsia: fonts.body, cs: fonts.body },
            size: SIZE.body,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: exact() },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: MARGIN.top,
              bottom: MARGIN.bottom,
              left: MARGIN.left,
              right: MARGIN.right,
              // 信函: letterhead 30 mm from the top; 页码: the dash line 7 mm below the text block.
              header: letter ? mm(30) : mm(15),
              footer: letter ? mm(20) : mm(35 - 7) - SIZE.pageNumber * 10,
            },
          },
          titlePage: letter,
        },
        headers: letter
          ? {
              first: new Header({ children: header }),
              default: new Header({ children: [] }),
              even: new Header({ children: [] }),
            }
          : undefined,
        footers: numbered
          ? {
              default: pageNumber('right'),
              even: pageNumber('left'),
              ...(firstFooter ? { first: firstFooter } : {}),
            }
          : undefined,
        children: content,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A body paragraph: indented two characters, justified; headings in 黑体 (一、) or 楷体 (（一）) (7.3.3). */
function bodyParagraph(p: BodyParagraph, fonts: FontSet): Paragraph {
  const runs: TextRun[] = [];
  if (p.level > 0) {
    runs.push(run({ text: p.lead, font: p.level === 1 ? fonts.heading1 : fonts.heading2 }));
    const rest = p.text.slice(p.lead.length);
    if (rest) runs.push(run({ text: rest, font: fonts.body }));
  } else runs.push(run({ text: p.text, font: fonts.body }));
  return line(runs, { indent: { firstLine: 2 * CHAR }, alignment: AlignmentType.JUSTIFIED });
}

/** 附件说明: one blank line, “附件：” two characters in; several attachments numbered and aligned (7.3.4). */
function attachmentLines(items: readonly string[], fonts: FontSet): Paragraph[] {
  if (items.length === 0) return [];
  const out = blank(1, fonts.body);
  const label = '附件：';
  if (items.length === 1) {
    out.push(
      line([run({ text: label + items[0], font: fonts.body })], { indent: { left: 5 * CHAR, hanging: 3 * CHAR } }),
    );
    return out;
  }
  items.forEach((item, i) => {
    const text = `${i === 0 ? label : ''}${i + 1}. ${item}`;
    out.push(
      line([run({ text, font: fonts.body })], {
        // Wrapped lines align with the first character of the name.
        indent: i === 0 ? { left: 6 * CHAR, hanging: 4 * CHAR } : { left: 6 * CHAR, hanging: CHAR },
      }),
    );
  });
  return out;
}

/**
 * 署名 and 成文日期 placed for a seal (7.3.5): the date four characters from the right, the signature centred over
 * it; two blank lines above leave room for the top of the seal, which overlaps both.
 */
function signatureLines(model: DocumentModel, fonts: FontSet): Paragraph[] {
  if (!model.signature && !model.date) return [];
  const dateW = textWidthChars(model.date);
  const sigW = textWidthChars(model.signature);
  let dateRight = 4;
  let sigRight = dateRight + (dateW - sigW) / 2;
  if (sigRight < 2) {
    sigRight = 2;
    dateRight = 2 + (sigW - dateW) / 2;
  }
  const out = blank(2, fonts.body);
  if (model.signature) {
    out.push(
      line([run({ text: model.signature, font: fonts.body })], {
        alignment: AlignmentType.RIGHT,
        indent: { right: Math.round(sigRight * CHAR) },
      }),
    );
  }
  if (model.date) {
    out.push(
      line([run({ text: model.date, font: fonts.body })], {
        alignment: AlignmentType.RIGHT,
        indent: { right: Math.round(dateRight * CHAR) },
      }),
    );
  }
  return out;
}

const RECORD_LINE = Math.round(LINE * 0.9);

/**
 * 版记 (7.4): 抄送 and 印发机关/印发日期 in 4号, between a thick first and last rule with a thin rule between,
 * the last rule on the bottom edge of the text block of the last page. Each row is a frame (w:framePr) aligned to
 * the bottom of the text block and as tall as the rows from it down, so the rows stack upwards; LibreOffice
 * ignores the position of a floating table and merges framed paragraphs with different borders into one frame
 * at the text, hence one frame per row, each followed by an ordinary (1 pt) paragraph to anchor it. The 信函
 * format keeps only 抄送, without rules.
 */
function recordLines(model: DocumentModel, fonts: FontSet, letter: boolean): Paragraph[] {
  const rows: { text: string; lines: number; extra: Omit<IParagraphOptions, 'children'> }[] = [];
  // Characters of 4号 that fit between the one-character side indents.
  const perLine = Math.floor((TEXT_WIDTH - 2 * CHAR_RECORD) / CHAR_RECORD);
  if (model.cc) {
    const cc = /[。.]$/.test(model.cc) ? model.cc : `${model.cc}。`;
    const text = `抄送：${cc}`;
    rows.push({
      text,
      lines: Math.max(1, Math.ceil(textWidthChars(text) / perLine)),
      extra: { indent: { left: CHAR_RECORD + 3 * CHAR_RECORD, right: CHAR_RECORD, hanging: 3 * CHAR_RECORD } },
    });
  }
  if (!letter && model.printedBy) {
    rows.push({
      text: `${model.printedBy}\t${model.printedDate}印发`,
      lines: 1,
      extra: {
        indent: { left: CHAR_RECORD, right: CHAR_RECORD },
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 2 * CHAR_RECORD }],
      },
    });
  }
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 0 };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 };
  const out: Paragraph[] = [];
  rows.forEach(({ text, extra }, i) => {
    const below = rows.slice(i).reduce((n, r) => n + r.lines, 0);
    out.push(
      new Paragraph({
        spacing: exact(RECORD_LINE),
        ...extra,
        frame: {
          type: 'alignment',
          alignment: { x: HorizontalPositionAlign.CENTER, y: VerticalPositionAlign.BOTTOM },
          anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
          width: TEXT_WIDTH,
          height: below * RECORD_LINE,
          rule: HeightRule.EXACT,
          wrap: FrameWrap.NOT_BESIDE,
        },
        border: letter
          ? undefined
          : { top: i === 0 ? thick : thin, ...(i === rows.length - 1 ? { bottom: thick } : {}) },
        children: [run({ text, font: fonts.body, size: SIZE.record, characterSpacing: 0 })],
      }),
      new Paragraph({ spacing: exact(20), children: [run({ text: '', font: fonts.body, size: 2 })] }),
    );
  });
  return out;
}

/** 送达回证: a two-column table, rows tall enough to sign by hand and the whole form on one page. */
function formTable(model: DocumentModel, fonts: FontSet): Table {
  const labelWidth = mm(48);
  const cellParagraph = (text: string, align: IParagraphOptions['alignment']) =>
    new Paragraph({ alignment: align, spacing: exact(), children: [run({ text, font: fonts.body })] });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    layout: TableLayoutType.FIXED,
    rows: model.rows.map(
      ([label, value]) =>
        new TableRow({
          height: { value: Math.round(1.6 * LINE), rule: HeightRule.ATLEAST },
          children: [
            new TableCell({
              verticalAlign: VerticalAlignTable.CENTER,
              margins: { left: 80, right: 80 },
              children: [cellParagraph(label, AlignmentType.CENTER)],
            }),
            new TableCell({
              verticalAlign: VerticalAlignTable.CENTER,
              margins: { left: 120, right: 120 },
              children: [cellParagraph(value, AlignmentType.LEFT)],
            }),
          ],
        }),
    ),
  });
}
