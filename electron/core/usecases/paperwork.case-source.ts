import type { CaseDetail } from '../../../shared/api/cases.contract';
import { AppError } from '../../../shared/errors/app-error';
import type { CaseFieldSource } from './paperwork.usecases';

/**
 * Reads a 信访件 (issue 5) as template field values, and maps the steps the case allows next to the documents
 * those steps need. Only `get` is used, so the cases module stays the owner of its data.
 */
export function createCaseFieldSource(cases: {
  get(id: string): CaseDetail;
  list(input: { query?: string }): readonly { readonly id: string; readonly number: string }[];
  fieldValues(id: string): Readonly<Record<string, string>>;
}): CaseFieldSource {
  /** By record id, or by the 登记编号 people read off the paper file. */
  const find = (idOrNumber: string): string | null => {
    try {
      return cases.get(idOrNumber).id;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'case.not_found')) throw e;
    }
    return cases.list({ query: idOrNumber }).find((c) => c.number === idOrNumber)?.id ?? null;
  };
  return {
    async fieldsFor(caseId) {
      const id = find(caseId);
      return id ? templateValues(cases.fieldValues(id)) : null;
    },
    async resolveId(caseId) {
      return find(caseId);
    },
    async suggestedTemplates(caseId) {
      const id = find(caseId);
      return id ? suggestedTemplates(cases.get(id)) : [];
    },
  };
}

/**
 * The case's named values (`cases.fieldValues`, issue 5) under the names of the template field catalogue.
 * Only facts are carried over: the case records the outcome of an opinion (支持), not its wording.
 */
export function templateValues(c: Readonly<Record<string, string>>): Record<string, string> {
  const pick = (...names: string[]) => names.map((n) => c[n] ?? '').find((v) => v.trim() !== '') ?? '';
  const values: Record<string, string> = {
    信访件编号: pick('登记编号'),
    信访人: pick('信访人'),
    受送达人: pick('信访人'),
    人数: pick('人数'),
    住址: pick('住址'),
    信访人电话: pick('联系电话'),
    信访形式: pick('信访形式'),
    收到日期: pick('收到日期'),
    登记日期: pick('登记日期'),
    受理日期: pick('受理日期'),
    问题属地: pick('问题属地'),
    内容分类: pick('内容分类'),
    反映问题摘要: pick('事实和理由'),
    事实和理由: pick('事实和理由'),
    诉求: pick('诉求'),
    主送机关: pick('转送机关', '交办机关'),
    报结日期: pick('交办期限'),
    不予受理理由: pick('不予受理理由'),
    延期天数: pick('延期天数'),
    延期理由: pick('延期理由'),
    原处理意见日期: pick('意见出具日期'),
    复查请求收到日期: pick('复查请求日期'),
    复核请求收到日期: pick('复核请求日期'),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
}

/** Which built-in documents the next steps of the case call for (转送 → 转送函, 受理 → 受理告知书 …). */
export function suggestedTemplates(c: CaseDetail): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const s of c.allowedSteps) {
    if (s.type === 'transfer') add('zhuansong');
    else if (s.type === 'assign') add('jiaoban');
    else if (s.type === 'accept' || s.type === 'notify') add('shouli_gaozhi');
    else if (s.type === 'decline' || s.type === 'divert') add('buyu_shouli');
    else if (s.type === 'extend' || s.type === 'notify_extension') add('yanqi');
    else if (s.type === 'issue_opinion') {
      add(c.stage === 'under_recheck' ? 'fuhe' : c.stage === 'under_review' ? 'fucha' : 'chuli_yijian');
    } else if (s.type === 'serve') add('songda_huizheng');
    else if (s.type === 'close' && c.source === 'assigned') add('banjie_baogao');
  }
  return out;
}
