import { z } from 'zod';
import type { DeadlineRuleId, CountUnit, RollOver } from '../calendar/deadlines';
import { CASE_LIST_FILTERS, type CaseListPageOf } from '../cases/case-list';
import { DUE_GROUPS, type DueGroup, type DueGroupPage } from '../cases/due-board';
import type { CaseStage, CaseRoute } from '../cases/case-machine';
import type { CaseCategory, CaseSource, OfficeKind, StepType } from '../cases/case-events';
import type { CaseFields, ClaimRoute, FieldCorrection, RepeatMark } from '../cases/case-record';
import type { RepeatReason } from '../cases/repeats';
import type { CaseStatistics } from '../cases/statistics';
import { isoDate, recordId as id, text, type RequestSpec } from './common';
import type { CASES_REQUEST_NAMES } from './cases.names';
import type { TaskDoneView } from './contract';

export type { CaseFields, CaseStatistics };

const petitionerSchema = z
  .object({
    name: text(100),
    idNumber: text(30),
    phone: text(40),
    address: text(300),
  })
  .strict();

/** The 登记 form; 第十九条's required fields are judged by the core (checkCaseFields) so all problems come back at once. */
export const caseFieldsSchema = z
  .object({
    form: z.enum(['letter', 'visit', 'online', 'phone', 'fax'], {
      error: '信访形式只能是来信、走访、网上、电话或传真',
    }),
    petitioners: z.array(petitionerSchema).max(500).readonly(),
    headcount: z.number().int().min(0).max(100_000),
    region: text(200),
    topic: text(100),
    claimRoute: z.enum(['litigation', 'arbitration', 'party_appeal', 'administrative', 'duty', 'opinion']).nullable(),
    summary: text(20_000),
    request: text(5_000),
    documentIds: z.array(id).max(100).readonly(),
  })
  .strict();

const by = z.string().trim().min(1, '请填写经办人').max(50);

/** A step as the UI or CLI sends it; the core gives it an id and checks it against the event schemas and the workflow. */
export const stepInputSchema = z
  .object({
    type: z.string().min(1).max(40),
    on: isoDate,
    by,
    note: text(2000).optional(),
    to: text(200).optional(),
    reportDueOn: isoDate.optional(),
    reason: text(2000).optional(),
    route: z.enum(['litigation', 'arbitration', 'party_appeal', 'administrative']).optional(),
    days: z.number().int().optional(),
    approvedBy: text(50).optional(),
    outcome: z.enum(['support', 'explain', 'not_supported']).optional(),
    /** For 办结: the user saw the unmet checklist items and closes anyway (they are written into the record). */
    confirmIncomplete: z.boolean().optional(),
  })
  .strict();
export type StepInput = z.infer<typeof stepInputSchema>;

export const registerInputSchema = z
  .object({
    fields: caseFieldsSchema,
    receivedOn: isoDate,
    /** 登记日期; today when left out. */
    registeredOn: isoDate.optional(),
    by,
    source: z.enum(['direct', 'transferred', 'assigned']),
    category: z.enum(['suggestion', 'accusation', 'claim']),
    /** A 登记编号 typed by hand; the configured pattern numbers the case when left out. */
    number: z.string().trim().min(1).max(60).optional(),
    /** Staff may overrule the automatic 初信初访 / 重复信访 mark. */
    repeat: z.enum(['first', 'repeat']).optional(),
    note: text(2000).optional(),
  })
  .strict();
export type RegisterInput = z.infer<typeof registerInputSchema>;

const periodSchema = z
  .object({
    /** Statistics year (12-21 of the year before to 12-20, by default); ignored when from/to are given. */
    year: z.number().int().min(2000).max(2100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

/** A clock as lists show it. */
export interface CaseDeadlineView {
  readonly caseId: string;
  readonly caseNumber: string;
  /** Masked: names only. */
  readonly petitioner: string;
  readonly ruleId: DeadlineRuleId;
  readonly action: string;
  readonly article: string;
  readonly owner: 'office' | 'petitioner';
  readonly from: string;
  readonly days: number;
  readonly unit: CountUnit;
  readonly strictDue: string;
  readonly due: string;
  readonly rolledOver: boolean;
  readonly extensionDays: number;
  readonly paused: boolean;
  readonly status: 'overdue' | 'due_soon' | 'running';
  /** Calendar days from today to `due` (negative when overdue). */
  readonly daysLeft: number;
  /** Workdays from today to `due` (negative when overdue). */
  readonly workdaysLeft: number;
  readonly missingCalendarYears: readonly number[];
}

export interface CaseSummary {
  readonly id: string;
  readonly number: string;
  readonly receivedOn: string;
  readonly registeredOn: string;
  readonly form: CaseFields['form'];
  readonly category: CaseCategory;
  /** Names only (张三、李四等 5 人); ID numbers and phones never appear in lists. */
  readonly petitioner: string;
  readonly region: string;
  readonly topic: string;
  readonly request: string;
  readonly stage: CaseStage;
  readonly stageLabel: string;
  readonly repeat: RepeatMark['kind'];
  /** The office's soonest clock, null when none runs. */
  readonly nextDeadline: CaseDeadlineView | null;
}

/** One page of the 信访件 list, newest registration first, with the count of every tab for the same query. */
export type CaseListPage = CaseListPageOf<CaseSummary>;

export interface TimelineItem {
  readonly id: string;
  readonly type: string;
  readonly label: string;
  /** What the step said (转送 to whom, the reason, 延期 days …), in Chinese. */
  readonly details: string;
  readonly on: string;
  readonly by: string;
  readonly note: string | null;
  readonly recordedAt: string | null;
  readonly status: 'effective' | 'voided' | 'amended' | 'correction';
  readonly correctedBy: string | null;
  /** The step's recorded details (to, reason, days, outcome, receivedOn …), so a correction form starts from them. */
  readonly values: Readonly<Record<string, string | number>>;
}

export interface RepeatMatchView {
  readonly caseId: string;
  readonly number: string;
  readonly registeredOn: string;
  readonly petitioner: string;
  readonly request: string;
  readonly stageLabel: string;
  /** The outcome of the latest opinion, if any (支持 / 解释说明 / 不予支持). */
  readonly outcome: string | null;
  readonly reasons: readonly RepeatReason[];
  readonly reasonLabels: readonly string[];
  readonly matterSimilarity: number;
  readonly samePersonSameMatter: boolean;
}

export interface AllowedStep {
  readonly type: StepType;
  readonly label: string;
}

/** One item of the 办结 checklist. */
export interface ChecklistItem {
  readonly label: string;
  readonly done: boolean;
  readonly hint: string;
}

export interface CaseDetail {
  readonly id: string;
  readonly number: string;
  /** Unmasked: the user opened the case. */
  readonly fields: CaseFields;
  readonly receivedOn: string;
  readonly registeredOn: string;
  readonly category: CaseCategory;
  readonly source: CaseSource;
  readonly officeKind: OfficeKind;
  readonly claimRoute: ClaimRoute | null;
  readonly stage: CaseStage;
  readonly stageLabel: string;
  readonly route: CaseRoute | null;
  readonly repeat: RepeatMark;
  readonly repeatMatches: readonly RepeatMatchView[];
  readonly allowedSteps: readonly AllowedStep[];
  readonly timeline: readonly TimelineItem[];
  readonly deadlines: readonly CaseDeadlineView[];
  readonly fieldCorrections: readonly FieldCorrection[];
  readonly checklist: readonly ChecklistItem[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A task with a date that a filed notice set (请于6月底之前报送…), shown beside the case clocks. */
export interface DocumentTaskView {
  readonly documentId: string;
  readonly docNumber: string | null;
  readonly title: string | null;
  /** What is to be done or sent, as the notice words it (may be null when the sentence does not say). */
  readonly task: string | null;
  readonly reportTo: string | null;
  /** The deadline as written (6月底之前). */
  readonly dueText: string;
  readonly due: string;
  /** `done` once someone marked it 已完成: it then counts in no due/overdue figure and raises no reminder. */
  readonly status: 'overdue' | 'due_soon' | 'running' | 'done';
  readonly daysLeft: number;
  readonly workdaysLeft: number;
  readonly missingCalendarYears: readonly number[];
  /** Identifies the task within its notice for 标记完成 / 撤销完成 (`documents.completeTask`). */
  readonly key: string;
  /** Who marked it done, when and why; null while open. */
  readonly done: TaskDoneView | null;
}

export interface DueList {
  readonly today: string;
  readonly items: readonly CaseDeadlineView[];
  /** Open deadlines of tasks extracted from filed notices (公文), soonest first. */
  readonly tasks: readonly DocumentTaskView[];
  /** Tasks marked done in the last 30 days, latest first, so a mistaken 标记完成 can be undone from the list. */
  readonly doneTasks: readonly DocumentTaskView[];
}

/** The 工作台: one page of each group (case clocks and notice tasks merged, soonest first) and the recent 已完成. */
export interface DueBoard {
  readonly today: string;
  readonly groups: Readonly<Record<DueGroup, DueGroupPage<CaseDeadlineView, DocumentTaskView>>>;
  readonly doneTasks: readonly DocumentTaskView[];
}

/** What a scanned letter pre-fills in the 登记 form. */
export interface LetterPrefill {
  readonly documentId: string;
  readonly fields: CaseFields;
  readonly category: CaseCategory | null;
  /** The letter's own date, a hint for 收到日期. */
  readonly letterDate: string | null;
  readonly text: string;
}

/** One statutory rule with how this office counts it (settings may change unit and roll-over per rule). */
export interface RuleSettingView {
  readonly id: DeadlineRuleId;
  readonly action: string;
  readonly article: string;
  readonly days: number | null;
  /** How the 条例 words it. */
  readonly statutoryUnit: CountUnit;
  readonly unit: CountUnit;
  readonly rollOver: RollOver;
  /** True when unit or roll-over differ from the 条例 / 民法典 default. */
  readonly customised: boolean;
}

export interface CaseSettingsView {
  readonly numberFormat: string;
  readonly statisticsYearStart: string;
  readonly officeKind: OfficeKind;
  readonly rules: readonly RuleSettingView[];
  /** The core's today (北京时间): forms default their dates to it, so an injected clock is honoured everywhere. */
  readonly today: string;
}

/** The working-day calendar's years: bundled with the app or imported by the user. */
export interface CalendarYearsView {
  readonly years: readonly { readonly year: number; readonly source: 'bundled' | 'imported' }[];
  /** This year and next year when their notice is not loaded: dates there count weekends only. */
  readonly missing: readonly number[];
}

const pageOffset = z.number().int().min(0).max(10_000_000);

/** Requests of the 信访件 (issue 5: registration, workflow, deadlines, statistics) part: one entry per name in `CASES_REQUEST_NAMES`. */
export const CASES_REQUESTS = {
  'cases.list': {
    input: z
      .object({
        query: z.string().max(200).optional(),
        /** The tab; all cases when absent. */
        filter: z.enum(CASE_LIST_FILTERS).optional(),
        offset: pageOffset.optional(),
        /** Rows per page: 20 when absent. */
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: {} as CaseListPage,
  },
  'cases.get': { input: z.object({ id }).strict(), output: {} as CaseDetail },
  'cases.register': { input: registerInputSchema, output: {} as CaseDetail },
  'cases.checkRepeats': {
    input: z.object({ fields: caseFieldsSchema }).strict(),
    output: {} as readonly RepeatMatchView[],
  },
  'cases.prefillFromDocument': { input: z.object({ documentId: id }).strict(), output: {} as LetterPrefill },
  'cases.step': { input: z.object({ id, step: stepInputSchema }).strict(), output: {} as CaseDetail },
  'cases.correct': {
    input: z
      .object({
        id,
        targetId: z.string().min(1).max(64),
        action: z.enum(['void', 'amend']),
        reason: z.string().trim().min(1, '请写明更正理由').max(2000),
        on: isoDate,
        by,
        /** For 'amend': the corrected step (same type); its id is the target's. */
        replacement: stepInputSchema.optional(),
        /** For amending the 登记 itself: new 收到日期 / 类型. */
        register: z
          .object({
            receivedOn: isoDate,
            on: isoDate,
            source: z.enum(['direct', 'transferred', 'assigned']),
            category: z.enum(['suggestion', 'accusation', 'claim']),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: {} as CaseDetail,
  },
  'cases.updateFields': {
    input: z
      .object({ id, fields: caseFieldsSchema, by, reason: z.string().trim().min(1, '请写明修改理由').max(2000) })
      .strict(),
    output: {} as CaseDetail,
  },
  'cases.due': {
    input: z.object({ includeWaiting: z.boolean().optional() }).strict(),
    output: {} as DueList,
  },
  'cases.dashboard': {
    input: z
      .object({
        /** Where each group's page starts; 0 when absent. */
        offsets: z
          .object(Object.fromEntries(DUE_GROUPS.map((g) => [g, pageOffset])) as Record<DueGroup, typeof pageOffset>)
          .partial()
          .strict()
          .optional(),
        /** Entries per group page: 10 when absent. */
        limit: z.number().int().min(1).max(100).optional(),
      })
      .strict(),
    output: {} as DueBoard,
  },
  'cases.statistics': { input: periodSchema, output: {} as CaseStatistics },
  'cases.exportStatistics': {
    input: periodSchema,
    output: {} as { readonly name: string; readonly dataBase64: string },
  },
  'cases.settings': { input: z.object({}).strict(), output: {} as CaseSettingsView },
  'cases.updateSettings': {
    input: z
      .object({
        numberFormat: z.string().trim().min(1).max(60).optional(),
        statisticsYearStart: z
          .string()
          .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, '统计年度起始日应写成 MM-DD，例如 12-21')
          .optional(),
        officeKind: z.enum(['xinfang_department', 'organ']).optional(),
        /** Per rule id: 日 / 工作日 and which last days roll over; null puts the rule back to its default. */
        ruleSettings: z
          .record(
            z.string().max(60),
            z
              .object({
                unit: z.enum(['day', 'workday']).optional(),
                rollOver: z.enum(['rest_day', 'public_holiday', 'none']).optional(),
              })
              .strict()
              .nullable(),
          )
          .optional(),
      })
      .strict(),
    output: {} as CaseSettingsView,
  },
  'cases.calendarYears': { input: z.object({}).strict(), output: {} as CalendarYearsView },
  'cases.importCalendarYear': {
    input: z
      .object({ content: z.string().min(1, '文件是空的').max(1_000_000, '文件太大，不像一年的放假安排') })
      .strict(),
    output: {} as CalendarYearsView,
  },
} as const satisfies Record<(typeof CASES_REQUEST_NAMES)[number], RequestSpec>;
