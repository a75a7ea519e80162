import { describe, expect, it } from 'vitest';
import { findDeadlines } from '../../../../shared/documents/deadlines';

const REF_2019 = { year: 2019, month: 3 };

describe('findDeadlines', () => {
  it('reads 月底之前 with what to send and to whom, across line and page breaks', () => {
    const text = '各地各部门要在今年 6 月底之前将学习宣传阶段性情况报国\n\n\f家信访局研究室。';
    expect(findDeadlines(text, REF_2019)).toEqual([
      {
        due: '2019-06-30',
        dueText: '6月底之前',
        task: '学习宣传阶段性情况',
        reportTo: '国家信访局研究室',
        withinDays: null,
        unit: null,
      },
    ]);
  });

  it('reads 于X月X日前报送 with the object before the date, and a time of day', () => {
    const [d] = findDeadlines('请各单位将参会人员名单于3月4日下午4:00前报区创建办。', { year: 2010, month: 3 });
    expect(d).toMatchObject({ due: '2010-03-04', task: '参会人员名单', reportTo: '区创建办' });
  });

  it('takes the next year for a month already past when the notice was signed', () => {
    const [d] = findDeadlines('请于1月15日前将年度总结报送市信访局。', { year: 2023, month: 11 });
    expect(d.due).toBe('2024-01-15');
  });

  it('uses a year written in the deadline itself and Chinese-numeral months', () => {
    expect(findDeadlines('请于2021年7月10日前报送县政府办公室。', REF_2019)[0].due).toBe('2021-07-10');
    expect(findDeadlines('请于六月中旬前将方案报送省信访局。', REF_2019)[0].due).toBe('2019-06-20');
  });

  it('reads a relative deadline (收到后N日内, N个工作日内) without inventing a date', () => {
    const [d] = findDeadlines('请于收到本通知之日起十个工作日内将整改情况报送县信访局。', REF_2019);
    expect(d).toMatchObject({ due: null, withinDays: 10, unit: '工作日', task: '整改情况', reportTo: '县信访局' });
    expect(findDeadlines('收到后15日内书面答复。', REF_2019)[0]).toMatchObject({ withinDays: 15, unit: '日' });
  });

  it('leaves the date null when the notice has no year to anchor it', () => {
    expect(findDeadlines('请于6月底前报送材料。', null)[0]).toMatchObject({ due: null, dueText: '6月底前' });
  });

  it('ignores dates that set no task: past events and plain mentions', () => {
    expect(findDeadlines('该项目已于3月5日前完成验收。', REF_2019)).toEqual([]);
    expect(findDeadlines('会议定于3月5日召开。', REF_2019)).toEqual([]);
    expect(findDeadlines('', REF_2019)).toEqual([]);
  });
});
