import { describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../../../shared/paperwork/doc-types';
import { checkTemplate, userRequiredFields, type PaperworkTemplate } from '../../../shared/paperwork/template';
import { builtinTemplates } from './builtin-templates';

const byId = (id: string) => builtinTemplates().find((t) => t.id === id)!;
const withBody = (t: PaperworkTemplate, body: string): PaperworkTemplate => ({ ...t, parts: { ...t.parts, body } });

describe('built-in templates', () => {
  it('ship one valid template for every document type of the issue', () => {
    const templates = builtinTemplates();
    expect(templates.map((t) => t.docType).sort()).toEqual(DOC_TYPES.map((d) => d.id).sort());
    for (const t of templates) {
      const c = checkTemplate(t);
      expect(c.ok ? [] : c.issues, t.id).toEqual([]);
    }
  });

  it('state the remedy where the document opens one: 复查 in the 处理意见书, 复核 in the 复查意见书, finality in the 复核意见书', () => {
    expect(byId('chuli_yijian').parts.body).toMatch(/30日内.*\{复查机关\}.*请求复查/);
    expect(byId('fucha').parts.body).toMatch(/30日内.*\{复核机关\}.*请求复核/);
    expect(byId('fuhe').parts.body).toContain('不再受理');
    expect(byId('zhuansong').parts.body).toContain('5个工作日内提出异议');
    expect(byId('yanqi').parts.body).toContain('不超过30日');
  });

  it('list the 3 fields a 受理告知书 needs from a person, not the automatic 文号 or the default date', () => {
    const c = checkTemplate(byId('shouli_gaozhi'));
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const required = userRequiredFields(c.parsed);
    expect(required).toEqual(expect.arrayContaining(['信访人', '收到日期', '处理途径']));
    expect(required).not.toContain('文号');
    expect(required).not.toContain('成文日期');
  });
});

describe('template validation', () => {
  it('refuses an unknown field and says where it is', () => {
    const t = withBody(byId('shouli_gaozhi'), '{信访人}你好。\n请于{收到日期}后联系{承办人姓名}。{处理途径}');
    const c = checkTemplate(t);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.issues).toHaveLength(1);
    expect(c.issues[0]).toMatchObject({ part: 'body', line: 2, column: 12 });
    expect(c.issues[0]!.message).toContain('未知字段“承办人姓名”');
  });

  it('refuses a 处理意见书 without the 复查 notice', () => {
    const t = byId('chuli_yijian');
    const c = checkTemplate(withBody(t, t.parts.body.replace(/四、复查告知[\s\S]*$/, '')));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues.map((i) => i.message).join()).toContain('必须包含字段“复查机关”');
  });

  it('does not count a required field that only appears inside an optional block', () => {
    const t = byId('chuli_yijian');
    const c = checkTemplate(withBody(t, t.parts.body.replace('向{复查机关}', '{#复查机关}向{复查机关}{/复查机关}')));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]!.message).toContain('只出现在可选段里');
  });

  it('reports a syntax error in a part with that part named', () => {
    const t = byId('zhuansong');
    const c = checkTemplate({ ...t, parts: { ...t.parts, title: '关于转送{信访人信访事项的函' } });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]).toMatchObject({ part: 'title', line: 1, column: 5 });
  });

  it('requires a 文号 for numbered document types', () => {
    const c = checkTemplate({ ...byId('zhuansong'), numberCode: null });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]!.message).toContain('编文号');
  });
});
