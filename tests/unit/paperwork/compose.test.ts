import { describe, expect, it } from 'vitest';
import {
  checkValues,
  chineseDate,
  composeDocument,
  formatDocNumber,
  modelText,
  normalizeValues,
} from '../../../shared/paperwork/compose';
import { checkTemplate, type ParsedTemplate } from '../../../shared/paperwork/template';
import { SAMPLE_VALUES } from '../../fixtures/paperwork/sample-values';
import { builtinTemplates } from './builtin-templates';

const parsed = (id: string): ParsedTemplate => {
  const c = checkTemplate(builtinTemplates().find((t) => t.id === id)!);
  if (!c.ok) throw new Error(c.issues[0]!.message);
  return c.parsed;
};

describe('field values', () => {
  it('accept the values of a realistic case for every built-in template', () => {
    for (const t of builtinTemplates()) {
      expect(checkValues(parsed(t.id), normalizeValues(SAMPLE_VALUES)), t.id).toEqual([]);
    }
  });

  it('name every missing required field', () => {
    const values = normalizeValues({ ...SAMPLE_VALUES, 信访人: '', 处理途径: '  ' });
    const issues = checkValues(parsed('shouli_gaozhi'), values);
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['信访人', 'paperwork.field_required'],
      ['处理途径', 'paperwork.field_required'],
    ]);
  });

  it('refuse a field of 10,000 characters with its length and the limit', () => {
    const issues = checkValues(
      parsed('chuli_yijian'),
      normalizeValues({ ...SAMPLE_VALUES, 认定事实: '事'.repeat(10_000) }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: '认定事实', code: 'paperwork.field_too_long' });
    expect(issues[0]!.message).toContain('10000');
  });

  it('refuse characters outside the body font, naming them, unless the user allows them', () => {
    const values = normalizeValues({ ...SAMPLE_VALUES, 信访人: '王堃', 反映问题摘要: '房屋漏水😀' });
    const issues = checkValues(parsed('zhuansong'), values);
    expect(issues.map((i) => i.field)).toEqual(['信访人', '反映问题摘要']);
    expect(issues[0]!.code).toBe('paperwork.char_outside_font');
    expect(issues[0]!.message).toContain('“堃”（U+5803）');
    expect(checkValues(parsed('zhuansong'), values, { allowOutsideFont: true })).toEqual([]);
  });

  it('refuse control characters even when outside-font characters are allowed', () => {
    const values = normalizeValues({ ...SAMPLE_VALUES, 信访人: '张\u0007三' });
    const issues = checkValues(parsed('zhuansong'), values, { allowOutsideFont: true });
    expect(issues[0]).toMatchObject({ field: '信访人', code: 'paperwork.invalid_text' });
  });

  it('refuse an impossible date and a line break in a one-line field', () => {
    const values = normalizeValues({ ...SAMPLE_VALUES, 收到日期: '2026-02-30', 信访人: '张三\n李四' });
    const codes = checkValues(parsed('zhuansong'), values).map((i) => i.code);
    expect(codes).toEqual(['paperwork.invalid_text', 'paperwork.invalid_date']);
  });

  it('writes dates with the year in full and no leading zeros', () => {
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(chineseDate('2026年03月05日')).toBe('2026年3月5日');
    expect(chineseDate('2026-13-01')).toBeNull();
    expect(formatDocNumber('京信转', 2026, 7)).toBe('京信转〔2026〕7号');
  });
});

describe('document model', () => {
  it('leaves no field placeholder in any built-in document', () => {
    for (const t of builtinTemplates()) {
      const m = composeDocument(parsed(t.id), normalizeValues(SAMPLE_VALUES), '临信〔2026〕1号');
      expect(modelText(m), t.id).not.toMatch(/[{}]/);
    }
  });

  it('puts headings in their levels and prints dates in Chinese', () => {
    const m = composeDocument(parsed('chuli_yijian'), normalizeValues(SAMPLE_VALUES), '临信处〔2026〕3号');
    expect(m.body.find((p) => p.text.startsWith('一、'))).toMatchObject({ level: 1, lead: '一、你的请求' });
    expect(m.date).toBe('2026年3月5日');
    expect(m.addressee).toBe('张秀兰：');
    expect(m.docNumber).toBe('临信处〔2026〕3号');
  });

  it('turns the 送达回证 into label and value rows, keeping blank rows for handwriting', () => {
    const m = composeDocument(parsed('songda_huizheng'), normalizeValues({ ...SAMPLE_VALUES, 送达地点: '' }), null);
    expect(m.rows).toContainEqual(['受送达人', '张秀兰']);
    expect(m.rows).toContainEqual(['送达地点', '']);
    expect(m.body).toEqual([]);
  });
});
