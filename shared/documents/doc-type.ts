/**
 * 文种: a 公文 title ends with one of the 15 法定文种 (GB/T 9704 7.3.1: 发文机关 + 事由 + 文种).
 * Read from the end of the title; where OCR damaged that end, repair it from what the body says
 * (现批复如下, 特此函复 …).
 */
import { LEGAL_DOC_TYPES } from './fields';

/** Title endings that name a 文种 and the 法定文种 they belong to (复函 is a 函). */
const ENDINGS: readonly (readonly [string, string])[] = [
  ...LEGAL_DOC_TYPES.filter((t) => t.length > 1).map((t) => [t, t] as const),
  ['复函', '函'],
  ['函', '函'],
];

/** Endings of 信访 forms and other documents that are not 法定文种 (告知书, 意见书, 交办单, 回执 …). */
const NOT_A_LEGAL_TYPE = /(书|单|表|证|卡|回执|清单|名单|目录|登记簿)$/;

/** Glyphs tesseract returns for 函, the one single-character 文种 (also at the end of 机关代字 such as 国办函). */
export const HAN_LOOKALIKES = '涵困围画冰凶图丽幽区菌力';

/** Body phrases that only one 文种 uses. */
const BODY_CUES: readonly (readonly [RegExp, string])[] = [
  [/(现|特此)批复|批复如下/, '批复'],
  [/函复如下|特此函(复|告|达)|请(予)?函复|现函告|函询/, '函'],
  [/(现|特)此?通知|通知如下/, '通知'],
  [/特此通报|通报如下/, '通报'],
  [/特此报告|报告如下/, '报告'],
  [/妥否.{0,3}请(批示|审批|示)|请予(批准|审批)/, '请示'],
  [/提请审议/, '议案'],
  [/特此公告/, '公告'],
  [/特此通告/, '通告'],
  [/决定如下|作出如下决定|特作此决定/, '决定'],
  [/提出(如下|以下)意见/, '意见'],
];

/** The 法定文种 a clean title ends with, or null (not a 法定文种, or the end is unreadable). */
export function docTypeFromTitle(title: string): string | null {
  if (NOT_A_LEGAL_TYPE.test(title)) return null;
  for (const [ending, type] of ENDINGS) if (title.endsWith(ending)) return type;
  return null;
}

/** The 文种 the body's wording points to, when exactly one does. */
export function docTypeFromBody(body: string): string | null {
  const hits = new Set<string>();
  for (const [re, type] of BODY_CUES) if (re.test(body)) hits.add(type);
  return hits.size === 1 ? [...hits][0] : null;
}

/**
 * Repairs the 文种 at the end of an OCR title (`complete` says the title now ends with one): the last two characters one glyph away from a two-character
 * 文种 (指导全见 → 指导意见, 复围 → 复函), or a lone unreadable character after 的 (the only one-character 文种 is 函).
 * Ambiguous repairs (…X告: 报告 / 公告 / 通告) are settled by the body's wording, else left alone.
 */
export function repairTitleEnding(
  title: string,
  body = '',
): { title: string; docType: string | null; complete: boolean } {
  const exact = docTypeFromTitle(title);
  if (exact || NOT_A_LEGAL_TYPE.test(title)) return { title, docType: exact, complete: true };
  const chars = [...title];
  if (chars.length < 3) return { title, docType: null, complete: false };
  const last2 = chars.slice(-2);
  const options = new Map<string, string>();
  for (const [ending, type] of ENDINGS) {
    const e = [...ending];
    if (e.length !== 2) continue;
    const diff = e.filter((c, i) => c !== last2[i]).length;
    if (diff === 1) options.set(ending, type);
  }
  // 印发, 转发 and 批转 are always done by 通知; otherwise the body's wording decides.
  const cue = /印发|转发|批转/.test(title) ? '通知' : docTypeFromBody(body);
  let chosen: string | null = null;
  if (options.size === 1) chosen = [...options.keys()][0];
  else if (options.size > 1 && cue) chosen = [...options].find(([, t]) => t === cue)?.[0] ?? null;
  if (chosen)
    return { title: chars.slice(0, -2).join('') + chosen, docType: options.get(chosen) ?? null, complete: true };
  const last = chars[chars.length - 1];
  if (chars[chars.length - 2] === '的' || chars[chars.length - 2] === '复') {
    // A line cut after the first character of the 文种 (…的通 → 通知 / 通报 / 通告).
    const starts = ENDINGS.filter(([e]) => e.length === 2 && e[0] === last && e !== '复函');
    const pick = starts.length === 1 ? starts[0] : starts.find(([, t]) => t === cue);
    if (pick) return { title: title + pick[0].slice(1), docType: pick[1], complete: true };
    // 函 read as a look-alike glyph (…的复围, …的冰).
    if (HAN_LOOKALIKES.includes(last) && (cue === null || cue === '函')) {
      return { title: chars.slice(0, -1).join('') + '函', docType: '函', complete: true };
    }
  }
  // The end is unreadable: the 文种 comes from the wording, the title stays as read.
  return { title, docType: cue, complete: false };
}
