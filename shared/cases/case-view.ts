/**
 * How a case reads to people: the details line of each timeline entry, the 办结 checklist, and the case as plain
 * named values for generated documents (转送函, 告知书, 意见书 …), so templates never learn the event model.
 */
import type { CaseState } from './case-machine';
import type { CaseEvent, OpinionOutcome, RecordedEvent } from './case-events';
import {
  CASE_FORM_LABELS,
  CATEGORY_LABELS,
  CLAIM_ROUTE_LABELS,
  SOURCE_LABELS,
  checkCaseFields,
  petitionerLine,
  type CaseRecord,
} from './case-record';
import { STAGE_LABELS, effectiveEvents } from './case-machine';

export const OUTCOME_LABELS: Readonly<Record<OpinionOutcome, string>> = {
  support: '予以支持',
  explain: '解释说明',
  not_supported: '不予支持',
};

const DIVERT_LABELS: Readonly<Record<string, string>> = {
  litigation: '诉讼、复议等法定程序',
  arbitration: '仲裁',
  party_appeal: '党员申诉、申请复审',
  administrative: '行政程序',
};

function recordedDetails(e: RecordedEvent): string {
  switch (e.type) {
    case 'register':
      return `收到日期 ${e.receivedOn}；${CATEGORY_LABELS[e.category]}；${SOURCE_LABELS[e.source]}`;
    case 'transfer':
      return `转送至 ${e.to}`;
    case 'assign':
      return `交办至 ${e.to}，办理期限 ${e.reportDueOn}`;
    case 'refer_discipline':
      return `转至 ${e.to}`;
    case 'divert':
      return `导入${DIVERT_LABELS[e.route] ?? e.route}：${e.to}`;
    case 'decline':
    case 'object':
      return `理由：${e.reason}`;
    case 'extend':
      return `延期 ${e.days} 日，批准人 ${e.approvedBy}，理由：${e.reason}`;
    case 'issue_opinion':
      return OUTCOME_LABELS[e.outcome];
    default:
      return '';
  }
}

/** The details line of a timeline entry, in Chinese. */
export function eventDetails(e: CaseEvent): string {
  if (e.type !== 'correct') return recordedDetails(e);
  if (e.action === 'void') return `撤销记录 ${e.targetId}`;
  const d = recordedDetails(e.replacement);
  return `记录 ${e.targetId} 改为：${e.replacement.on}${d ? `，${d}` : ''}`;
}

export interface ChecklistEntry {
  readonly label: string;
  readonly done: boolean;
  readonly hint: string;
}

/** What must be in place before 办结; shown as a checklist on the case page. */
export function closingChecklist(rec: CaseRecord, state: CaseState): readonly ChecklistEntry[] {
  const items: ChecklistEntry[] = [
    {
      label: '登记要素齐全（第十九条）',
      done: checkCaseFields(rec.fields).length === 0,
      hint: '信访人姓名、住址、请求、事实和理由',
    },
    {
      label: '已附来信或记录的扫描件',
      done: rec.fields.documentIds.length > 0,
      hint: '在登记信息中关联档案中的扫描件',
    },
  ];
  if (state.route !== null) {
    items.push({
      label: '已书面告知信访人',
      done: state.notifiedOn !== null,
      hint: '第二十二、二十三条：15 日内书面告知',
    });
  }
  if (state.extensionDays > 0) {
    items.push({ label: '延期已告知信访人', done: !state.extensionPendingNotice, hint: '第三十四条：告知延期理由' });
  }
  if (state.opinions.length > 0) {
    const last = state.opinions.at(-1);
    items.push({
      label: '意见书已送达并记录送达日期',
      done: last?.servedOn != null,
      hint: '送达回证上信访人签收的日期',
    });
  }
  if (state.route === 'assign') {
    items.push({
      label: '已收到承办单位办结报告',
      done: state.reportReceivedOn !== null,
      hint: '第二十二条第一款第三项',
    });
  }
  return items;
}

/**
 * The case as plain named values (信访人, 收到日期, 登记编号, 诉求 …) for document templates. Values are unmasked:
 * a 告知书 is addressed to the petitioner. Missing values are empty strings.
 */
export function caseFieldValues(rec: CaseRecord, state: CaseState): Readonly<Record<string, string>> {
  const events = effectiveEvents(state.history);
  const last = <T extends RecordedEvent['type']>(type: T) =>
    events.filter((e): e is Extract<RecordedEvent, { type: T }> => e.type === type).at(-1);
  const f = rec.fields;
  const first = f.petitioners[0];
  const transfer = last('transfer');
  const assign = last('assign');
  const extend = events.filter((e) => e.type === 'extend');
  const opinion = state.opinions.at(-1);
  const decline = last('decline');
  return {
    登记编号: rec.number,
    信访人: petitionerLine(f),
    信访人姓名: f.petitioners.map((p) => p.name).join('、'),
    身份证号码: first?.idNumber ?? '',
    联系电话: first?.phone ?? '',
    住址: first?.address ?? '',
    人数: String(f.headcount),
    信访形式: CASE_FORM_LABELS[f.form],
    收到日期: state.receivedOn,
    登记日期: state.registeredOn,
    问题属地: f.region,
    内容分类: f.topic,
    类型: CATEGORY_LABELS[state.category],
    办理途径: f.claimRoute ? CLAIM_ROUTE_LABELS[f.claimRoute] : '',
    来源: SOURCE_LABELS[state.source],
    事实和理由: f.summary,
    诉求: f.request,
    受理日期: state.acceptedOn ?? '',
    转送机关: transfer?.to ?? '',
    转送日期: transfer?.on ?? '',
    交办机关: assign?.to ?? '',
    交办日期: assign?.on ?? '',
    交办期限: assign?.reportDueOn ?? '',
    不予受理理由: decline?.reason ?? '',
    告知日期: state.notifiedOn ?? '',
    延期天数: state.extensionDays > 0 ? String(state.extensionDays) : '',
    延期理由: extend.map((e) => (e.type === 'extend' ? e.reason : '')).join('；'),
    处理意见: opinion ? OUTCOME_LABELS[opinion.outcome] : '',
    意见出具日期: opinion?.issuedOn ?? '',
    送达日期: opinion?.servedOn ?? '',
    复查请求日期: state.reviewRequestedOn ?? '',
    复核请求日期: state.recheckRequestedOn ?? '',
    办结日期: state.closedOn ?? '',
    当前状态: STAGE_LABELS[state.stage],
  };
}

/** What a reminder needs of a due item (the contract's CaseDeadlineView satisfies it). */
export interface ReminderItem {
  readonly caseNumber: string;
  readonly status: 'overdue' | 'due_soon' | 'running';
  readonly owner: 'office' | 'petitioner';
}

/**
 * The desktop reminder: counts and case numbers only (no names: notifications show on a locked screen), or null
 * when nothing is overdue or due soon.
 */
export function reminderText(items: readonly ReminderItem[]): { title: string; body: string } | null {
  const office = items.filter((i) => i.owner === 'office');
  const overdue = office.filter((i) => i.status === 'overdue');
  const soon = office.filter((i) => i.status === 'due_soon');
  if (overdue.length === 0 && soon.length === 0) return null;
  const numbers = (list: readonly ReminderItem[]) => {
    const unique = [...new Set(list.map((i) => i.caseNumber))];
    return unique.slice(0, 3).join('、') + (unique.length > 3 ? ' 等' : '');
  };
  const parts = [
    overdue.length ? `${overdue.length} 项已逾期（${numbers(overdue)}）` : '',
    soon.length ? `${soon.length} 项 3 个工作日内到期（${numbers(soon)}）` : '',
  ].filter(Boolean);
  return { title: '信访件期限提醒', body: `${parts.join('；')}。请打开工作台查看。` };
}
