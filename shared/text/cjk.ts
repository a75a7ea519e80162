/** Character classes for Chinese text clean-up: pure, no Node imports. */

const HAN = /\p{Script=Han}/u;

/** A Chinese ideograph (any CJK block, incl. extensions and 〇). */
export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/**
 * Chinese punctuation: the CJK symbols block (、。〔〕《》【】…), full-width forms (，：；（）！？),
 * curly quotes, ellipsis, dashes and the middle dot as used in Chinese typesetting.
 */
export function isCjkPunct(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0x2018 && c <= 0x201f) ||
    c === 0x2026 ||
    c === 0x2014 ||
    c === 0x2015 ||
    c === 0x00b7
  );
}

/** Han or Chinese punctuation: the characters between which Chinese text never has spaces. */
export function isCjkish(ch: string | undefined): boolean {
  return isHan(ch) || isCjkPunct(ch);
}

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isLatinLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Script=Latin}/u.test(ch);
}

/**
 * CJK Radicals Supplement (U+2E80–2EFF) → the unified ideograph drawn with the same glyph.
 * NFKC maps the Kangxi radicals (U+2F00–2FDF) but leaves these alone; Chromium-made PDFs put them
 * in text layers (⺠ for 民, ⻔ for 门). Only radicals with an unambiguous equivalent are listed
 * (after Unicode's EquivalentUnifiedIdeograph.txt).
 */
export const CJK_RADICAL_SUPPLEMENT: Readonly<Record<string, string>> = {
  '\u2E81': '厂',
  '\u2E82': '乛',
  '\u2E83': '乚',
  '\u2E84': '乙',
  '\u2E85': '亻',
  '\u2E86': '冂',
  '\u2E87': '几',
  '\u2E89': '刂',
  '\u2E8A': '卜',
  '\u2E8B': '㔾',
  '\u2E8C': '小',
  '\u2E8D': '小',
  '\u2E8E': '兀',
  '\u2E8F': '尣',
  '\u2E90': '尢',
  '\u2E91': '𡯂',
  '\u2E92': '巳',
  '\u2E93': '幺',
  '\u2E94': '彑',
  '\u2E96': '忄',
  '\u2E97': '㣺',
  '\u2E98': '扌',
  '\u2E99': '攵',
  '\u2E9B': '旡',
  '\u2E9C': '日',
  '\u2E9D': '月',
  '\u2E9E': '歺',
  '\u2E9F': '母',
  '\u2EA0': '民',
  '\u2EA1': '氵',
  '\u2EA2': '氺',
  '\u2EA3': '灬',
  '\u2EA4': '爫',
  '\u2EA5': '爫',
  '\u2EA6': '丬',
  '\u2EA7': '牛',
  '\u2EA8': '犭',
  '\u2EA9': '王',
  '\u2EAA': '疋',
  '\u2EAB': '罒',
  '\u2EAC': '示',
  '\u2EAD': '礻',
  '\u2EAE': '竹',
  '\u2EAF': '糸',
  '\u2EB0': '纟',
  '\u2EB2': '罒',
  '\u2EB3': '罒',
  '\u2EB4': '罓',
  '\u2EB5': '罓',
  '\u2EB6': '羊',
  '\u2EB7': '羊',
  '\u2EB9': '耂',
  '\u2EBA': '肀',
  '\u2EBB': '聿',
  '\u2EBC': '月',
  '\u2EBD': '臼',
  '\u2EBE': '艹',
  '\u2EBF': '艹',
  '\u2EC0': '艹',
  '\u2EC1': '虎',
  '\u2EC2': '衤',
  '\u2EC3': '覀',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC7': '角',
  '\u2EC8': '讠',
  '\u2EC9': '贝',
  '\u2ECA': '足',
  '\u2ECB': '车',
  '\u2ECC': '辶',
  '\u2ECD': '辶',
  '\u2ECE': '辶',
  '\u2ECF': '阝',
  '\u2ED0': '钅',
  '\u2ED1': '長',
  '\u2ED2': '镸',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2ED5': '阜',
  '\u2ED6': '阝',
  '\u2ED7': '雨',
  '\u2ED8': '青',
  '\u2ED9': '韦',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDC': '飞',
  '\u2EDD': '食',
  '\u2EDE': '𩙿',
  '\u2EDF': '飠',
  '\u2EE0': '饣',
  '\u2EE1': '首',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE7': '卤',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEA': '黾',
  '\u2EEB': '斉',
  '\u2EEC': '齐',
  '\u2EED': '歯',
  '\u2EEE': '齿',
  '\u2EEF': '竜',
  '\u2EF0': '龙',
  '\u2EF1': '龜',
  '\u2EF2': '亀',
  '\u2EF3': '龟',
};

/** Replaces CJK Radicals Supplement code points by their unified ideographs. */
export function mapCjkRadicals(text: string): string {
  return text.replace(/[\u2E80-\u2EFF]/gu, (ch) => CJK_RADICAL_SUPPLEMENT[ch] ?? ch);
}
