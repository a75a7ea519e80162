import type { RetentionPeriod } from './archive-number';

/** A suggested 保管期限 and why (Chinese, shown beside the editable field). */
export interface RetentionSuggestion {
  readonly retention: RetentionPeriod;
  readonly reason: string;
}

/** 文种 whose documents set rules or record decisions: kept permanently (国家档案局令第8号, 第八条的重要文件). */
const LASTING = new Set(['决议', '决定', '命令', '令', '公报', '条例', '规定', '办法', '规划', '纪要', '议案']);
/** 文种 of ordinary business between offices: 30 years when they concern our own work. */
const BUSINESS = new Set(['意见', '通知', '通报', '报告', '请示', '批复', '函', '公告', '通告', '方案']);

/**
 * Suggests a 保管期限 from the 文种 and who issued the document: rules and decisions, and the office's own
 * important documents, permanently; business documents 30 years; routine notices from bodies outside the
 * office's line (抄送、周知) 10 years. Always editable: the archivist decides.
 */
export function suggestRetention(input: {
  readonly docType: string | null;
  readonly issuingBodies: readonly string[];
  /** The office's own name(s): its own documents weigh more. */
  readonly ownBodies?: readonly string[];
  readonly title?: string | null;
}): RetentionSuggestion {
  const type = input.docType ?? '';
  const own = (input.ownBodies ?? []).some((o) => input.issuingBodies.some((b) => b === o));
  if (LASTING.has(type)) return { retention: '永久', reason: `${type}属于规范性或决策性文件，建议永久保存` };
  if (own && BUSINESS.has(type)) return { retention: '永久', reason: `本机关制发的${type}，建议永久保存` };
  if (/表彰|奖励|任免|机构设置|编制|重大/.test(input.title ?? ''))
    return { retention: '永久', reason: '标题涉及表彰、任免、机构编制或重大事项，建议永久保存' };
  if (BUSINESS.has(type)) return { retention: '定期30年', reason: `来文${type}，需要贯彻执行或答复，建议定期30年` };
  return { retention: '定期10年', reason: type ? `一般性${type}，建议定期10年` : '未识别文种，建议定期10年，请核对' };
}
