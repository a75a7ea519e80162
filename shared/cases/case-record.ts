/**
 * What a 信访件 records besides its event history: the 登记 fields (第十九条: 姓名（名称）、住址、请求、事实、理由),
 * the case number, and the pure checks on them. The state machine judges the steps; this file judges the form.
 */
import type { IsoDate } from '../calendar/iso-date';
import { isValidIdNumber } from '../letters/id-number';
import type { CaseCategory, CaseEvent, CaseSource, OfficeKind } from './case-events';

/** 信访形式. */
export type CaseForm = 'letter' | 'visit' | 'online' | 'phone' | 'fax';
export const CASE_FORMS: readonly CaseForm[] = ['letter', 'visit', 'online', 'phone', 'fax'];
export const CASE_FORM_LABELS: Readonly<Record<CaseForm, string>> = {
  letter: '来信',
  visit: '走访',
  online: '网上',
  phone: '电话',
  fax: '传真',
};

export const CATEGORY_LABELS: Readonly<Record<CaseCategory, string>> = {
  suggestion: '建议意见',
  accusation: '检举控告',
  claim: '申诉求决',
};

export const SOURCE_LABELS: Readonly<Record<CaseSource, string>> = {
  direct: '信访人直接提出',
  transferred: '上级转送',
  assigned: '上级交办',
};

export const OFFICE_KIND_LABELS: Readonly<Record<OfficeKind, string>> = {
  xinfang_department: '信访部门',
  organ: '其他机关、单位',
};

/** 第三十一条 (一)–(六): how a 申诉求决 item is handled. */
export type ClaimRoute = 'litigation' | 'arbitration' | 'party_appeal' | 'administrative' | 'duty' | 'opinion';
export const CLAIM_ROUTE_LABELS: Readonly<Record<ClaimRoute, string>> = {
  litigation: '（一）诉讼、复议等法定程序',
  arbitration: '（二）仲裁',
  party_appeal: '（三）党员申诉、申请复审',
  administrative: '（四）行政复议、裁决、确认、许可、处罚等行政程序',
  duty: '（五）依法履行职责或答复',
  opinion: '（六）调查核实，出具信访处理意见书',
};

export interface Petitioner {
  readonly name: string;
  /** 18-character GB 11643 number or empty. */
  readonly idNumber: string;
  readonly phone: string;
  readonly address: string;
}

/** The 登记 form, as entered (and as corrected later by recorded field corrections). */
export interface CaseFields {
  readonly form: CaseForm;
  readonly petitioners: readonly Petitioner[];
  /** 人数: at least the number of named petitioners. */
  readonly headcount: number;
  /** 问题属地 (administrative division, free text such as 河北省石家庄市长安区). */
  readonly region: string;
  /** 内容分类 (e.g. 城乡建设, 劳动社保). */
  readonly topic: string;
  /** 申诉求决 only: the 第三十一条 route, when decided. */
  readonly claimRoute: ClaimRoute | null;
  /** 事实和理由. */
  readonly summary: string;
  /** 请求（诉求）. */
  readonly request: string;
  /** Scans of the letter and attachments: documents in the archive. */
  readonly documentIds: readonly string[];
}

/** A change of the 登记 fields, kept with the case so nothing is edited silently. */
export interface FieldCorrection {
  readonly id: string;
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  readonly before: CaseFields;
  readonly after: CaseFields;
}

/** 初信初访 or 重复信访, with the earlier cases that made it a repeat. */
export interface RepeatMark {
  readonly kind: 'first' | 'repeat';
  readonly relatedCaseIds: readonly string[];
}

/** One stored case: metadata, the 登记 fields and the full event history (the state is always replayed). */
export interface CaseRecord {
  readonly id: string;
  /** 登记编号, unique. */
  readonly number: string;
  readonly fields: CaseFields;
  readonly repeat: RepeatMark;
  readonly events: readonly CaseEvent[];
  readonly fieldCorrections: readonly FieldCorrection[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One missing or wrong field of the 登记 form, with the Chinese reason. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Checks the 登记 form: 第十九条 asks for 姓名（名称）、住址、请求、事实和理由; ID numbers must pass the GB 11643
 * check digit; 人数 cannot be below the named petitioners. Returns every problem, so the form shows them all at once.
 */
export function checkCaseFields(fields: CaseFields): readonly FieldProblem[] {
  const problems: FieldProblem[] = [];
  const blank = (s: string) => s.trim() === '';
  if (fields.petitioners.length === 0) {
    problems.push({ field: 'petitioners', message: '请至少填写一位信访人（第十九条：信访人应载明姓名（名称））。' });
  }
  fields.petitioners.forEach((p, i) => {
    const who = fields.petitioners.length > 1 ? `第 ${i + 1} 位信访人` : '信访人';
    if (blank(p.name))
      problems.push({ field: `petitioners.${i}.name`, message: `请填写${who}的姓名（名称）（第十九条）。` });
    const id = p.idNumber.trim();
    if (id !== '' && !isValidIdNumber(id)) {
      problems.push({
        field: `petitioners.${i}.idNumber`,
        message: `${who}的身份证号码「${id}」不正确（位数、出生日期或末位校验码不对），请对照证件核对；不知道可以不填。`,
      });
    }
    const phone = p.phone.trim();
    if (phone !== '' && !/^[0-9+()（） -]{5,20}$/.test(phone)) {
      problems.push({
        field: `petitioners.${i}.phone`,
        message: `${who}的电话「${phone}」只能包含数字和 - 号，请核对。`,
      });
    }
  });
  if (fields.petitioners.length > 0 && fields.petitioners.every((p) => blank(p.address))) {
    problems.push({ field: 'petitioners.0.address', message: '请填写信访人的住址（第十九条）。' });
  }
  if (blank(fields.request)) problems.push({ field: 'request', message: '请填写信访人的请求（诉求）（第十九条）。' });
  if (blank(fields.summary)) problems.push({ field: 'summary', message: '请填写事实和理由（第十九条）。' });
  if (!Number.isInteger(fields.headcount) || fields.headcount < Math.max(1, fields.petitioners.length)) {
    problems.push({
      field: 'headcount',
      message: `人数应是整数，且不少于已填写的信访人数（${Math.max(1, fields.petitioners.length)} 人）。`,
    });
  }
  return problems;
}

/** The default 登记编号 pattern: YYYY is the 登记 year, a run of N the sequence number padded to that width. */
export const DEFAULT_NUMBER_FORMAT = 'XF-YYYY-NNNN';

/** True when a pattern has exactly one YYYY and one run of N, so every number it makes is distinct. */
export function isValidNumberFormat(format: string): boolean {
  return (format.match(/YYYY/g) ?? []).length === 1 && (format.match(/N+/g) ?? []).length === 1;
}

/** Fills a 登记编号 pattern; a sequence longer than its N run is written in full rather than cut. */
export function formatCaseNumber(format: string, year: number, seq: number): string {
  return format.replace('YYYY', String(year)).replace(/N+/, (run) => String(seq).padStart(run.length, '0'));
}

/** 110101********1234: the region and the last four stay so staff can tell people apart. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return s.replace(/./g, '*');
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** 138****5678 / 010-****5678. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  const digits = s.replace(/[^0-9]/g, '');
  if (digits.length < 7) return s.replace(/[0-9]/g, '*');
  let seen = 0;
  const keepHead = s.startsWith('1') ? 3 : 0;
  return s.replace(/[0-9]/g, (d) => {
    seen++;
    return seen <= keepHead || seen > digits.length - 4 ? d : '*';
  });
}

/** The fields with every ID number and phone masked: what lists, exports and logs show. */
export function maskFields(fields: CaseFields): CaseFields {
  return {
    ...fields,
    petitioners: fields.petitioners.map((p) => ({
      ...p,
      idNumber: p.idNumber ? maskIdNumber(p.idNumber) : '',
      phone: p.phone ? maskPhone(p.phone) : '',
    })),
  };
}

/** The 信访人 as one line: 张三、李四等 5 人. */
export function petitionerLine(fields: CaseFields): string {
  const names = fields.petitioners.map((p) => p.name.trim()).filter(Boolean);
  const shown = names.slice(0, 3).join('、');
  return fields.headcount > names.length || names.length > 3 ? `${shown}等 ${fields.headcount} 人` : shown;
}

/** Statistics year `year`: from `start` (MM-DD, default 12-21) of the year before to the day before it in `year`. */
export function statisticsPeriod(year: number, start = '12-21'): { from: IsoDate; to: IsoDate } {
  // A start of 01-01 means the calendar year; any later start begins in the previous calendar year.
  const [m, d] = start.split('-').map(Number) as [number, number];
  const fromYear = m === 1 && d === 1 ? year : year - 1;
  const from = `${fromYear}-${start}`;
  const end = new Date(Date.UTC(fromYear + 1, m - 1, d - 1));
  return { from, to: end.toISOString().slice(0, 10) };
}
