/**
 * The template language offices edit: plain text with named fields and optional blocks.
 *
 *   {信访人}                 the value of a field
 *   {#抄送}抄送：{抄送}{/抄送}  shown only when the field has a value
 *   {^联系人}…{/联系人}        shown only when the field is empty
 *   {{ and }}                literal braces
 *
 * Mustache-like on purpose (familiar, no logic beyond present/absent), with Chinese error messages that
 * carry the line and column so the editor can point at the mistake.
 */

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly name: string; readonly offset: number }
  | {
      readonly kind: 'block';
      readonly name: string;
      /** True for `{^名}`: shown when the field is empty. */
      readonly negated: boolean;
      readonly offset: number;
      readonly children: readonly TemplateNode[];
    };

export interface SyntaxIssue {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly nodes: readonly TemplateNode[] }
  | { readonly ok: false; readonly issues: readonly SyntaxIssue[] };

/** Field names: Chinese characters, letters, digits, full-width parentheses and 、/ — no braces, spaces or punctuation that could be a typo. */
const NAME = /^[\p{Script=Han}A-Za-z0-9_（）()、/·]+$/u;
const MAX_NAME = 30;

/** 1-based line and column of an offset, counted in characters as the editor shows them. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: [...source.slice(lineStart, offset)].length + 1 };
}

interface Frame {
  readonly name: string;
  readonly negated: boolean;
  readonly offset: number;
  readonly children: TemplateNode[];
}

/** Parses a template text; every problem found is reported (not only the first) with its position. */
export function parseTemplate(source: string): ParseResult {
  const issues: SyntaxIssue[] = [];
  const issue = (offset: number, message: string) => issues.push({ offset, ...positionOf(source, offset), message });
  const root: TemplateNode[] = [];
  const stack: Frame[] = [];
  const out = () => (stack.length ? stack[stack.length - 1]!.children : root);
  let text = '';
  const flush = () => {
    if (text) out().push({ kind: 'text', text });
    text = '';
  };

  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '{' && source[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    if (ch === '}' && source[i + 1] === '}') {
      text += '}';
      i += 2;
      continue;
    }
    if (ch === '}') {
      issue(i, '多了一个“}”。字段要写成 {字段名}；如果要印出花括号本身，请写成 }}。');
      i++;
      continue;
    }
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    const end = findClose(source, i + 1);
    if (end < 0) {
      issue(i, '“{”没有对应的“}”。字段要写成 {字段名}；如果要印出花括号本身，请写成 {{。');
      i++;
      continue;
    }
    const inner = source.slice(i + 1, end);
    const sigil = inner[0];
    const name = (sigil === '#' || sigil === '^' || sigil === '/' ? inner.slice(1) : inner).trim();
    if (!name) {
      issue(i, '花括号里缺少字段名。请写成 {字段名}，例如 {信访人}。');
    } else if (name.length > MAX_NAME || !NAME.test(name)) {
      issue(i, `“${inner}”不是有效的字段名：字段名只能由汉字、字母、数字和括号组成，且不超过 ${MAX_NAME} 个字。`);
    } else if (sigil === '#' || sigil === '^') {
      flush();
      stack.push({ name, negated: sigil === '^', offset: i, children: [] });
    } else if (sigil === '/') {
      flush();
      const top = stack[stack.length - 1];
      if (!top) {
        issue(i, `“{/${name}}”前面没有对应的“{#${name}}”或“{^${name}}”。请删除它或补上开头。`);
      } else if (top.name !== name) {
        issue(
          i,
          `这里应先结束“${top.name}”可选段（写 {/${top.name}}），却遇到了“{/${name}}”。可选段不能交叉，请调整顺序。`,
        );
      } else {
        stack.pop();
        out().push({ kind: 'block', name, negated: top.negated, offset: top.offset, children: top.children });
      }
    } else {
      flush();
      out().push({ kind: 'field', name, offset: i });
    }
    i = end + 1;
  }
  flush();
  for (const open of stack) {
    issue(open.offset, `可选段“${open.name}”没有结束标记。请在段落末尾加上 {/${open.name}}。`);
  }
  return issues.length ? { ok: false, issues } : { ok: true, nodes: root };
}

/** Index of the `}` closing a field that starts after `from`, or -1 when a newline or another `{` comes first. */
function findClose(source: string, from: number): number {
  for (let j = from; j < source.length; j++) {
    const c = source[j];
    if (c === '}') return j;
    if (c === '{' || c === '\n') return -1;
  }
  return -1;
}

export interface FieldUse {
  readonly name: string;
  readonly offset: number;
  /** True when the field sits inside an optional block (so the text reads well without it). */
  readonly optional: boolean;
}

/** Every field and block name a template refers to, with where it appears. */
export function fieldUses(nodes: readonly TemplateNode[], optional = false): FieldUse[] {
  const uses: FieldUse[] = [];
  for (const n of nodes) {
    if (n.kind === 'field') uses.push({ name: n.name, offset: n.offset, optional });
    else if (n.kind === 'block') {
      uses.push({ name: n.name, offset: n.offset, optional: true });
      uses.push(...fieldUses(n.children, true));
    }
  }
  return uses;
}

const present = (v: string | undefined) => v !== undefined && v.trim().length > 0;

/** Fills the fields; a field without a value renders as empty (callers check required fields before). */
export function renderNodes(nodes: readonly TemplateNode[], values: Readonly<Record<string, string>>): string {
  let s = '';
  for (const n of nodes) {
    if (n.kind === 'text') s += n.text;
    else if (n.kind === 'field') s += values[n.name] ?? '';
    else if (present(values[n.name]) !== n.negated) s += renderNodes(n.children, values);
  }
  return s;
}
