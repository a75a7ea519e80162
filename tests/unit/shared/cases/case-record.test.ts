import { describe, expect, it } from 'vitest';
import {
  checkCaseFields,
  formatCaseNumber,
  isValidNumberFormat,
  maskIdNumber,
  maskPhone,
  petitionerLine,
  statisticsPeriod,
  type CaseFields,
} from '../../../../shared/cases/case-record';

const fields = (over: Partial<CaseFields> = {}): CaseFields => ({
  form: 'letter',
  petitioners: [{ name: '张三', idNumber: '', phone: '', address: '某县某镇' }],
  headcount: 1,
  region: '',
  topic: '',
  claimRoute: null,
  summary: '事实',
  request: '请求',
  documentIds: [],
  ...over,
});

describe('the 登记 form check', () => {
  it('accepts a form with name, address, request and facts (第十九条)', () => {
    expect(checkCaseFields(fields())).toEqual([]);
  });

  it('lists every missing 第十九条 field at once', () => {
    const problems = checkCaseFields(
      fields({ petitioners: [{ name: ' ', idNumber: '', phone: '', address: '' }], summary: '', request: '' }),
    );
    expect(problems.map((p) => p.field)).toEqual(['petitioners.0.name', 'petitioners.0.address', 'request', 'summary']);
  });

  it('refuses an ID number with a wrong check digit or birth date, and a headcount below the named people', () => {
    const p = { name: '张三', idNumber: '110101198001011233', phone: '', address: 'x' };
    const q = { name: '李四', idNumber: '110101198002301236', phone: '', address: 'x' };
    const problems = checkCaseFields(fields({ petitioners: [p, q], headcount: 1 }));
    expect(problems.map((x) => x.field)).toEqual(['petitioners.0.idNumber', 'petitioners.1.idNumber', 'headcount']);
    expect(checkCaseFields(fields({ petitioners: [{ ...p, idNumber: '11010519491231002x' }] }))).toEqual([]);
  });
});

describe('case numbers, masking and periods', () => {
  it('fills the number pattern and widens the sequence rather than cutting it', () => {
    expect(formatCaseNumber('XF-YYYY-NNNN', 2025, 7)).toBe('XF-2025-0007');
    expect(formatCaseNumber('信〔YYYY〕NN号', 2025, 123)).toBe('信〔2025〕123号');
    expect([isValidNumberFormat('XF-YYYY-NNNN'), isValidNumberFormat('XF-NNNN'), isValidNumberFormat('YYYY')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('masks ID numbers and phones but keeps enough to tell people apart', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0311-86661234')).toBe('****-****1234');
  });

  it('names up to three petitioners and the headcount', () => {
    const p = (name: string) => ({ name, idNumber: '', phone: '', address: '' });
    expect(petitionerLine(fields({ petitioners: [p('甲'), p('乙')], headcount: 2 }))).toBe('甲、乙');
    expect(petitionerLine(fields({ petitioners: [p('甲')], headcount: 30 }))).toBe('甲等 30 人');
  });

  it('runs the statistics year from 12-21 of the year before to 12-20, or over the calendar year', () => {
    expect(statisticsPeriod(2025)).toEqual({ from: '2024-12-21', to: '2025-12-20' });
    expect(statisticsPeriod(2024, '01-01')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(statisticsPeriod(2025, '03-01')).toEqual({ from: '2024-03-01', to: '2025-02-28' });
  });
});
