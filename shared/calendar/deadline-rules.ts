/**
 * The statutory time limits of 《信访工作条例》(2022), a typed copy of `../shared/reference/deadlines.json` (rules
 * only, same ids and fields). Generated, not hand-edited: tests/unit/shared/calendar/deadline-rules.test.ts fails
 * when the two drift apart. `unit` is how the 条例 words the period: 'day' = 日, 'workday' = 工作日.
 */

/** How the regulation states the period; the two unspecified kinds need the number of days from the user. */
export type DeadlineRuleUnit = 'day' | 'workday' | 'as_specified_by_assigner' | 'not_specified_in_2022';

/** One time limit as written in deadlines.json (snake_case kept so a user-supplied file of that shape loads as is). */
export interface DeadlineRule {
  readonly id: string;
  readonly actor: string;
  readonly trigger: string;
  readonly action: string;
  readonly days: number | null;
  readonly unit: DeadlineRuleUnit;
  /** The event the period runs from (自…之日起). */
  readonly start?: string;
  readonly article_2022: string;
  readonly article_2005: string | null;
  readonly quote?: string;
  readonly exception?: string;
  /** Time the 条例 leaves out of the period (听证所需时间). */
  readonly excluded_time?: string;
  /** True when `days` is a ceiling the office chooses under (延长期限不得超过30日). */
  readonly max?: boolean;
}

export const DEADLINE_RULES = [
  {
    id: 'register_and_route',
    actor: '各级党委和政府信访部门',
    trigger: '收到信访事项',
    action: '登记，并转送/交办/报请决定',
    days: 15,
    unit: 'day',
    start: '收到信访事项',
    article_2022: '第二十二条第一款',
    article_2005: '第二十一条第一款 (县级以上人民政府信访工作机构, 15日)',
    quote: '各级党委和政府信访部门收到信访事项，应当予以登记，并区分情况，在15日内分别按照下列方式处理',
  },
  {
    id: 'notify_direct_petition',
    actor: '信访部门以外的其他机关、单位',
    trigger: '信访人直接提出的信访事项',
    action: '书面告知（能当场告知的当场书面告知）',
    days: 15,
    unit: 'day',
    start: '收到信访事项',
    exception: '信访人的姓名（名称）、住址不清的除外',
    article_2022: '第二十三条第二款',
    article_2005: '第二十二条第二款 (当场书面答复是否受理；不能当场的15日内书面告知)',
  },
  {
    id: 'notify_after_transfer',
    actor: '收到转送、交办件的有权处理机关、单位',
    trigger: '收到信访部门或本系统上级转送、交办的信访事项（属于本机关职权范围）',
    action: '书面告知信访人接收情况以及处理途径和程序',
    days: 15,
    unit: 'day',
    start: '收到转送、交办',
    article_2022: '第二十三条第三款',
    article_2005:
      '第二十一条第二款 (自收到转送、交办之日起15日内决定是否受理并书面告知信访人，并按要求通报信访工作机构)',
  },
  {
    id: 'object_to_misrouting',
    actor: '收到转送、交办件的机关、单位',
    trigger: '转送、交办的信访事项不属于本机关、单位或本系统职权范围',
    action: '提出异议并详细说明理由；经转送、交办方核实同意后交还材料',
    days: 5,
    unit: 'workday',
    start: '收到转送、交办',
    article_2022: '第二十三条第三款',
    article_2005: null,
  },
  {
    id: 'assigned_report_back',
    actor: '被交办的有权处理机关、单位',
    trigger: '信访部门交办（对转送信访事项中的重要情况需要反馈办理结果的）',
    action: '在指定办理期限内反馈结果，提交办结报告',
    days: null,
    unit: 'as_specified_by_assigner',
    start: '交办',
    article_2022: '第二十二条第一款第（三）项',
    article_2005: '第二十一条第一款第（四）项',
  },
  {
    id: 'handle_and_reply',
    actor: '有权处理的机关、单位',
    trigger: '申诉求决类事项中按第三十一条第六项办理的（出具信访处理意见书的）',
    action: '办结（出具信访处理意见书并书面答复）',
    days: 60,
    unit: 'day',
    start: '受理',
    article_2022: '第三十四条 (scope: 第三十一条第六项)',
    article_2005: '第三十三条 (all 信访事项; 法律、行政法规另有规定的从其规定)',
  },
  {
    id: 'handle_extension',
    actor: '有权处理的机关、单位',
    trigger: '情况复杂',
    action: '经本机关、单位负责人批准延长办理期限，并告知信访人延期理由',
    days: 30,
    unit: 'day',
    max: true,
    start: '原60日期限届满（延长期限不得超过30日）',
    article_2022: '第三十四条',
    article_2005: '第三十三条',
  },
  {
    id: 'review_request_window',
    actor: '信访人',
    trigger: '对信访处理意见不服',
    action: '请求原办理机关、单位的上一级机关、单位复查',
    days: 30,
    unit: 'day',
    start: '收到书面答复',
    article_2022: '第三十五条',
    article_2005: '第三十四条',
  },
  {
    id: 'review_decision',
    actor: '复查机关、单位',
    trigger: '收到复查请求',
    action: '提出复查意见，并予以书面答复',
    days: 30,
    unit: 'day',
    start: '收到复查请求',
    article_2022: '第三十五条',
    article_2005: '第三十四条',
  },
  {
    id: 'recheck_request_window',
    actor: '信访人',
    trigger: '对复查意见不服',
    action: '向复查机关、单位的上一级机关、单位请求复核',
    days: 30,
    unit: 'day',
    start: '收到书面答复（复查意见）',
    article_2022: '第三十六条第一款',
    article_2005: '第三十五条第一款',
  },
  {
    id: 'recheck_decision',
    actor: '复核机关、单位',
    trigger: '收到复核请求',
    action: '提出复核意见（可听证；听证时间不计入）',
    days: 30,
    unit: 'day',
    start: '收到复核请求',
    excluded_time: '听证所需时间',
    article_2022: '第三十六条第一、二款',
    article_2005: '第三十五条',
  },
  {
    id: 'improvement_suggestion_feedback',
    actor: '收到信访部门改进工作、完善政策、追究责任建议的机关、单位',
    trigger: '收到建议',
    action: '书面反馈采纳情况',
    days: null,
    unit: 'not_specified_in_2022',
    article_2022: '第四十条第四款',
    article_2005: '第三十六条第二款 (收到改进建议的行政机关应当在30日内书面反馈情况；未采纳的说明理由)',
  },
] as const satisfies readonly DeadlineRule[];

/** The stable rule ids, shared with the CLI's `deadline --rule`. */
export type DeadlineRuleId = (typeof DEADLINE_RULES)[number]['id'];

/** Every rule id, in the order of deadlines.json. */
export const DEADLINE_RULE_IDS: readonly DeadlineRuleId[] = DEADLINE_RULES.map((r) => r.id);
