/**
 * Deadlines a notice sets its readers (请于6月底之前报…, 于X月X日前报送, 收到后15日内): when, what to send,
 * and to whom, so filing the notice can offer a task with a due date. Absolute dates take their year from
 * the notice (成文日期, else the 文号 year); a month earlier than the signing month means the next year.
 */
import { parseChineseNumber, toIso } from './dates';
import { compact } from './ocr-chars';

export interface Deadline {
  /** ISO date, null when it runs from an event the notice cannot know (收到后15日内). */
  readonly due: string | null;
  /** The deadline as written (6月底之前, 收到后15日内). */
  readonly dueText: string;
  /** What is to be sent or done (学习宣传阶段性情况), null when the sentence does not say. */
  readonly task: string | null;
  /** The body to report to (国家信访局研究室), null when not named. */
  readonly reportTo: string | null;
  /** For relative deadlines: the number of days and their unit. */
  readonly withinDays: number | null;
  readonly unit: '日' | '工作日' | null;
}

const NUM = '(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})';
/** An absolute deadline: 6月底之前, 3月4日下午4:00前, 2019年7月10日前, 六月中旬前. */
const ABSOLUTE = new RegExp(
  `(?:(?<y>[0-9]{4})年)?(?<m>${NUM})月(?:(?<d>${NUM})日|(?<part>底|末|上旬|中旬|下旬|份))?` +
    `(?:[上下]午)?(?:[0-9]{1,2}[:：][0-9]{2}|[0-9]{1,2}时)?(?:之前|以前|前)`,
  'gu',
);
/** A relative deadline: 收到后15日内, 收到本通知之日起十个工作日内. */
const RELATIVE = new RegExp(
  `收到(?:本|该|此)?(?:通知|文件|函|意见书|告知书|材料)?(?:之日)?(?:后|起)(?<n>[0-9]{1,3}|[一二三四五六七八九十]{1,3})(?:个)?(?<unit>工作日|日|天)(?:内|之内|以内)`,
  'gu',
);
/** The verb that hands something over, and the recipient after it. */
const REPORT =
  /(?:报送|上报|呈报|报给|报至|报到|送交|送至|提交|反馈|报)(?:至|给|到)?(?<to>[^，。；,;]{2,30}?)(?=[，。；,;]|审定|备案|汇总|$)/u;

/** The year a month belongs to: the notice's year, or the next one when the month is already past. */
function yearFor(month: number, ref: { year: number; month: number } | null): number | null {
  if (!ref) return null;
  return month < ref.month ? ref.year + 1 : ref.year;
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function toNumber(s: string): number | null {
  return /^[0-9]+$/.test(s) ? Number(s) : parseChineseNumber(s);
}

/** The recipient a sentence names after its 报 / 报送 verb, trimmed of what follows the body name. */
function reportTarget(clause: string): { to: string | null; verbAt: number } {
  const m = REPORT.exec(clause);
  if (!m?.groups || m.index === undefined) return { to: null, verbAt: -1 };
  let to = m.groups.to.replace(/^(?:各|我|本)(?=[局委办厅])/u, '');
  // A recipient is a body name, not an object phrase (报送材料): it has no 的 / 情况 / 材料 in it.
  if (/的|情况|材料|名单|总结|报告|意见|建议/.test(to)) to = '';
  return { to: to.length >= 2 ? to : null, verbAt: m.index };
}

/**
 * The object of the sentence: what 将 / 把 introduces before the verb (also before the date: 将名单于3月4日前报…),
 * else what follows 报送, else the action itself (前完成自查).
 */
function taskOf(lead: string, clause: string, verbAt: number): string | null {
  const before = verbAt >= 0 ? clause.slice(0, verbAt) : '';
  const jiang = /[将把](?<what>.{2,40})$/u.exec(before) ?? /[将把](?<what>[^，,]{2,40}?)(?:[于在])$/u.exec(lead);
  if (jiang?.groups) return jiang.groups.what;
  const after = /(?:报送|上报|提交|反馈)(?<what>[^，。；,;]{2,40})/u.exec(clause);
  if (after?.groups && !/^(至|给|到)/.test(after.groups.what)) return after.groups.what;
  if (verbAt < 0) {
    const action = /^(?<what>[^，。；,;]{2,40})/u.exec(clause);
    if (action?.groups) return action.groups.what;
  }
  return null;
}

/**
 * Every deadline in the body of a notice. `ref` is the notice's year and month (from its 成文日期 or
 * 文号) for dates written without a year.
 */
export function findDeadlines(text: string, ref: { year: number; month: number } | null = null): Deadline[] {
  // Line and page breaks fall anywhere inside a sentence (报国 / 家信访局研究室).
  const flat = compact(text);
  const out: Deadline[] = [];
  const sentences = flat.match(/[^。；！？]+[。；！？]?/gu) ?? [];
  for (const sentence of sentences) {
    for (const m of sentence.matchAll(ABSOLUTE)) {
      const g = m.groups ?? {};
      const month = toNumber(g.m ?? '');
      if (month === null || month < 1 || month > 12) continue;
      // A date in the past tense (已于3月5日前完成) or a plain date range is not a deadline.
      const lead = sentence.slice(0, m.index ?? 0);
      if (/已$|已于$|曾于$/.test(lead)) continue;
      const rest = sentence.slice((m.index ?? 0) + m[0].length);
      const { to, verbAt } = reportTarget(rest);
      // Without a handing-over verb or a 完成 / 办结 the date is no deadline (…前后, 3月前的情况).
      if (verbAt < 0 && !/完成|办结|落实|报|送|提交|反馈|答复/.test(rest)) continue;
      const year = g.y ? Number(g.y) : yearFor(month, ref);
      let due: string | null = null;
      if (year !== null) {
        const day = g.d ? toNumber(g.d) : null;
        if (day !== null) due = toIso(year, month, day);
        else if (g.part === '上旬') due = toIso(year, month, 10);
        else if (g.part === '中旬') due = toIso(year, month, 20);
        else due = toIso(year, month, lastDay(year, month));
      }
      out.push({ due, dueText: m[0], task: taskOf(lead, rest, verbAt), reportTo: to, withinDays: null, unit: null });
    }
    for (const m of sentence.matchAll(RELATIVE)) {
      const g = m.groups ?? {};
      const n = toNumber(g.n ?? '');
      if (n === null) continue;
      const lead = sentence.slice(0, m.index ?? 0);
      const rest = sentence.slice((m.index ?? 0) + m[0].length);
      const { to, verbAt } = reportTarget(rest);
      out.push({
        due: null,
        dueText: m[0],
        task: taskOf(lead, rest, verbAt),
        reportTo: to,
        withinDays: n,
        unit: g.unit === '工作日' ? '工作日' : '日',
      });
    }
  }
  return out;
}
