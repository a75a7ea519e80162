/**
 * The 信访件 workflow as an explicit state machine:
 * 登记 → 转送 / 交办 / 本机关受理 / 不予受理 / 转纪检监察 / 导入法定程序 (/ 异议 for items sent down) → 告知
 * → 办理 (延期 + 延期告知) → 意见书 → 送达 → 复查 → 意见 → 送达 → 复核 (听证) → 意见 → 送达 → 办结.
 * State is a fold over the event history; `applyEvent` either returns the next state or a coded error naming the
 * steps that are allowed now. Corrections are events too, and a correction that would make the rest of the history
 * impossible is refused.
 */
import { isIsoDate, type IsoDate } from '../calendar/iso-date';
import type {
  CaseCategory,
  CaseEvent,
  CaseSource,
  CorrectEvent,
  OfficeKind,
  OpinionLevel,
  OpinionOutcome,
  RecordedEvent,
  RegisterEvent,
  StepEvent,
  StepType,
} from './case-events';

export type * from './case-events';

export type CaseStage =
  | 'registered'
  | 'routed'
  | 'handling'
  | 'opinion_issued'
  | 'served'
  | 'under_review'
  | 'under_recheck'
  | 'awaiting_close'
  | 'closed';

/** How the case left the 登记 stage. */
export type CaseRoute = 'transfer' | 'assign' | 'accept' | 'decline' | 'refer_discipline' | 'divert' | 'object';

export interface Opinion {
  readonly eventId: string;
  readonly level: OpinionLevel;
  readonly outcome: OpinionOutcome;
  readonly issuedOn: IsoDate;
  readonly servedOn: IsoDate | null;
  readonly servedEventId: string | null;
}

export interface Hearing {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}

export interface CaseState {
  readonly stage: CaseStage;
  readonly officeKind: OfficeKind;
  readonly source: CaseSource;
  readonly category: CaseCategory;
  readonly receivedOn: IsoDate;
  readonly registeredOn: IsoDate;
  readonly registerEventId: string;
  readonly route: CaseRoute | null;
  readonly routedOn: IsoDate | null;
  readonly routeEventId: string | null;
  readonly notifiedOn: IsoDate | null;
  /** 受理之日 (第三十四条 60 日 runs from it): the 受理 event, or for 转送/交办 the 受理告知 recorded afterwards. */
  readonly acceptedOn: IsoDate | null;
  readonly acceptedEventId: string | null;
  readonly reportDueOn: IsoDate | null;
  readonly reportReceivedOn: IsoDate | null;
  /** Approved 延期 days in total (第三十四条: at most 30). */
  readonly extensionDays: number;
  /** 延期 approved but the petitioner not yet told why (第三十四条 requires telling). */
  readonly extensionPendingNotice: boolean;
  /** Every opinion issued, in order; the last one is the current one. */
  readonly opinions: readonly Opinion[];
  readonly reviewRequestedOn: IsoDate | null;
  readonly reviewEventId: string | null;
  readonly recheckRequestedOn: IsoDate | null;
  readonly recheckEventId: string | null;
  /** 复核 hearings; their days do not count (第三十六条第二款). */
  readonly hearings: readonly Hearing[];
  readonly closedOn: IsoDate | null;
  /** The date of the latest effective event: a new step cannot be dated earlier. */
  readonly lastDate: IsoDate;
  /** Everything ever recorded, corrections included, in recording order. */
  readonly history: readonly CaseEvent[];
}

/** Stable codes the UI, the CLI and tests match on (to be merged into shared/errors' ERROR_CODES). */
export const CASE_ERROR_CODES = [
  'case.step_out_of_order',
  'case.not_registered',
  'case.invalid_date',
  'case.date_before_previous',
  'case.date_in_future',
  'case.field_required',
  'case.duplicate_event_id',
  'case.extension_too_long',
  'case.extension_not_notified',
  'case.objection_not_allowed',
  'case.hearing_open',
  'case.report_missing',
  'case.correction_target_missing',
  'case.correction_not_allowed',
  'case.correction_type_mismatch',
  'case.correction_breaks_history',
] as const;

export type CaseErrorCode = (typeof CASE_ERROR_CODES)[number];

export interface CaseError {
  readonly code: CaseErrorCode;
  readonly message: string;
  /** The steps allowed in the current state, for the UI's buttons. */
  readonly allowed: readonly StepType[];
}

export type CaseResult =
  { readonly ok: true; readonly state: CaseState } | { readonly ok: false; readonly error: CaseError };

export interface ApplyOptions {
  /** Today's date: when given, steps dated later are refused (a 收到日期 in the future is a typo). */
  readonly today?: IsoDate;
}

/** 第三十四条: the extension may not exceed 30 days. */
export const MAX_EXTENSION_DAYS = 30;

export const STAGE_LABELS: Readonly<Record<CaseStage, string>> = {
  registered: '已登记，待分流处理',
  routed: '已分流，待告知信访人',
  handling: '办理中',
  opinion_issued: '意见已出具，待送达',
  served: '已送达',
  under_review: '复查中',
  under_recheck: '复核中',
  awaiting_close: '待办结',
  closed: '已办结',
};

const OPINION_LABELS: Readonly<Record<OpinionLevel, string>> = {
  handling: '出具信访处理意见书',
  review: '出具复查意见',
  recheck: '出具复核意见',
};

const NOTIFY_LABELS: Readonly<Record<CaseRoute, string>> = {
  accept: '受理告知',
  transfer: '受理告知',
  assign: '受理告知',
  decline: '不予受理告知',
  refer_discipline: '告知转送去向',
  divert: '告知处理途径',
  object: '告知',
};

/** The Chinese name of a step; some depend on where the case stands (告知 after 不予受理 is a 不予受理告知). */
export function stepLabel(type: StepType | 'register' | 'correct', state?: CaseState): string {
  switch (type) {
    case 'notify':
      return state?.route ? NOTIFY_LABELS[state.route] : '书面告知信访人';
    case 'issue_opinion':
      return OPINION_LABELS[state ? opinionLevelFor(state) : 'handling'];
    default:
      return BASE_LABELS[type];
  }
}

const BASE_LABELS: Readonly<Record<Exclude<StepType, 'notify' | 'issue_opinion'> | 'register' | 'correct', string>> = {
  register: '登记',
  transfer: '转送',
  assign: '交办',
  accept: '本机关受理',
  decline: '不予受理',
  refer_discipline: '转纪检监察机关',
  divert: '导入诉讼、仲裁、复议等法定程序',
  object: '提出异议（不属本机关职权范围）',
  extend: '延期（经负责人批准）',
  notify_extension: '延期告知',
  serve: '送达',
  request_review: '收到复查请求',
  request_recheck: '收到复核请求',
  hearing_start: '听证开始',
  hearing_end: '听证结束',
  receive_report: '收到办结报告',
  close: '办结',
  correct: '更正',
};

const currentOpinion = (s: CaseState): Opinion | null => s.opinions.at(-1) ?? null;
const openHearing = (s: CaseState): boolean => s.hearings.some((h) => h.to === null);
const opinionLevelFor = (s: CaseState): OpinionLevel =>
  s.stage === 'under_review' ? 'review' : s.stage === 'under_recheck' ? 'recheck' : 'handling';
/** A served opinion of this level is the latest one, so the petitioner may take the next 层级. */
const servedAt = (s: CaseState, level: OpinionLevel): boolean => {
  const o = currentOpinion(s);
  return o !== null && o.level === level && o.servedOn !== null;
};

/** Which states each step may start from: the single table behind both the errors and the UI's buttons. */
const ALLOWED_FROM: Readonly<Record<StepType, (s: CaseState) => boolean>> = {
  transfer: (s) => s.stage === 'registered',
  assign: (s) => s.stage === 'registered',
  accept: (s) => s.stage === 'registered',
  decline: (s) => s.stage === 'registered',
  refer_discipline: (s) => s.stage === 'registered',
  divert: (s) => s.stage === 'registered',
  object: (s) => s.stage === 'registered' && s.source !== 'direct',
  notify: (s) => s.stage === 'routed',
  extend: (s) => s.stage === 'handling' && !s.extensionPendingNotice && s.extensionDays < MAX_EXTENSION_DAYS,
  notify_extension: (s) => s.stage === 'handling' && s.extensionPendingNotice,
  issue_opinion: (s) =>
    (s.stage === 'handling' && !s.extensionPendingNotice) ||
    s.stage === 'under_review' ||
    (s.stage === 'under_recheck' && !openHearing(s)),
  serve: (s) => s.stage === 'opinion_issued',
  request_review: (s) => (s.stage === 'served' || s.stage === 'closed') && servedAt(s, 'handling'),
  request_recheck: (s) => (s.stage === 'served' || s.stage === 'closed') && servedAt(s, 'review'),
  hearing_start: (s) => s.stage === 'under_recheck' && !openHearing(s),
  hearing_end: (s) => s.stage === 'under_recheck' && openHearing(s),
  receive_report: (s) => s.route === 'assign' && s.reportReceivedOn === null && s.stage !== 'closed',
  close: (s) =>
    (s.stage === 'served' || s.stage === 'awaiting_close') && (s.route !== 'assign' || s.reportReceivedOn !== null),
};

const STEP_TYPES = Object.keys(ALLOWED_FROM) as StepType[];

/** The steps that may be recorded now, in workflow order. */
export function allowedNextSteps(state: CaseState): readonly StepType[] {
  return STEP_TYPES.filter((t) => ALLOWED_FROM[t](state));
}

const err = (code: CaseErrorCode, message: string, state: CaseState | null): CaseResult => ({
  ok: false,
  error: { code, message, allowed: state ? allowedNextSteps(state) : [] },
});

const listAllowed = (s: CaseState): string => {
  const steps = allowedNextSteps(s).map((t) => `「${stepLabel(t, s)}」`);
  return steps.length
    ? `现在可以进行：${steps.join('、')}。`
    : '现在没有可进行的步骤（可以用更正撤销或修改已登记的步骤）。';
};

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';

function checkDate(state: CaseState | null, event: RecordedEvent, options: ApplyOptions): CaseResult | null {
  const dates: [string, unknown][] = [['日期', event.on]];
  if (event.type === 'register') dates.push(['收到日期', event.receivedOn]);
  if (event.type === 'assign') dates.push(['交办期限', event.reportDueOn]);
  for (const [what, d] of dates) {
    if (!isIsoDate(d))
      return err(
        'case.invalid_date',
        `「${stepLabel(event.type, state ?? undefined)}」的${what}「${String(d)}」无效，应写成 YYYY-MM-DD。`,
        state,
      );
    if (options.today && d > options.today && what !== '交办期限') {
      return err(
        'case.date_in_future',
        `「${stepLabel(event.type, state ?? undefined)}」的${what} ${d} 晚于今天（${options.today}），请核对。`,
        state,
      );
    }
  }
  if (event.type === 'register' && event.receivedOn > event.on) {
    return err(
      'case.date_before_previous',
      `收到日期 ${event.receivedOn} 晚于登记日期 ${event.on}：应先收到、后登记。`,
      state,
    );
  }
  if (state && event.on < state.lastDate) {
    return err(
      'case.date_before_previous',
      `「${stepLabel(event.type, state)}」的日期 ${event.on} 早于上一步的日期 ${state.lastDate}。如果上一步日期记错了，请用更正修改它。`,
      state,
    );
  }
  if (event.type === 'assign' && event.reportDueOn <= event.on) {
    return err('case.invalid_date', `交办期限 ${event.reportDueOn} 应晚于交办日期 ${event.on}。`, state);
  }
  return null;
}

function openCaseState(e: RegisterEvent): CaseState {
  return {
    stage: 'registered',
    officeKind: e.officeKind,
    source: e.source,
    category: e.category,
    receivedOn: e.receivedOn,
    registeredOn: e.on,
    registerEventId: e.id,
    route: null,
    routedOn: null,
    routeEventId: null,
    notifiedOn: null,
    acceptedOn: null,
    acceptedEventId: null,
    reportDueOn: null,
    reportReceivedOn: null,
    extensionDays: 0,
    extensionPendingNotice: false,
    opinions: [],
    reviewRequestedOn: null,
    reviewEventId: null,
    recheckRequestedOn: null,
    recheckEventId: null,
    hearings: [],
    closedOn: null,
    lastDate: e.on,
    history: [],
  };
}

/** One effective step on an effective state; `history` is left to the caller. */
function transition(s: CaseState, e: StepEvent): CaseResult {
  if (!ALLOWED_FROM[e.type](s)) {
    if (e.type === 'object' && s.stage === 'registered') {
      return err(
        'case.objection_not_allowed',
        '只有上级转送、交办来的信访事项才能提出异议（第二十三条第三款）；信访人直接提出的，请选择不予受理并告知。',
        s,
      );
    }
    if (e.type === 'issue_opinion' && s.stage === 'handling' && s.extensionPendingNotice) {
      return err(
        'case.extension_not_notified',
        '已批准延期，但还没有记录延期告知：第三十四条要求告知信访人延期理由。请先记录「延期告知」。',
        s,
      );
    }
    if (e.type === 'issue_opinion' && s.stage === 'under_recheck' && openHearing(s)) {
      return err('case.hearing_open', '听证尚未结束：请先记录「听证结束」，再出具复核意见。', s);
    }
    if (
      e.type === 'close' &&
      s.route === 'assign' &&
      s.reportReceivedOn === null &&
      (s.stage === 'served' || s.stage === 'awaiting_close')
    ) {
      return err(
        'case.report_missing',
        '交办件办结前须收到承办单位的办结报告（第二十二条第一款第三项）：请先记录「收到办结报告」。',
        s,
      );
    }
    if (e.type === 'extend' && s.stage === 'handling' && s.extensionDays >= MAX_EXTENSION_DAYS) {
      return err(
        'case.extension_too_long',
        `已延期 ${s.extensionDays} 日，延长期限合计不得超过 ${MAX_EXTENSION_DAYS} 日（第三十四条）。`,
        s,
      );
    }
    return err(
      'case.step_out_of_order',
      `当前状态为「${STAGE_LABELS[s.stage]}」，不能进行「${stepLabel(e.type, s)}」。${listAllowed(s)}`,
      s,
    );
  }
  const at = { lastDate: e.on };
  const route = (route: CaseRoute, extra: Partial<CaseState> = {}): CaseResult => ({
    ok: true,
    state: {
      ...s,
      ...at,
      stage: route === 'object' ? 'awaiting_close' : 'routed',
      route,
      routedOn: e.on,
      routeEventId: e.id,
      ...extra,
    },
  });
  const required = (value: string, what: string): CaseResult | null =>
    blank(value) ? err('case.field_required', `「${stepLabel(e.type, s)}」须填写${what}。`, s) : null;

  switch (e.type) {
    case 'transfer':
      return required(e.to, '转送的机关、单位') ?? route('transfer');
    case 'assign':
      return required(e.to, '交办的机关、单位') ?? route('assign', { reportDueOn: e.reportDueOn });
    case 'accept':
      return route('accept', { acceptedOn: e.on, acceptedEventId: e.id });
    case 'decline':
      return required(e.reason, '不予受理的理由') ?? route('decline');
    case 'refer_discipline':
      return required(e.to, '接收的纪检监察机关') ?? route('refer_discipline');
    case 'divert':
      return required(e.to, '导入的程序或机关') ?? route('divert');
    case 'object':
      return required(e.reason, '异议的详细理由（第二十三条第三款）') ?? route('object');
    case 'notify': {
      const handles = s.route === 'accept' || s.route === 'transfer' || s.route === 'assign';
      const accepted = s.acceptedOn === null && handles ? { acceptedOn: e.on, acceptedEventId: e.id } : {};
      return {
        ok: true,
        state: { ...s, ...at, ...accepted, stage: handles ? 'handling' : 'awaiting_close', notifiedOn: e.on },
      };
    }
    case 'extend': {
      const missing = required(e.approvedBy, '批准延期的负责人') ?? required(e.reason, '延期理由');
      if (missing) return missing;
      if (!Number.isInteger(e.days) || e.days < 1) return err('case.field_required', '延期天数须是正整数。', s);
      if (s.extensionDays + e.days > MAX_EXTENSION_DAYS) {
        return err(
          'case.extension_too_long',
          `延长期限合计不得超过 ${MAX_EXTENSION_DAYS} 日（第三十四条）：已延期 ${s.extensionDays} 日，最多还能延期 ${MAX_EXTENSION_DAYS - s.extensionDays} 日。`,
          s,
        );
      }
      return {
        ok: true,
        state: { ...s, ...at, extensionDays: s.extensionDays + e.days, extensionPendingNotice: true },
      };
    }
    case 'notify_extension':
      return { ok: true, state: { ...s, ...at, extensionPendingNotice: false } };
    case 'issue_opinion': {
      const opinion: Opinion = {
        eventId: e.id,
        level: opinionLevelFor(s),
        outcome: e.outcome,
        issuedOn: e.on,
        servedOn: null,
        servedEventId: null,
      };
      return { ok: true, state: { ...s, ...at, stage: 'opinion_issued', opinions: [...s.opinions, opinion] } };
    }
    case 'serve': {
      const served = s.opinions.map((o, i) =>
        i === s.opinions.length - 1 ? { ...o, servedOn: e.on, servedEventId: e.id } : o,
      );
      return { ok: true, state: { ...s, ...at, stage: 'served', opinions: served } };
    }
    case 'request_review':
      return {
        ok: true,
        state: { ...s, ...at, stage: 'under_review', closedOn: null, reviewRequestedOn: e.on, reviewEventId: e.id },
      };
    case 'request_recheck':
      return {
        ok: true,
        state: { ...s, ...at, stage: 'under_recheck', closedOn: null, recheckRequestedOn: e.on, recheckEventId: e.id },
      };
    case 'hearing_start':
      return { ok: true, state: { ...s, ...at, hearings: [...s.hearings, { from: e.on, to: null }] } };
    case 'hearing_end':
      return {
        ok: true,
        state: { ...s, ...at, hearings: s.hearings.map((h) => (h.to === null ? { ...h, to: e.on } : h)) },
      };
    case 'receive_report':
      return { ok: true, state: { ...s, ...at, reportReceivedOn: e.on } };
    case 'close':
      return { ok: true, state: { ...s, ...at, stage: 'closed', closedOn: e.on } };
  }
}

/** Replaces amended events and drops voided ones: the history the rules see. */
export function effectiveEvents(history: readonly CaseEvent[]): readonly RecordedEvent[] {
  const fixes = new Map<string, CorrectEvent[]>();
  for (const e of history) if (e.type === 'correct') fixes.set(e.targetId, [...(fixes.get(e.targetId) ?? []), e]);
  const out: RecordedEvent[] = [];
  for (const e of history) {
    if (e.type === 'correct') continue;
    let current: RecordedEvent | null = e;
    for (const fix of fixes.get(e.id) ?? []) current = fix.action === 'void' ? null : fix.replacement;
    if (current) out.push(current);
  }
  return out;
}

function fold(events: readonly RecordedEvent[], options: ApplyOptions): CaseResult {
  const [first, ...rest] = events;
  if (!first || first.type !== 'register') return err('case.not_registered', '信访件的第一步必须是「登记」。', null);
  const opened = openCase(first, options);
  if (!opened.ok) return opened;
  let state = opened.state;
  for (const e of rest) {
    if (e.type === 'register') return err('case.step_out_of_order', '一件信访件只能登记一次。', state);
    const r = applyStep(state, e, options);
    if (!r.ok) return r;
    state = r.state;
  }
  return { ok: true, state };
}

function applyStep(state: CaseState, e: StepEvent, options: ApplyOptions): CaseResult {
  return checkDate(state, e, options) ?? transition(state, e);
}

function applyCorrection(state: CaseState, c: CorrectEvent, options: ApplyOptions): CaseResult {
  if (blank(c.reason)) return err('case.field_required', '更正须写明理由，以便留痕。', state);
  if (!isIsoDate(c.on)) return err('case.invalid_date', `更正日期「${String(c.on)}」无效，应写成 YYYY-MM-DD。`, state);
  const target = effectiveEvents(state.history).find((e) => e.id === c.targetId);
  if (!target)
    return err('case.correction_target_missing', `没有可更正的步骤「${c.targetId}」（可能已被撤销）。`, state);
  if (c.action === 'void' && target.type === 'register') {
    return err(
      'case.correction_not_allowed',
      '登记不能撤销；登记内容有误请用更正修改，重复登记的请在案件列表中作废。',
      state,
    );
  }
  if (c.action === 'amend' && (c.replacement.type !== target.type || c.replacement.id !== target.id)) {
    return err(
      'case.correction_type_mismatch',
      `更正只能修改「${stepLabel(target.type, state)}」本身的内容，不能把它换成别的步骤；要换步骤，请先撤销再登记新的步骤。`,
      state,
    );
  }
  const history = [...state.history, c];
  const replayed = fold(effectiveEvents(history), options);
  if (!replayed.ok) {
    return err(
      'case.correction_breaks_history',
      `这项更正会使后面的记录不成立：${replayed.error.message} 请先更正或撤销后面的步骤。`,
      state,
    );
  }
  return { ok: true, state: { ...replayed.state, history } };
}

/** Opens a case from its 登记 event. */
export function openCase(event: RegisterEvent, options: ApplyOptions = {}): CaseResult {
  const bad = checkDate(null, event, options);
  if (bad) return bad;
  return { ok: true, state: { ...openCaseState(event), history: [event] } };
}

/** Records one event: a step checked against the workflow, or a correction checked against the whole history. */
export function applyEvent(state: CaseState, event: CaseEvent, options: ApplyOptions = {}): CaseResult {
  if (state.history.some((e) => e.id === event.id)) {
    return err('case.duplicate_event_id', `记录编号「${event.id}」已被使用。`, state);
  }
  if (event.type === 'correct') return applyCorrection(state, event, options);
  if (event.type !== 'register' && !Object.hasOwn(ALLOWED_FROM, event.type)) {
    return err('case.step_out_of_order', `未知的步骤「${String(event.type)}」。${listAllowed(state)}`, state);
  }
  if (event.type === 'register')
    return err('case.step_out_of_order', `一件信访件只能登记一次。${listAllowed(state)}`, state);
  const r = applyStep(state, event, options);
  return r.ok ? { ok: true, state: { ...r.state, history: [...state.history, event] } } : r;
}

/** Rebuilds a case from its stored history (the store keeps events only). */
export function replayCase(history: readonly CaseEvent[], options: ApplyOptions = {}): CaseResult {
  const [first, ...rest] = history;
  if (!first || first.type !== 'register') return err('case.not_registered', '信访件的第一步必须是「登记」。', null);
  let r = openCase(first, options);
  for (const e of rest) {
    if (!r.ok) return r;
    r = applyEvent(r.state, e, options);
  }
  return r;
}

/** One line of the case timeline: every recorded event with what became of it. */
export interface TimelineEntry {
  readonly event: CaseEvent;
  readonly label: string;
  /** 'voided' / 'amended' entries stay visible, struck through, with the correcting event's id. */
  readonly status: 'effective' | 'voided' | 'amended' | 'correction';
  readonly correctedBy: string | null;
}

/** The history as the timeline shows it: nothing disappears, corrections say what they changed. */
export function caseTimeline(state: CaseState): readonly TimelineEntry[] {
  const last = new Map<string, CorrectEvent>();
  for (const e of state.history) if (e.type === 'correct') last.set(e.targetId, e);
  const labelOf = (e: RecordedEvent): string =>
    e.type === 'register' ? stepLabel('register') : stepLabel(e.type, e.type === 'notify' ? state : undefined);
  return state.history.map((e) => {
    if (e.type === 'correct') {
      return {
        event: e,
        label: `${e.action === 'void' ? '撤销' : '更正'}：${e.reason}`,
        status: 'correction',
        correctedBy: null,
      };
    }
    const fix = last.get(e.id);
    const label = e.type === 'issue_opinion' ? OPINION_LABELS[levelOfOpinionEvent(state, e.id)] : labelOf(e);
    if (!fix) return { event: e, label, status: 'effective', correctedBy: null };
    return { event: e, label, status: fix.action === 'void' ? 'voided' : 'amended', correctedBy: fix.id };
  });
}

const levelOfOpinionEvent = (state: CaseState, id: string): OpinionLevel =>
  state.opinions.find((o) => o.eventId === id)?.level ?? 'handling';

/** The first decision after 登记, for UIs that group it. */
export const ROUTING_STEPS: readonly StepType[] = [
  'transfer',
  'assign',
  'accept',
  'decline',
  'refer_discipline',
  'divert',
  'object',
];
