/**
 * GB/T 9704-2012 layout numbers (../shared/reference/gbt9704.json), in the units the docx package takes:
 * twips (1/20 pt) for lengths, half-points for font sizes, eighths of a point for border widths.
 */

export const MM = 1440 / 25.4;
export const mm = (v: number) => Math.round(v * MM);

export const PAGE = { width: 11906, height: 16838 } as const;
/** 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (5.2.1). */
export const MARGIN = { top: mm(37), left: mm(28), bottom: mm(297 - 37 - 225), right: mm(210 - 28 - 156) } as const;
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

/** 22 lines per page (5.2.3): the pitch is rounded down so the 22nd line still fits in 225 mm. */
export const LINES_PER_PAGE = 22;
export const LINE = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);

/** 28 characters per line: a 16 pt (3号) glyph is wider than 156 mm / 28 = 15.79 pt, so characters are tightened by 0.25 pt. */
export const CHARS_PER_LINE = 28;
export const SIZE = { body: 32, title: 44, record: 28, pageNumber: 28 } as const;
/** Character spacing in twips: -0.25 pt. */
export const BODY_TIGHTEN = -5;
/** The width of one 3号 character as laid out (16 pt − 0.25 pt), in twips: the unit of 空二字 etc. */
export const CHAR = 320 + BODY_TIGHTEN;
/** One 4号 character (版记, 页码). */
export const CHAR_RECORD = 280;

export const RED = 'FF0000';

/**
 * Fonts per element (5.2.2, 7.x). Machines without the GB 2312 fonts (Windows 10+ ships 仿宋/楷体, not 仿宋_GB2312)
 * can pass the fallback names through `fonts`; the LibreOffice tests map these names to installed CJK fonts.
 */
export interface FontSet {
  readonly body: string;
  readonly title: string;
  readonly heading1: string;
  readonly heading2: string;
  readonly pageNumber: string;
}
export const GBT_FONTS: FontSet = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
};
/** Names to try, in order, when a machine lacks the standard font (documented for the 本机关信息 font setting). */
export const FONT_FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  仿宋_GB2312: ['仿宋', 'FangSong', 'STFangsong'],
  方正小标宋简体: ['方正小标宋_GBK', '华文中宋', 'STZhongsong', '宋体'],
  黑体: ['SimHei', 'STHeiti'],
  楷体_GB2312: ['楷体', 'KaiTi', 'STKaiti'],
  宋体: ['SimSun', 'STSong'],
};

/**
 * Width of a text in 3号 characters, for centring the 署名 over the 成文日期: 汉字 and full-width marks count 1,
 * Latin letters and digits a little over half (CJK fonts' digits are proportional), and Word and LibreOffice
 * add about a fifth of a character where digits meet 汉字 (自动调整中文与西文、数字的间距).
 */
export function textWidthChars(s: string): number {
  let w = 0;
  let prevWide: boolean | null = null;
  for (const ch of s) {
    const wide = ch.codePointAt(0)! >= 0x2000;
    w += wide ? 1 : 0.55;
    if (prevWide !== null && prevWide !== wide && ch !== ' ') w += 0.2;
    prevWide = wide;
  }
  return w;
}
