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

/** A document generated for the case (the 文书 ledger, issue 6), as the checklist needs it. */
export interface CaseIssuedDocument {
  /** The 文书类型 of its template: shouli_gaozhi, buyu_shouli, chuli_yijian … (resources/templates). */
  readonly docType: string;
  readonly title: string;
  readonly docNumber: string | null;
  /** A cancelled 文号 (作废) does not count. */
  readonly cancelled: boolean;
  /** The generated text, null when the file could not be read. */
  readonly text: string | null;
  /** For the timeline (issue 6, shared/paperwork/issued-timeline.ts): ledger id, time issued, stored file, why a 文号 was cancelled. */
  readonly id?: string;
  readonly issuedAt?: string;
  readonly file?: string;
  readonly cancelReason?: string | null;
}

/** Which 告知书 each route calls for (第二十二、二十三、三十一条); routes missing here need no particular one. */
const NOTICE_TYPES: Readonly<Partial<Record<NonNullable<CaseState['route']>, readonly string[]>>> = {
  accept: ['shouli_gaozhi'],
  transfer: ['shouli_gaozhi'],
  assign: ['shouli_gaozhi'],
  decline: ['buyu_shouli', 'buzai_shouli'],
  divert: ['buyu_shouli'],
};

/** Every 告知书 type, to spot one of the wrong kind (a 受理告知书 sent on a declined case). */
const ALL_NOTICE_TYPES = ['shouli_gaozhi', 'buyu_shouli', 'buzai_shouli'];

export const DOC_TYPE_LABELS: Readonly<Record<string, string>> = {
  shouli_gaozhi: '受理告知书',
  buyu_shouli: '不予受理告知书',
  buzai_shouli: '不再受理告知书',
  zhuansong: '转送函',
  jiaoban: '交办函',
  yanqi: '延期办理告知书',
  chuli_yijian: '处理意见书',
  fucha: '复查意见书',
  fuhe: '复核意见书',
  songda_huizheng: '送达回证',
  banjie_baogao: '办结报告',
};

const OPINION_DOC: Readonly<Record<string, string>> = {
  handling: 'chuli_yijian',
  review: 'fucha',
  recheck: 'fuhe',
};

/** 第三十五、三十六条: an opinion must tell the petitioner where and within how long to ask for the next 层级. */
const NEXT_LEVEL_NOTICE: Readonly<Record<string, { word: string; label: string }>> = {
  chuli_yijian: { word: '复查', label: '处理意见书含复查告知（30 日内向上一级机关请求复查）' },
  fucha: { word: '复核', label: '复查意见书含复核告知（30 日内向上一级机关请求复核）' },
};

/** The notice is there when the text names the next 层级 and a 30-day period near it. */
export function hasNextLevelNotice(text: string, word: string): boolean {
  const flat = text.replace(/\s+/g, '');
  return new RegExp(`(?:30|三十)日内[^。]{0,60}${word}|${word}[^。]{0,60}(?:30|三十)日`).test(flat);
}

const label = (t: string): string => DOC_TYPE_LABELS[t] ?? t;

/** The documents the recorded steps call for, by 文书类型, in workflow order. */
function requiredDocuments(state: CaseState): string[] {
  const out: string[] = [];
  const add = (t: string) => {
    if (!out.includes(t)) out.push(t);
  };
  if (state.route === 'transfer') add('zhuansong');
  if (state.route === 'assign') add('jiaoban');
  if (state.extensionDays > 0) add('yanqi');
  for (const o of state.opinions) {
    add(OPINION_DOC[o.level] ?? 'chuli_yijian');
    if (o.servedOn !== null) add('songda_huizheng');
  }
  return out;
}

/**
 * What must be in place before 办结; shown as a checklist on the case page and checked again when 办结 is recorded.
 * `issued` is the case's generated documents; without them the document items show as not done.
 */
export function closingChecklist(
  rec: CaseRecord,
  state: CaseState,
  issued: readonly CaseIssuedDocument[] = [],
): readonly ChecklistEntry[] {
  const docs = issued.filter((d) => !d.cancelled);
  const has = (t: string) => docs.some((d) => d.docType === t);
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
    const expected = NOTICE_TYPES[state.route];
    if (expected) {
      const wrong = ALL_NOTICE_TYPES.filter((t) => !expected.includes(t) && has(t));
      const right = expected.some(has);
      const want = expected.map(label).join('或');
      items.push({
        label: `告知书类型正确（应为${want}）`,
        done: right && wrong.length === 0,
        hint: wrong.length
          ? `已出具的${wrong.map(label).join('、')}与办理方式不符，请作废后出具${want}`
          : right
            ? '已生成'
            : `尚未生成${want}：请在「生成文书」中出具`,
      });
    }
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
  for (const level of new Set(state.opinions.map((o) => o.level))) {
    const t = OPINION_DOC[level] ?? '';
    const notice = NEXT_LEVEL_NOTICE[t];
    if (!notice) continue;
    const mine = docs.filter((d) => d.docType === t);
    const unreadable = mine.length > 0 && mine.every((d) => d.text === null);
    const ok = mine.some((d) => d.text !== null && hasNextLevelNotice(d.text, notice.word));
    items.push({
      label: notice.label,
      done: ok,
      hint:
        mine.length === 0
          ? `尚未生成${label(t)}`
          : unreadable
            ? `无法读取已生成的${label(t)}，请重新生成`
            : ok
              ? '已核对'
              : `已生成的${label(t)}没有写明${notice.word}途径和 30 日期限，请修改模板后重新生成`,
    });
  }
  const required = requiredDocuments(state);
  if (required.length > 0) {
    const missing = required.filter((t) => !has(t));
    items.push({
      label: '生成的文书齐全',
      done: missing.length === 0,
      hint: missing.length ? `缺少：${missing.map(label).join('、')}` : `已生成：${required.map(label).join('、')}`,
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

const FIELD_LABELS: Readonly<Record<keyof CaseRecord['fields'], string>> = {
  form: '信访形式',
  petitioners: '信访人',
  headcount: '人数',
  region: '问题属地',
  topic: '内容分类',
  claimRoute: '办理途径',
  summary: '事实和理由',
  request: '请求',
  documentIds: '扫描件',
};

/** Which 登记 fields a recorded change touched, by their Chinese names, for the timeline. */
export function changedFieldLabels(before: CaseRecord['fields'], after: CaseRecord['fields']): string[] {
  return (Object.keys(FIELD_LABELS) as (keyof CaseRecord['fields'])[])
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => FIELD_LABELS[k]);
}
