/**
 * zod schemas for case events, so the API contract, the CLI and the store validate an event's shape before the
 * state machine judges whether it may happen. Messages are Chinese; dates are checked as real calendar dates.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/iso-date';
import type { CaseEvent } from './case-events';

const isoDate = z.string({ error: '日期必须是文字' }).refine(isIsoDate, { error: '日期应写成有效的 YYYY-MM-DD' });
const text = (what: string) => z.string({ error: `${what}必须是文字` });

const base = {
  id: text('记录编号').min(1, { error: '记录编号不能为空' }),
  on: isoDate,
  by: text('记录人').trim().min(1, { error: '请填写记录人' }),
  note: text('备注').optional(),
  recordedAt: z.string().optional(),
};

const outcome = z.enum(['support', 'explain', 'not_supported'], {
  error: '处理意见只能是 support（支持）、explain（解释说明）或 not_supported（不予支持）',
});

export const registerEventSchema = z.object({
  ...base,
  type: z.literal('register'),
  receivedOn: isoDate,
  officeKind: z.enum(['xinfang_department', 'organ'], {
    error: '机关类型只能是 xinfang_department（信访部门）或 organ（其他机关、单位）',
  }),
  source: z.enum(['direct', 'transferred', 'assigned'], {
    error: '来源只能是 direct（信访人直接提出）、transferred（转送）或 assigned（交办）',
  }),
  category: z.enum(['suggestion', 'accusation', 'claim'], {
    error: '类型只能是 suggestion（建议意见）、accusation（检举控告）或 claim（申诉求决）',
  }),
});

const stepSchemas = [
  z.object({ ...base, type: z.literal('transfer'), to: text('转送机关') }),
  z.object({ ...base, type: z.literal('assign'), to: text('交办机关'), reportDueOn: isoDate }),
  z.object({ ...base, type: z.literal('accept') }),
  z.object({ ...base, type: z.literal('decline'), reason: text('不予受理理由') }),
  z.object({ ...base, type: z.literal('refer_discipline'), to: text('纪检监察机关') }),
  z.object({
    ...base,
    type: z.literal('divert'),
    route: z.enum(['litigation', 'arbitration', 'party_appeal', 'administrative'], {
      error: '导入程序只能是 litigation、arbitration、party_appeal 或 administrative',
    }),
    to: text('导入的程序或机关'),
  }),
  z.object({ ...base, type: z.literal('object'), reason: text('异议理由') }),
  z.object({ ...base, type: z.literal('notify') }),
  z.object({
    ...base,
    type: z.literal('extend'),
    days: z
      .number({ error: '延期天数必须是数字' })
      .int({ error: '延期天数必须是整数' })
      .min(1, { error: '延期天数至少 1 日' })
      .max(30, { error: '延期不得超过 30 日' }),
    approvedBy: text('批准人'),
    reason: text('延期理由'),
  }),
  z.object({ ...base, type: z.literal('notify_extension') }),
  z.object({ ...base, type: z.literal('issue_opinion'), outcome }),
  z.object({ ...base, type: z.literal('serve') }),
  z.object({ ...base, type: z.literal('request_review') }),
  z.object({ ...base, type: z.literal('request_recheck') }),
  z.object({ ...base, type: z.literal('hearing_start') }),
  z.object({ ...base, type: z.literal('hearing_end') }),
  z.object({ ...base, type: z.literal('receive_report') }),
  z.object({ ...base, type: z.literal('close') }),
] as const;

const recordedEventSchema = z.discriminatedUnion('type', [registerEventSchema, ...stepSchemas], {
  error: '未知的步骤类型',
});

const correctEventSchema = z.discriminatedUnion('action', [
  z.object({
    ...base,
    type: z.literal('correct'),
    targetId: text('更正对象'),
    action: z.literal('void'),
    reason: text('更正理由'),
  }),
  z.object({
    ...base,
    type: z.literal('correct'),
    targetId: text('更正对象'),
    action: z.literal('amend'),
    reason: text('更正理由'),
    replacement: recordedEventSchema,
  }),
]);

/** Any event as it arrives over a transport or from a stored history. */
export const caseEventSchema: z.ZodType<CaseEvent> = z.union([recordedEventSchema, correctEventSchema], {
  error: '未知的步骤类型',
});
