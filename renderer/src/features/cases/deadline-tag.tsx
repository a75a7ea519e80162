import { Tag, Tooltip } from 'antd';
import type { CaseDeadlineView } from '../../../../shared/api/cases.contract';

export const STATUS_COLORS: Readonly<Record<CaseDeadlineView['status'], string>> = {
  overdue: 'red',
  due_soon: 'gold',
  running: 'blue',
};
export const STATUS_TEXT: Readonly<Record<CaseDeadlineView['status'], string>> = {
  overdue: '已逾期',
  due_soon: '即将到期',
  running: '办理中',
};

/** 剩 5 日（3 个工作日） / 逾期 2 日: the countdown every deadline shows. */
export function countdown(d: CaseDeadlineView): string {
  if (d.daysLeft < 0) return `逾期 ${-d.daysLeft} 日`;
  if (d.daysLeft === 0) return '今天到期';
  return `剩 ${d.daysLeft} 日（${d.workdaysLeft} 个工作日）`;
}

/** The due date with its colour, the strict date when it rolled over, and a warning for a missing calendar year. */
export function DeadlineTag({ d }: { d: CaseDeadlineView }) {
  const tip = [
    `${d.action}（${d.article}）`,
    `自 ${d.from} 起 ${d.days} ${d.unit === 'workday' ? '个工作日' : '日'}${d.extensionDays ? `（含延期 ${d.extensionDays} 日）` : ''}`,
    d.rolledOver ? `按日历计算的最后一日 ${d.strictDue} 是休息日，顺延至 ${d.due}` : '',
    d.paused ? '听证进行中，期限暂停计算' : '',
    d.missingCalendarYears.length ? `${d.missingCalendarYears.join('、')} 年节假日安排尚未导入，结果只按周末计算` : '',
  ]
    .filter(Boolean)
    .join('；');
  return (
    <Tooltip title={tip}>
      <Tag color={STATUS_COLORS[d.status]} data-status={d.status} aria-label={`期限 ${d.due} ${STATUS_TEXT[d.status]}`}>
        {d.due} · {countdown(d)}
        {d.missingCalendarYears.length ? ' ⚠' : ''}
      </Tag>
    </Tooltip>
  );
}
