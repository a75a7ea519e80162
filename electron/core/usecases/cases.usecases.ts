import { randomBytes } from 'node:crypto';
import type { ApiPart } from '../../../shared/api/contract';
import type { CASES_REQUEST_NAMES } from '../../../shared/api/cases.names';
import type {
  CaseDeadlineView,
  CaseDetail,
  CalendarYearsView,
  CaseListPage,
  CaseSettingsView,
  CaseSummary,
  DocumentTaskView,
  DueBoard,
  DueList,
  RuleSettingView,
  LetterPrefill,
  RegisterInput,
  RepeatMatchView,
  StepInput,
  TimelineItem,
} from '../../../shared/api/cases.contract';
import {
  DEADLINE_RULES,
  DEFAULT_ROLL_OVER,
  findRule,
  type CountUnit,
  type RuleSettings,
} from '../../../shared/calendar/deadlines';
import { addDays, daysBetween, isIsoDate, type IsoDate } from '../../../shared/calendar/iso-date';
import { createOfficialCalendar } from '../../../shared/calendar/official-calendar';
import type { WorkCalendar } from '../../../shared/calendar/work-calendar';
import { parseYearSchedule, toCompactYear, type YearSchedule } from '../../../shared/calendar/year-schedule';
import { runningDeadlines, type RunningDeadline } from '../../../shared/cases/case-deadlines';
import { pageCaseList, type CaseListFilter } from '../../../shared/cases/case-list';
import { dueBoardGroups, type DueGroup } from '../../../shared/cases/due-board';
import {
  allowedNextSteps,
  applyEvent,
  caseTimeline,
  effectiveEvents,
  openCase,
  replayCase,
  STAGE_LABELS,
  stepLabel,
  type CaseError,
  type CaseState,
} from '../../../shared/cases/case-machine';
import type { CaseCategory, CaseEvent, CorrectEvent, RegisterEvent } from '../../../shared/cases/case-events';
import { caseEventSchema } from '../../../shared/cases/case-events.schemas';
import {
  CASE_FORM_LABELS,
  CATEGORY_LABELS,
  checkCaseFields,
  formatCaseNumber,
  isValidNumberFormat,
  maskFields,
  petitionerLine,
  statisticsPeriod,
  type CaseFields,
  type CaseRecord,
} from '../../../shared/cases/case-record';
import {
  caseFieldValues,
  closingChecklist,
  eventDetails,
  OUTCOME_LABELS,
  type CaseIssuedDocument,
} from '../../../shared/cases/case-view';
import {
  findRepeats,
  REPEAT_REASON_LABELS,
  repeatKind,
  warmRepeatProfiles,
  type RepeatMatch,
} from '../../../shared/cases/repeats';
import { caseStatistics, type CaseStatistics } from '../../../shared/cases/statistics';
import { withIssuedDocuments } from '../../../shared/paperwork/issued-timeline';
import { matchCompletions, taskKeys, type TaskCompletion } from '../../../shared/documents/task-completion';
import {
  caseLinkStatuses,
  createDocumentCaseIndex,
  type CaseLink,
  type DocumentCaseIndex,
  type DocumentCaseLinks,
} from '../../../shared/archive/case-links';
import { AppError } from '../../../shared/errors/app-error';
import { extractLetter, type LetterCategory } from '../../../shared/letters/extract-letter';
import type { Logger } from '../logger';
import { openCaseRepository, type CaseRepository, type CaseSettings } from './cases.repository';

export interface CaseUsecaseDeps {
  readonly dataDir: string;
  readonly now: () => Date;
  readonly logger: Logger;
  /** The OCR'd text of an archived document (throws document.not_found). */
  readonly documentText: (id: string) => Promise<string>;
  readonly documentExists: (id: string) => boolean;
  /** The working-day calendar; the bundled official notices by default. */
  readonly calendar?: WorkCalendar;
  /** The documents generated for a case (issue 6's ledger) with their text, for the 办结 checklist. */
  readonly issuedDocuments?: (caseId: string) => readonly CaseIssuedDocument[];
  /** Filed notices with the task deadlines extracted from them, for the due list. */
  readonly documentTasks?: () => readonly DocumentTaskSource[];
  /** When the idle warm-up may begin (the app passes "start-up finished"); at once when absent. */
  readonly warmAfter?: Promise<unknown>;
}

/** A filed notice and the deadlines read from it (`fields.deadlines` of the document record). */
export interface DocumentTaskSource {
  readonly documentId: string;
  readonly docNumber: string | null;
  readonly title: string | null;
  /** When it was filed (ISO time): a task due before the notice reached the office is history, not work. */
  readonly filedAt: string | null;
  readonly deadlines: readonly {
    readonly due: string | null;
    readonly dueText: string;
    readonly task: string | null;
    readonly reportTo: string | null;
  }[];
  /** Tasks someone marked 已完成 (the record's `taskCompletions`); absent means none. */
  readonly completions?: readonly TaskCompletion[];
}

/** How long a task marked done stays in the due list's 已完成 group (to undo a mistaken click). */
const DONE_LISTED_DAYS = 30;

/** Today's date in 北京时间: deadlines are whole days there whatever the machine's time zone. */
export function beijingDate(at: Date): IsoDate {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** How many workdays ahead a deadline counts as 即将到期 (deadlineStatus's default). */
const SOON_WORKDAYS = 3;

const fromCaseError = (e: CaseError): AppError => new AppError(e.code, e.message);

const LETTER_CATEGORY: Readonly<Record<LetterCategory, CaseCategory>> = {
  建议意见: 'suggestion',
  检举控告: 'accusation',
  申诉求决: 'claim',
};

/** What a correction form may change in a recorded step (the rest is fixed: type, id, who recorded it). */
const EDITABLE_KEYS = [
  'to',
  'reportDueOn',
  'reason',
  'route',
  'days',
  'approvedBy',
  'outcome',
  'receivedOn',
  'source',
  'category',
] as const;

function editableValues(e: object): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const k of EDITABLE_KEYS) {
    const v = (e as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

/** The 信访件 use cases: registration, workflow steps, corrections, deadlines, repeats and statistics. */
export async function createCaseUsecases(deps: CaseUsecaseDeps) {
  const { now, logger } = deps;
  const repo: CaseRepository = await openCaseRepository(deps.dataDir);
  /** Bundled notices plus the years the user imported (a newer notice than the app's). */
  const importedSchedules = (): YearSchedule[] =>
    repo.importedCalendars().flatMap((y) => {
      const r = parseYearSchedule(y);
      if (r.ok) return [r.value];
      logger.warn('imported calendar year unreadable', { year: y.year });
      return [];
    });
  let calendar: WorkCalendar = deps.calendar ?? createOfficialCalendar(importedSchedules());
  // Repeat matching compares a form with every stored case, and the list shows every case's next deadline: both
  // are worked out in small idle slices after start-up, so neither start-up nor the first 登记 or list waits for
  // them (anything not yet warm is computed on demand, and a warm row is dropped when its record changes). They
  // begin once start-up is over: on one thread, slices run earlier would only make start-up longer.
  const pending = [...repo.all()];
  const warm = (): void => {
    const slice = pending.splice(0, 500);
    warmRepeatProfiles(slice.map((c) => c.fields));
    const day = today();
    const rules = repo.settings().ruleSettings;
    for (const c of slice) {
      try {
        summary(c, day, rules);
      } catch {
        // A damaged record is reported when it is opened or listed, not by the warm-up.
      }
    }
    if (pending.length > 0) setTimeout(warm, 0).unref?.();
  };
  if (pending.length > 0)
    void (deps.warmAfter ?? Promise.resolve()).catch(() => undefined).then(() => setTimeout(warm, 0).unref?.());
  const today = (): IsoDate => beijingDate(now());

  const mustGet = (id: string): CaseRecord => {
    const rec = repo.get(id);
    if (!rec) throw new AppError('case.not_found', `找不到信访件 ${id}，它可能已被删除。请回到信访件列表重新打开。`);
    return rec;
  };

  /** Replays by record: the repository replaces a record on every change and never edits one in place. */
  const states = new WeakMap<CaseRecord, CaseState>();
  /** Stored histories were checked when written; a failure here means the file was edited by hand. */
  const stateOf = (rec: CaseRecord): CaseState => {
    const known = states.get(rec);
    if (known) return known;
    const r = replayCase(rec.events);
    if (!r.ok) {
      throw new AppError(
        'store.corrupt',
        `信访件 ${rec.number} 的记录不完整（${r.error.message}），程序没有改动它。请从备份恢复数据文件夹。`,
      );
    }
    states.set(rec, r.state);
    return r.state;
  };

  const registerOf = (state: CaseState): RegisterEvent => effectiveEvents(state.history)[0] as RegisterEvent;

  /** The last day counted as 即将到期 (deadlineStatus's three workdays), worked out once per day and calendar. */
  let soon: { day: IsoDate; calendar: WorkCalendar; limit: IsoDate } | null = null;
  const soonLimit = (day: IsoDate): IsoDate => {
    if (soon?.day !== day || soon.calendar !== calendar)
      soon = { day, calendar, limit: calendar.addWorkdays(day, SOON_WORKDAYS) };
    return soon.limit;
  };

  const deadlineView = (rec: CaseRecord, d: RunningDeadline, day: IsoDate): CaseDeadlineView => ({
    caseId: rec.id,
    caseNumber: rec.number,
    petitioner: petitionerLine(rec.fields),
    ruleId: d.ruleId,
    action: d.action,
    article: d.article,
    owner: d.owner,
    from: d.from,
    days: d.deadline.days,
    unit: d.deadline.unit,
    strictDue: d.deadline.strictDue,
    due: d.deadline.due,
    rolledOver: d.deadline.rolledOver,
    extensionDays: d.extensionDays,
    paused: d.paused,
    status: d.deadline.due < day ? 'overdue' : d.deadline.due <= soonLimit(day) ? 'due_soon' : 'running',
    daysLeft: daysBetween(day, d.deadline.due),
    workdaysLeft: calendar.countWorkdays(day, d.deadline.due),
    missingCalendarYears: d.deadline.missingCalendarYears,
  });

  /**
   * A case's running clocks depend only on its record, the day, the calendar and the rule settings: kept until one
   * changes, so the 工作台 at 20,000 cases does not replay every clock on each visit (records are replaced on change).
   */
  const clockViews = new WeakMap<
    CaseRecord,
    { day: IsoDate; calendar: WorkCalendar; rules: CaseSettings['ruleSettings']; views: readonly CaseDeadlineView[] }
  >();
  const deadlinesOf = (rec: CaseRecord, state: CaseState, day: IsoDate): readonly CaseDeadlineView[] => {
    const rules = repo.settings().ruleSettings;
    const known = clockViews.get(rec);
    if (known && known.day === day && known.calendar === calendar && known.rules === rules) return known.views;
    const views = runningDeadlines(state, { calendar, today: day, settings: rules }).map((d) =>
      deadlineView(rec, d, day),
    );
    clockViews.set(rec, { day, calendar, rules, views });
    return views;
  };

  const checklistOf = (rec: CaseRecord, state: CaseState) =>
    closingChecklist(rec, state, deps.issuedDocuments?.(rec.id) ?? []);

  /**
   * Task deadlines of filed notices with a date on or after the day the notice was filed, soonest first; tasks
   * marked done come back with status `done` (the caller splits them off).
   */
  const documentTasks = (day: IsoDate): DocumentTaskView[] =>
    (deps.documentTasks?.() ?? [])
      .flatMap((doc) => {
        const keys = taskKeys(doc.deadlines);
        const completions = matchCompletions(doc.deadlines, doc.completions ?? []);
        return doc.deadlines.flatMap((d, i) => {
          if (d.due === null || !isIsoDate(d.due)) return [];
          const filed = doc.filedAt ? beijingDate(new Date(doc.filedAt)) : null;
          if (filed !== null && d.due < filed) return [];
          const year = Number(d.due.slice(0, 4));
          const c = completions[i];
          const view: DocumentTaskView = {
            documentId: doc.documentId,
            docNumber: doc.docNumber,
            title: doc.title,
            task: d.task,
            reportTo: d.reportTo,
            dueText: d.dueText,
            due: d.due,
            status: c
              ? 'done'
              : d.due < day
                ? 'overdue'
                : d.due <= calendar.addWorkdays(day, 3)
                  ? 'due_soon'
                  : 'running',
            daysLeft: daysBetween(day, d.due),
            workdaysLeft: calendar.countWorkdays(day, d.due),
            missingCalendarYears: [Number(day.slice(0, 4)), year].filter(
              (y, i, all) => all.indexOf(y) === i && !calendar.hasDataFor(y),
            ),
            key: keys[i]!,
            done: c ? { by: c.by, at: c.at, note: c.note } : null,
          };
          return [view];
        });
      })
      .sort((a, b) => (a.due === b.due ? a.documentId.localeCompare(b.documentId) : a.due < b.due ? -1 : 1));

  /** Open tasks for the due lists; done ones of the last DONE_LISTED_DAYS days, latest first, for 撤销完成. */
  const splitTasks = (day: IsoDate) => {
    const all = documentTasks(day);
    const since = addDays(day, -DONE_LISTED_DAYS);
    return {
      tasks: all.filter((t) => t.done === null),
      doneTasks: all
        .filter((t) => t.done !== null && beijingDate(new Date(t.done.at)) >= since)
        .sort((a, b) => (b.done!.at < a.done!.at ? -1 : b.done!.at > a.done!.at ? 1 : 0)),
    };
  };

  const candidates = (exceptId?: string) =>
    repo
      .all()
      .filter((c) => c.id !== exceptId)
      .map((c) => ({ id: c.id, number: c.number, fields: c.fields, registeredOn: c.events[0]?.on ?? '' }));

  const matchView = (m: RepeatMatch): RepeatMatchView => {
    const other = repo.get(m.caseId);
    const state = other ? replayCase(other.events) : null;
    const s = state?.ok ? state.state : null;
    const opinion = s?.opinions.at(-1);
    return {
      caseId: m.caseId,
      number: m.number,
      registeredOn: m.registeredOn,
      petitioner: other ? petitionerLine(other.fields) : '',
      request: other?.fields.request ?? '',
      stageLabel: s ? STAGE_LABELS[s.stage] : '',
      outcome: opinion ? OUTCOME_LABELS[opinion.outcome] : null,
      reasons: m.reasons,
      reasonLabels: m.reasons.map((r) => REPEAT_REASON_LABELS[r]),
      matterSimilarity: m.matterSimilarity,
      samePersonSameMatter: m.samePersonSameMatter,
    };
  };

  /** `known`: the repeat matches the caller already found against exactly the cases registered up to this one. */
  const detail = (rec: CaseRecord, known?: readonly RepeatMatch[]): CaseDetail => {
    const state = stateOf(rec);
    const reg = registerOf(state);
    const day = today();
    const steps: TimelineItem[] = caseTimeline(state).map((t) => ({
      id: t.event.id,
      type: t.event.type,
      label: t.label,
      details: eventDetails(t.event),
      on: t.event.on,
      by: t.event.by,
      note: t.event.note ?? null,
      recordedAt: t.event.recordedAt ?? null,
      status: t.status,
      correctedBy: t.correctedBy,
      values: t.event.type === 'correct' ? {} : editableValues(t.event),
    }));
    // The documents generated for the case (issue 6) appear where they were issued.
    const timeline = withIssuedDocuments(steps, deps.issuedDocuments?.(rec.id) ?? []);
    return {
      id: rec.id,
      number: rec.number,
      fields: rec.fields,
      receivedOn: state.receivedOn,
      registeredOn: state.registeredOn,
      category: state.category,
      source: state.source,
      officeKind: reg.officeKind,
      claimRoute: rec.fields.claimRoute,
      stage: state.stage,
      stageLabel: STAGE_LABELS[state.stage],
      route: state.route,
      repeat: rec.repeat,
      repeatMatches: (
        known ??
        findRepeats(
          rec.fields,
          candidates(rec.id).filter((c) => c.registeredOn <= reg.on),
        )
      ).map(matchView),
      allowedSteps: allowedNextSteps(state).map((type) => ({ type, label: stepLabel(type, state) })),
      timeline,
      deadlines: deadlinesOf(rec, state, day),
      fieldCorrections: rec.fieldCorrections,
      checklist: checklistOf(rec, state),
      createdAt: rec.createdAt,
      updatedAt: rec.updatedAt,
    };
  };

  /** A list row depends only on the record, the day, the calendar and the rule settings: kept until one changes. */
  const summaries = new WeakMap<
    CaseRecord,
    { day: IsoDate; calendar: WorkCalendar; rules: CaseSettings['ruleSettings']; row: CaseSummary }
  >();
  const summary = (rec: CaseRecord, day: IsoDate, rules: CaseSettings['ruleSettings']): CaseSummary => {
    const known = summaries.get(rec);
    if (known && known.day === day && known.calendar === calendar && known.rules === rules) return known.row;
    const row = summaryRow(rec, day);
    summaries.set(rec, { day, calendar, rules, row });
    return row;
  };

  const summaryRow = (rec: CaseRecord, day: IsoDate): CaseSummary => {
    const state = stateOf(rec);
    const next = deadlinesOf(rec, state, day).find((d) => d.owner === 'office') ?? null;
    return {
      id: rec.id,
      number: rec.number,
      receivedOn: state.receivedOn,
      registeredOn: state.registeredOn,
      form: rec.fields.form,
      category: state.category,
      petitioner: petitionerLine(rec.fields),
      region: rec.fields.region,
      topic: rec.fields.topic,
      request: rec.fields.request,
      stage: state.stage,
      stageLabel: STAGE_LABELS[state.stage],
      repeat: rec.repeat.kind,
      nextDeadline: next,
    };
  };

  /**
   * documentId → the cases listing it with their status, for the search's 信访件状态 filter. Kept between
   * searches: when cases change, only the records replaced since the last look are read again; a new day (a
   * clock may have run out), calendar or rule settings reads every case. A search over 100,000 documents then
   * filters by map lookups instead of replaying cases per document.
   */
  let links: {
    revision: number;
    day: IsoDate;
    calendar: WorkCalendar;
    rules: CaseSettings['ruleSettings'];
    /** The record each case had when its links were set (records are replaced on every change). */
    seen: Map<string, CaseRecord>;
    index: DocumentCaseIndex;
  } | null = null;
  const linkOf = (c: CaseRecord, day: IsoDate, rules: CaseSettings['ruleSettings']): CaseLink | null => {
    if (c.fields.documentIds.length === 0) return null;
    try {
      const row = summary(c, day, rules);
      return {
        caseId: c.id,
        number: c.number,
        statuses: caseLinkStatuses(row.stage, row.nextDeadline?.status ?? null),
      };
    } catch (e) {
      // A damaged case is reported when it is opened; here it only stays out of the filter.
      logger.warn('case left out of the document links', { id: c.id, error: String(e) });
      return null;
    }
  };
  const documentCaseLinks = (): DocumentCaseLinks => {
    const day = today();
    const revision = repo.revision();
    if (links && links.revision === revision && links.day === day && links.calendar === calendar)
      return links.index.map;
    const rules = repo.settings().ruleSettings;
    const all = repo.all();
    const same =
      links !== null &&
      links.day === day &&
      links.calendar === calendar &&
      links.rules === rules &&
      links.seen.size <= all.length;
    const seen = same ? links!.seen : new Map<string, CaseRecord>();
    const index = same ? links!.index : createDocumentCaseIndex();
    for (const c of all) {
      if (seen.get(c.id) === c) continue;
      seen.set(c.id, c);
      index.set(c.id, c.fields.documentIds, linkOf(c, day, rules));
    }
    links = { revision, day, calendar, rules, seen, index };
    return index.map;
  };

  /** Trims every text of the form and refuses it with all 第十九条 / ID-number problems at once. */
  const cleanFields = (fields: CaseFields, category: CaseCategory): CaseFields => {
    const t = (s: string) => s.trim();
    const clean: CaseFields = {
      ...fields,
      petitioners: fields.petitioners
        .map((p) => ({
          name: t(p.name),
          idNumber: t(p.idNumber).toUpperCase(),
          phone: t(p.phone),
          address: t(p.address),
        }))
        .filter((p) => p.name || p.idNumber || p.phone || p.address),
      region: t(fields.region),
      topic: t(fields.topic),
      summary: t(fields.summary),
      request: t(fields.request),
      claimRoute: category === 'claim' ? fields.claimRoute : null,
      documentIds: [...new Set(fields.documentIds)],
    };
    const problems = checkCaseFields(clean);
    if (problems.length > 0) {
      throw new AppError(
        'case.invalid_fields',
        `登记信息不完整或有误，没有保存：${problems.map((p) => p.message).join('')}`,
      );
    }
    const missing = clean.documentIds.filter((id) => !deps.documentExists(id));
    if (missing.length > 0) {
      throw new AppError(
        'document.not_found',
        `关联的扫描件 ${missing.join('、')} 在档案中找不到，没有保存。请重新选择扫描件。`,
      );
    }
    return clean;
  };

  /** Shape-checks an event with the Chinese messages of the event schemas. */
  const parseEvent = (raw: Record<string, unknown>): CaseEvent => {
    const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
    const r = caseEventSchema.safeParse(clean);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new AppError('validation.invalid_input', `记录没有保存：${issue?.message ?? '内容不完整'}。请补全后再试。`);
    }
    return r.data;
  };

  const nextEventId = (rec: CaseRecord): string => `e${rec.events.length + 1}`;

  /** Applies one event inside the write lock: either the whole case is saved with it, or nothing changes. */
  const record = (id: string, make: (rec: CaseRecord) => CaseEvent): Promise<CaseRecord> =>
    repo.update(id, (rec) => {
      const at = now().toISOString();
      const event = { ...make(rec), recordedAt: at } as CaseEvent;
      const r = applyEvent(stateOf(rec), event, { today: today() });
      if (!r.ok) throw fromCaseError(r.error);
      return { ...rec, events: [...rec.events, event], updatedAt: at };
    });

  const stepEvent = (id: string, step: StepInput): Record<string, unknown> => ({ ...step, id });

  const period = (input: { year?: number; from?: string; to?: string }): { from: IsoDate; to: IsoDate } => {
    if (input.from || input.to) {
      const from = input.from ?? '1900-01-01';
      const to = input.to ?? today();
      if (from > to)
        throw new AppError('validation.invalid_input', `统计起始日 ${from} 晚于截止日 ${to}，请对调后再试。`);
      return { from, to };
    }
    const start = repo.settings().statisticsYearStart;
    const day = today();
    const y = Number(day.slice(0, 4));
    const year = input.year ?? (start !== '01-01' && day.slice(5) >= start ? y + 1 : y);
    return statisticsPeriod(year, start);
  };

  const statistics = (input: { year?: number; from?: string; to?: string }): CaseStatistics => {
    const { from, to } = period(input);
    const ruleSettings = repo.settings().ruleSettings;
    return caseStatistics({ cases: repo.all(), from, to, calendar, today: today(), ruleSettings });
  };

  /** The years with a holiday notice, and the years around today that still lack one. */
  const calendarYears = (): CalendarYearsView => {
    const imported = new Set(repo.importedCalendars().map((y) => y.year));
    const y = Number(today().slice(0, 4));
    return {
      years: calendar.years.map((year) => ({ year, source: imported.has(year) ? 'imported' : 'bundled' })),
      missing: [y, y + 1].filter((year) => !calendar.hasDataFor(year)),
    };
  };

  const settingsView = (s: CaseSettings): CaseSettingsView => ({
    numberFormat: s.numberFormat,
    statisticsYearStart: s.statisticsYearStart,
    officeKind: s.officeKind,
    rules: DEADLINE_RULES.map((r): RuleSettingView => {
      const statutoryUnit: CountUnit = r.unit === 'workday' ? 'workday' : 'day';
      const own = s.ruleSettings[r.id] ?? {};
      const unit = own.unit ?? statutoryUnit;
      const rollOver = own.rollOver ?? DEFAULT_ROLL_OVER;
      return {
        id: r.id,
        action: r.action,
        article: r.article_2022,
        days: r.days,
        statutoryUnit,
        unit,
        rollOver,
        customised: unit !== statutoryUnit || rollOver !== DEFAULT_ROLL_OVER,
      };
    }),
    today: today(),
  });

  /** Closing with unmet checklist items needs the user's confirmation, and the items go into the record. */
  const closeStep = (rec: CaseRecord, step: StepInput): StepInput => {
    const { confirmIncomplete, ...rest } = step;
    if (rest.type !== 'close') return rest;
    const open = checklistOf(rec, stateOf(rec)).filter((c) => !c.done);
    if (open.length === 0) return rest;
    const list = open.map((c) => `「${c.label}」（${c.hint}）`).join('、');
    if (!confirmIncomplete) {
      throw new AppError(
        'case.checklist_incomplete',
        `办结前核对还有 ${open.length} 项未完成：${list}。没有办结。请补齐后再办结，或确认后仍然办结（未完成项会记入办理记录）。`,
      );
    }
    const note = `办结时未完成：${open.map((c) => c.label).join('、')}`;
    return { ...rest, note: rest.note?.trim() ? `${rest.note.trim()}；${note}` : note };
  };

  /** Every case matching the query (number, region, topic, request, names), newest registration first. */
  const list = ({ query }: { query?: string } = {}): CaseSummary[] => {
    const q = query?.trim() ?? '';
    const day = today();
    const rules = repo.settings().ruleSettings;
    return repo
      .all()
      .filter(
        (c) =>
          q === '' ||
          [
            c.number,
            c.fields.region,
            c.fields.topic,
            c.fields.request,
            ...c.fields.petitioners.map((p) => p.name),
          ].some((s) => s.includes(q)),
      )
      .map((c) => summary(c, day, rules))
      .sort((a, b) =>
        a.registeredOn === b.registeredOn ? b.number.localeCompare(a.number) : a.registeredOn < b.registeredOn ? 1 : -1,
      );
  };

  /** Every running clock of every case as of today, soonest first; the dashboard and the shell's reminders use it. */
  const due = ({ includeWaiting = false }: { includeWaiting?: boolean } = {}): DueList => {
    const day = today();
    const items = repo
      .all()
      .flatMap((rec) => deadlinesOf(rec, stateOf(rec), day))
      .filter((d) => includeWaiting || d.owner === 'office')
      .sort((a, b) => (a.due === b.due ? a.caseNumber.localeCompare(b.caseNumber) : a.due < b.due ? -1 : 1));
    return { today: day, items, ...splitTasks(day) };
  };

  return {
    list,

    /** The list screen's page: one tab's rows from `offset`, with every tab's count for the same query. */
    page({
      query,
      filter = 'all',
      offset = 0,
      limit = 20,
    }: {
      query?: string;
      filter?: CaseListFilter;
      offset?: number;
      limit?: number;
    }): CaseListPage {
      return pageCaseList(list({ query }), filter, offset, limit);
    },

    get: (id: string): CaseDetail => detail(mustGet(id)),

    documentCaseLinks,

    /** The raw record (events included) for exports and other use cases. */
    record: (id: string): CaseRecord => mustGet(id),

    /** Registers a case: the form, the 登记 event and the 重复信访 mark are saved together or not at all. */
    async register(input: RegisterInput): Promise<CaseDetail> {
      const fields = cleanFields(input.fields, input.category);
      const settings = repo.settings();
      const day = today();
      const at = now().toISOString();
      const event: RegisterEvent = {
        id: 'e1',
        type: 'register',
        on: input.registeredOn ?? day,
        by: input.by.trim(),
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        recordedAt: at,
        receivedOn: input.receivedOn,
        officeKind: settings.officeKind,
        source: input.source,
        category: input.category,
      };
      const opened = openCase(event, { today: day });
      if (!opened.ok) throw fromCaseError(opened.error);
      const manual = input.number?.trim();
      const duplicate = (n: string) =>
        new AppError(
          'case.duplicate_number',
          `登记编号「${n}」已被信访件使用，没有保存。请换一个编号，或留空由程序自动编号。`,
        );
      if (manual && repo.byNumber(manual)) throw duplicate(manual);
      const others = candidates();
      const matches = findRepeats(fields, others);
      const year = Number(event.on.slice(0, 4));
      const id = `c${randomBytes(6).toString('hex')}`;
      const rec = await repo.insert(
        year,
        (seq) => {
          const number = manual ?? formatCaseNumber(settings.numberFormat, year, seq);
          if (manual && repo.byNumber(manual)) throw duplicate(manual);
          return {
            id,
            number,
            fields,
            repeat: { kind: input.repeat ?? repeatKind(matches), relatedCaseIds: matches.map((m) => m.caseId) },
            events: [event],
            fieldCorrections: [],
            createdAt: at,
            updatedAt: at,
          };
        },
        () => manual === undefined,
      );
      logger.info('case registered', { id: rec.id, number: rec.number });
      // Matching again against the same cases would give the same list: reuse it unless the registration is
      // back-dated before some of them (the detail shows only cases registered up to this one).
      return detail(rec, others.every((c) => c.registeredOn <= event.on) ? matches : undefined);
    },

    /** Earlier cases of the same person or matter, for the 登记 form before saving. */
    checkRepeats: (fields: CaseFields): RepeatMatchView[] => findRepeats(fields, candidates()).map(matchView),

    /** Pre-fills the 登记 form from a letter already in the archive (its OCR text). */
    async prefillFromDocument(documentId: string): Promise<LetterPrefill> {
      const text = await deps.documentText(documentId);
      const letter = extractLetter(text);
      const n = Math.max(letter.petitioners.length, 1);
      const single = letter.petitioners.length <= 1;
      const petitioners = Array.from({ length: n }, (_, i) => ({
        name: letter.petitioners[i] ?? '',
        // With one writer every number found is theirs; with several, the letter lists them in the same order.
        idNumber: (single ? letter.idNumbers[0] : letter.idNumbers[i]) ?? '',
        phone: (single ? letter.phones[0] : letter.phones[i]) ?? '',
        address: (single ? letter.addresses[0] : (letter.addresses[i] ?? letter.addresses[0])) ?? '',
      }));
      return {
        documentId,
        fields: {
          form: 'letter',
          petitioners,
          headcount: Math.max(letter.headcount ?? 0, letter.petitioners.length, 1),
          region: letter.region ?? '',
          topic: '',
          claimRoute: null,
          summary: text.replace(/\f/g, '\n').trim().slice(0, 20_000),
          request: letter.request ?? '',
          documentIds: [documentId],
        },
        category: letter.category ? LETTER_CATEGORY[letter.category] : null,
        letterDate: letter.letterDate,
        text,
      };
    },

    async step(id: string, step: StepInput): Promise<CaseDetail> {
      mustGet(id);
      const rec = await record(id, (r) => parseEvent(stepEvent(nextEventId(r), closeStep(r, step))));
      return detail(rec);
    },

    /** Voids or amends an earlier record; the original stays in the history with the correction beside it. */
    async correct(input: {
      id: string;
      targetId: string;
      action: 'void' | 'amend';
      reason: string;
      on: string;
      by: string;
      replacement?: StepInput;
      register?: { receivedOn: string; on: string; source: RegisterEvent['source']; category: CaseCategory };
    }): Promise<CaseDetail> {
      const current = mustGet(input.id);
      const target = effectiveEvents(current.events).find((e) => e.id === input.targetId);
      if (!target) {
        throw new AppError(
          'case.correction_target_missing',
          `没有可更正的记录「${input.targetId}」（可能已被撤销）。请刷新后重试。`,
        );
      }
      const rec = await record(input.id, (r) => {
        const base = {
          id: nextEventId(r),
          type: 'correct',
          targetId: input.targetId,
          reason: input.reason,
          on: input.on,
          by: input.by,
        };
        if (input.action === 'void') return parseEvent({ ...base, action: 'void' });
        let replacement: Record<string, unknown>;
        if (target.type === 'register') {
          if (!input.register)
            throw new AppError('validation.invalid_input', '更正登记须填写新的收到日期、登记日期、来源和类型。');
          replacement = { ...target, ...input.register, id: target.id, by: target.by };
        } else {
          if (!input.replacement) throw new AppError('validation.invalid_input', '更正须填写改正后的内容。');
          replacement = { ...input.replacement, id: target.id };
        }
        return parseEvent({ ...base, action: 'amend', replacement }) as CorrectEvent;
      });
      return detail(rec);
    },

    /** Changes the 登记 fields; the old and new values are kept as a recorded correction. */
    async updateFields(id: string, fields: CaseFields, by: string, reason: string): Promise<CaseDetail> {
      const state = stateOf(mustGet(id));
      const clean = cleanFields(fields, state.category);
      const rec = await repo.update(id, (r) => {
        const at = now().toISOString();
        return {
          ...r,
          fields: clean,
          fieldCorrections: [
            ...r.fieldCorrections,
            {
              id: `f${r.fieldCorrections.length + 1}`,
              at,
              by: by.trim(),
              reason: reason.trim(),
              before: r.fields,
              after: clean,
            },
          ],
          updatedAt: at,
        };
      });
      return detail(rec);
    },

    due,

    /** The 工作台's page of each group (the office's clocks and the open notice tasks), and the recent 已完成. */
    dashboard({
      offsets = {},
      limit = 10,
    }: { offsets?: Partial<Record<DueGroup, number>>; limit?: number } = {}): DueBoard {
      const { today: day, items, tasks, doneTasks } = due();
      return { today: day, groups: dueBoardGroups(items, tasks, offsets, limit), doneTasks };
    },

    statistics,

    /** The statistics as an .xlsx workbook (exceljs): 概况, the three groupings, and a masked case list. */
    async exportStatistics(input: {
      year?: number;
      from?: string;
      to?: string;
    }): Promise<{ name: string; bytes: Buffer }> {
      const s = statistics(input);
      // exceljs is loaded on first export: importing it eagerly cost every start-up and CLI command ~0.3 s CPU.
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      wb.creator = '信访文书台';
      wb.created = now();
      const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
      const overview = wb.addWorksheet('概况');
      overview.columns = [
        { header: '项目', key: 'k', width: 24 },
        { header: '数值', key: 'v', width: 40 },
      ];
      overview.addRows([
        { k: '统计期间', v: `${s.from} 至 ${s.to}` },
        { k: '件次', v: s.total.cases },
        { k: '走访批次', v: s.total.batches },
        { k: '走访人次', v: s.total.persons },
        {
          k: '按期受理告知率',
          v: `${pct(s.notifyOnTime.rate)}（按期 ${s.notifyOnTime.onTime}，逾期办理 ${s.notifyOnTime.late}，逾期未办 ${s.notifyOnTime.overdue}）`,
        },
        {
          k: '按期办结率',
          v: `${pct(s.closeOnTime.rate)}（按期 ${s.closeOnTime.onTime}，逾期办理 ${s.closeOnTime.late}，逾期未办 ${s.closeOnTime.overdue}）`,
        },
        { k: '重复信访率', v: `${pct(s.repeats.rate)}（重复信访 ${s.repeats.count} 件）` },
      ]);
      for (const [title, rows] of [
        ['按信访形式', s.byForm],
        ['按问题属地', s.byRegion],
        ['按类型', s.byCategory],
      ] as const) {
        const ws = wb.addWorksheet(title);
        ws.columns = [
          { header: title.slice(1), key: 'label', width: 30 },
          { header: '件次', key: 'cases', width: 10 },
          { header: '批次', key: 'batches', width: 10 },
          { header: '人次', key: 'persons', width: 10 },
        ];
        ws.addRows(
          [...rows, s.total].map((r) => ({ label: r.label, cases: r.cases, batches: r.batches, persons: r.persons })),
        );
      }
      const list = wb.addWorksheet('信访件清单');
      list.columns = [
        { header: '登记编号', key: 'number', width: 18 },
        { header: '登记日期', key: 'on', width: 12 },
        { header: '信访形式', key: 'form', width: 8 },
        { header: '信访人', key: 'who', width: 20 },
        { header: '身份证号码', key: 'id', width: 22 },
        { header: '联系电话', key: 'phone', width: 16 },
        { header: '问题属地', key: 'region', width: 24 },
        { header: '类型', key: 'category', width: 10 },
        { header: '诉求', key: 'request', width: 50 },
        { header: '初信初访/重复信访', key: 'repeat', width: 14 },
        { header: '状态', key: 'stage', width: 16 },
      ];
      for (const c of repo.all()) {
        const state = stateOf(c);
        if (state.registeredOn < s.from || state.registeredOn > s.to) continue;
        // Exports leave the office: ID numbers and phones are masked (DESIGN §3).
        const masked = maskFields(c.fields);
        list.addRow({
          number: c.number,
          on: state.registeredOn,
          form: CASE_FORM_LABELS[c.fields.form],
          who: petitionerLine(c.fields),
          id: masked.petitioners
            .map((p) => p.idNumber)
            .filter(Boolean)
            .join('、'),
          phone: masked.petitioners
            .map((p) => p.phone)
            .filter(Boolean)
            .join('、'),
          region: c.fields.region,
          category: CATEGORY_LABELS[state.category],
          request: c.fields.request,
          repeat: c.repeat.kind === 'repeat' ? '重复信访' : '初信初访',
          stage: STAGE_LABELS[state.stage],
        });
      }
      for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      return { name: `信访统计-${s.from}至${s.to}.xlsx`, bytes };
    },

    /** The case as plain named values for generated documents (issue 6): 信访人, 收到日期, 登记编号, 诉求 … */
    fieldValues(id: string): Readonly<Record<string, string>> {
      const rec = mustGet(id);
      return caseFieldValues(rec, stateOf(rec));
    },

    settings: (): CaseSettingsView => settingsView(repo.settings()),

    async updateSettings(
      patch: Partial<Omit<CaseSettings, 'ruleSettings'>> & {
        ruleSettings?: Readonly<Record<string, RuleSettings | null>>;
      },
    ): Promise<CaseSettingsView> {
      const { ruleSettings: rulePatch, ...rest } = patch;
      const current = repo.settings();
      const ruleSettings: Record<string, RuleSettings> = { ...current.ruleSettings };
      for (const [ruleId, choice] of Object.entries(rulePatch ?? {})) {
        if (!findRule(ruleId)) {
          throw new AppError(
            'case.unknown_rule',
            `没有名为「${ruleId}」的期限规则，设置没有保存。可用的规则：${DEADLINE_RULES.map((r) => r.id).join('、')}。`,
          );
        }
        if (choice === null) delete ruleSettings[ruleId];
        else {
          const clean: RuleSettings = {
            ...(choice.unit ? { unit: choice.unit } : {}),
            ...(choice.rollOver ? { rollOver: choice.rollOver } : {}),
          };
          if (Object.keys(clean).length) ruleSettings[ruleId] = clean;
          else delete ruleSettings[ruleId];
        }
      }
      const next: CaseSettings = {
        ...current,
        ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<CaseSettings>),
        ruleSettings,
      };
      if (!isIsoDate(`2001-${next.statisticsYearStart}`)) {
        throw new AppError(
          'case.invalid_settings',
          `统计年度起始日「${next.statisticsYearStart}」不是有效的月-日，例如 12-21。`,
        );
      }
      if (!isValidNumberFormat(next.numberFormat)) {
        throw new AppError(
          'case.invalid_settings',
          `登记编号格式「${next.numberFormat}」须包含一个 YYYY（年份）和一串 N（序号，位数即 N 的个数），例如 XF-YYYY-NNNN。`,
        );
      }
      return settingsView(await repo.saveSettings(next));
    },

    today,
    /** The working-day calendar in use (bundled notices plus imported years). */
    calendar: (): WorkCalendar => calendar,

    calendarYears,

    /** Imports one year's 放假安排 (this app's compact JSON or a holiday-cn file); it replaces that year. */
    async importCalendarYear(content: string): Promise<CalendarYearsView> {
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch {
        throw new AppError('calendar.invalid_schedule', '文件不是有效的 JSON，没有导入。请选择放假安排的 .json 文件。');
      }
      const r = parseYearSchedule(json);
      if (!r.ok) {
        throw new AppError('calendar.invalid_schedule', `放假安排没有导入：${r.error.issues.join('；')}。`);
      }
      const compact = toCompactYear(r.value);
      await repo.saveImportedCalendars([...repo.importedCalendars().filter((x) => x.year !== compact.year), compact]);
      if (!deps.calendar) calendar = createOfficialCalendar(importedSchedules());
      logger.info('calendar year imported', { year: compact.year });
      return calendarYears();
    },
  };
}

export type CaseUsecases = Awaited<ReturnType<typeof createCaseUsecases>>;

/** The 信访件 part of the contract, from the use cases. */
export function createCaseApi(cases: CaseUsecases): ApiPart<(typeof CASES_REQUEST_NAMES)[number]> {
  return {
    'cases.list': async (input) => cases.page(input),
    'cases.get': async ({ id }) => cases.get(id),
    'cases.register': async (input) => cases.register(input),
    'cases.checkRepeats': async ({ fields }) => cases.checkRepeats(fields),
    'cases.prefillFromDocument': async ({ documentId }) => cases.prefillFromDocument(documentId),
    'cases.step': async ({ id, step }) => cases.step(id, step),
    'cases.correct': async (input) => cases.correct(input),
    'cases.updateFields': async ({ id, fields, by, reason }) => cases.updateFields(id, fields, by, reason),
    'cases.due': async (input) => cases.due(input),
    'cases.dashboard': async (input) => cases.dashboard(input),
    'cases.statistics': async (input) => cases.statistics(input),
    'cases.exportStatistics': async (input) => {
      const { name, bytes } = await cases.exportStatistics(input);
      return { name, dataBase64: bytes.toString('base64') };
    },
    'cases.settings': async () => cases.settings(),
    'cases.updateSettings': async (patch) => cases.updateSettings(patch),
    'cases.calendarYears': async () => cases.calendarYears(),
    'cases.importCalendarYear': async ({ content }) => cases.importCalendarYear(content),
  };
}
