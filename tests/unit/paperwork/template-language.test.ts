import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldUses, parseTemplate, positionOf, renderNodes } from '../../../shared/paperwork/template-language';

const parse = (s: string) => {
  const r = parseTemplate(s);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.nodes;
};

describe('template language', () => {
  it('fills named fields and keeps the text around them', () => {
    expect(renderNodes(parse('{信访人}：你于{收到日期}来信。'), { 信访人: '张三', 收到日期: '2026年3月5日' })).toBe(
      '张三：你于2026年3月5日来信。',
    );
  });

  it('shows an optional block only when its field has a value, and a negated block only when it is empty', () => {
    const nodes = parse('甲{#抄送}抄送：{抄送}{/抄送}{^抄送}无抄送{/抄送}乙');
    expect(renderNodes(nodes, { 抄送: '某局' })).toBe('甲抄送：某局乙');
    expect(renderNodes(nodes, { 抄送: '  ' })).toBe('甲无抄送乙');
    expect(renderNodes(nodes, {})).toBe('甲无抄送乙');
  });

  it('prints doubled braces as literal braces', () => {
    expect(renderNodes(parse('{{示例}} {信访人}'), { 信访人: '李四' })).toBe('{示例} 李四');
  });

  it('reports an unclosed field with its line and column', () => {
    const r = parseTemplate('第一行\n你好{信访人');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 2, column: 3 });
    expect(r.issues[0]!.message).toContain('没有对应的“}”');
  });

  it('reports a stray closing brace, an empty name and a name with punctuation, all at once', () => {
    const r = parseTemplate('a}b{}c{信访人，}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.column)).toEqual([2, 4, 7]);
  });

  it('reports crossed and unclosed blocks at the opening tag', () => {
    const crossed = parseTemplate('{#甲}{#乙}x{/甲}{/乙}');
    expect(crossed.ok).toBe(false);
    if (!crossed.ok) expect(crossed.issues[0]!.message).toContain('不能交叉');
    const open = parseTemplate('正文\n{#抄送}抄送：{抄送}');
    expect(open.ok).toBe(false);
    if (!open.ok) expect(open.issues[0]).toMatchObject({ line: 2, column: 1 });
    const orphan = parseTemplate('{/抄送}');
    expect(orphan.ok).toBe(false);
  });

  it('lists fields with whether they sit inside an optional block', () => {
    const uses = fieldUses(parse('{信访人}{#抄送}{抄送}{联系人}{/抄送}'));
    expect(uses.map((u) => [u.name, u.optional])).toEqual([
      ['信访人', false],
      ['抄送', true],
      ['抄送', true],
      ['联系人', true],
    ]);
  });

  it('renders any text without braces unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !/[{}]/.test(s)),
        (s) => renderNodes(parse(s), {}) === s,
      ),
    );
  });

  it('never throws on arbitrary input, and every issue points inside the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300, unit: fc.constantFrom('{', '}', '#', '/', '^', '\n', '甲', '信访人', 'a') }),
        (s) => {
          const r = parseTemplate(s);
          if (r.ok) return true;
          return r.issues.every((i) => i.offset >= 0 && i.offset < s.length && i.line >= 1 && i.column >= 1);
        },
      ),
    );
  });

  it('counts columns in characters, so a character outside the BMP counts once', () => {
    expect(positionOf('𠈌{', 2)).toEqual({ line: 1, column: 2 });
  });
});
