/**
 * Checks generated documents the way a reader sees them: every built-in type is converted to PDF by LibreOffice
 * in one soffice run, then page size, margins, the 22 × 28 grid, the 文号 and 成文日期 positions are read from
 * `pdftotext -bbox`. Font names are mapped to installed CJK fonts with the fontconfig file beside this test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocx } from '../../electron/core/services/docx/build-docx';
import { CHAR, CHARS_PER_LINE, LINE, LINES_PER_PAGE, MARGIN, PAGE } from '../../electron/core/services/docx/gbt9704';
import { composeDocument, normalizeValues, type DocumentModel } from '../../shared/paperwork/compose';
import { checkTemplate } from '../../shared/paperwork/template';
import { SAMPLE_VALUES } from '../fixtures/paperwork/sample-values';
import { builtinTemplates } from '../unit/paperwork/builtin-templates';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = has('soffice') && has('pdftotext');
if (!tools)
  console.warn(
    'docx-render: soffice 或 pdftotext 未安装，跳过（.ci/run 会安装 libreoffice-writer-nogui 和 poppler-utils）',
  );

const PT = 1 / 20; // twips → points
const TEXT = {
  left: MARGIN.left * PT,
  right: (PAGE.width - MARGIN.right) * PT,
  top: MARGIN.top * PT,
  bottom: (PAGE.height - MARGIN.bottom) * PT,
};
const CHAR_PT = CHAR * PT;

interface Word {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}
interface Page {
  readonly width: number;
  readonly height: number;
  readonly words: Word[];
}
interface Line {
  readonly y: number;
  /** Height of the tallest word: 3号 body text measures about 20.8 pt, 4号 (版记, 页码) 18.2 pt, 2号 28.6 pt. */
  readonly height: number;
  readonly text: string;
  readonly xMin: number;
  readonly xMax: number;
}

function readPdf(pdf: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const pages: Page[] = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [
      ...m[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((w) => ({ xMin: +w[1]!, yMin: +w[2]!, xMax: +w[3]!, yMax: +w[4]!, text: w[5]!.replace(/&amp;/g, '&') }));
    pages.push({ width: +m[1]!, height: +m[2]!, words });
  }
  return pages;
}

/** Words on the same baseline form a line. */
function lines(page: Page): Line[] {
  const rows = new Map<number, Word[]>();
  for (const w of page.words) {
    const key = [...rows.keys()].find((y) => Math.abs(y - w.yMin) < 3) ?? w.yMin;
    rows.set(key, [...(rows.get(key) ?? []), w]);
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, ws]) => {
      ws.sort((a, b) => a.xMin - b.xMin);
      return {
        y,
        height: Math.max(...ws.map((w) => w.yMax - w.yMin)),
        text: ws.map((w) => w.text).join(''),
        xMin: ws[0]!.xMin,
        xMax: ws[ws.length - 1]!.xMax,
      };
    });
}

/** 版记 rows are set in 4号, smaller than anything else inside the text block. */
const isRecord = (l: Line, _model?: DocumentModel) => l.height < 19.5 && l.y < TEXT.bottom;

const bodyLines = (page: Page) => lines(page).filter((l) => l.y >= TEXT.top - 4 && l.y < TEXT.bottom);

const models = new Map<string, DocumentModel>();
let work = '';
let sofficeStderr = '';
const pdfs = new Map<string, Page[]>();

/** A 通知 long enough to fill whole pages with plain body text (no digits, so every character is full width). */
const LONG_BODY = Array.from(
  { length: 24 },
  (_, i) =>
    `第${'一二三四五六七八九十'[i % 10]}段落说明信访事项办理工作的有关要求各单位要严格落实首办责任制度认真做好登记受理转送交办调查核实答复反馈等环节的工作确保每一件信访事项都能依法及时就地解决切实维护群众合法权益。`,
).join('\n');

const LONG_CC =
  '临川市人民政府办公室，临川区人民政府，临川区住房和城乡建设局，临川区市场监督管理局，临川区人民法院，临川区人民检察院';

beforeAll(async () => {
  if (!tools) return;
  work = mkdtempSync(join(tmpdir(), 'xfd-docx-render-'));
  const values = normalizeValues(SAMPLE_VALUES);
  const docs: [string, ReturnType<typeof builtinTemplates>[number], Record<string, string>][] = builtinTemplates().map(
    (t) => [t.id, t, values],
  );
  const tongzhi = builtinTemplates().find((t) => t.id === 'tongzhi')!;
  docs.push(['fullpage', tongzhi, { ...values, 正文: LONG_BODY }]);
  // A 抄送 list that wraps to three lines, and a body that fills its last page so the 版记 needs a page of its own.
  docs.push(['longcc', tongzhi, { ...values, 抄送: LONG_CC }]);
  // Last pages filled to 20, 21 and 22 lines: the 版记 just fits, then needs a page of its own.
  for (const extra of [1, 2, 3]) {
    const body = [...LONG_BODY.split('\n').slice(0, 11), ...Array.from({ length: extra }, () => '以上补充说明。')];
    docs.push([`recordpage${extra}`, tongzhi, { ...values, 正文: body.join('\n') }]);
  }
  for (const [name, t, v] of docs) {
    const c = checkTemplate(t);
    if (!c.ok) throw new Error(c.issues[0]!.message);
    const model = composeDocument(c.parsed, v, t.numberCode === null ? null : '临信〔2026〕12号');
    models.set(name, model);
    writeFileSync(join(work, `${name}.docx`), await buildDocx(model));
  }
  const files = readdirSync(work).filter((f) => f.endsWith('.docx'));
  // One soffice run for every document keeps the test bounded (a start of LibreOffice costs seconds).
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(join(work, 'lo-profile')).href}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      ...files,
    ],
    {
      cwd: work,
      env: { ...process.env, FONTCONFIG_FILE: join(import.meta.dirname, 'fonts', 'fonts.conf') },
      timeout: 150_000,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  sofficeStderr = r.stderr;
  for (const f of files) {
    const pdf = join(work, f.replace(/\.docx$/, '.pdf'));
    if (existsSync(pdf)) pdfs.set(f.replace(/\.docx$/, ''), readPdf(pdf));
  }
}, 180_000);

afterAll(() => {
  if (work && !process.env.XFD_KEEP) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!tools)('generated .docx rendered by LibreOffice', () => {
  it('converts every built-in document type to a PDF', () => {
    expect([...pdfs.keys()].sort()).toEqual(
      [
        ...builtinTemplates().map((t) => t.id),
        'fullpage',
        'longcc',
        'recordpage1',
        'recordpage2',
        'recordpage3',
      ].sort(),
    );
    // LibreOffice opened every file without complaint (a damaged or repaired .docx is reported on stderr).
    const complaints = sofficeStderr.split('\n').filter((l) => l.trim() && !/javaldx/.test(l));
    expect(complaints.join('\n')).not.toMatch(/error|warn|repair|corrupt|fail/i);
    // Short documents stay short: the 送达回证 is one sheet, a 告知书 at most two pages.
    expect(pdfs.get('songda_huizheng')).toHaveLength(1);
    expect(pdfs.get('shouli_gaozhi')!.length).toBeLessThanOrEqual(2);
  });

  it('prints every page on A4 with all text inside the 156 × 225 mm text block (header, footer and 版记 aside)', () => {
    for (const [name, pages] of pdfs) {
      const model = models.get(name)!;
      for (const [i, page] of pages.entries()) {
        expect(page.width, name).toBeCloseTo(595.3, 0);
        expect(page.height, name).toBeCloseTo(841.9, 0);
        for (const w of page.words) {
          const isPageNumber = /^[—\d\s]+$/.test(w.text) && w.yMin > TEXT.bottom;
          const isLetterhead =
            model.layout === 'letter' && i === 0 && model.issuer.includes(w.text) && w.yMin < TEXT.top;
          if (isPageNumber || isLetterhead) continue;
          expect(w.xMin, `${name} p${i + 1} “${w.text}”`).toBeGreaterThanOrEqual(TEXT.left - 3);
          // A closing punctuation mark may hang one character into the margin, as in Word.
          expect(w.xMax, `${name} p${i + 1} “${w.text}”`).toBeLessThanOrEqual(TEXT.right + 16.5);
          expect(w.yMin, `${name} p${i + 1} “${w.text}”`).toBeGreaterThanOrEqual(TEXT.top - 4);
          expect(w.yMax, `${name} p${i + 1} “${w.text}”`).toBeLessThanOrEqual(TEXT.bottom + 2);
        }
      }
    }
  });

  it('lays a full page out as 22 lines of 28 characters', () => {
    const pages = pdfs.get('fullpage')!;
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const middle = bodyLines(pages[1]!);
    expect(middle).toHaveLength(22);
    const pitch = (middle[21]!.y - middle[0]!.y) / 21;
    expect(pitch).toBeCloseTo(28.95, 0);
    // Lines inside a paragraph are full: 28 characters from margin to margin.
    const full = middle.filter((l) => l.xMin < TEXT.left + 2 && l.xMax > TEXT.right - CHAR_PT);
    expect(full.length).toBeGreaterThanOrEqual(10);
    for (const l of full) expect([...l.text].length, l.text).toBe(28);
  });

  it('sets every page of every document type on one 22-line grid, with 28 characters on a full line', () => {
    const pitch = LINE * PT;
    for (const [name, pages] of pdfs) {
      const model = models.get(name)!;
      if (model.layout === 'form') continue;
      for (const [i, page] of pages.entries()) {
        // Body text in 3号: the title (2号), the 版记 (4号) and the page number are set apart by size.
        const body = bodyLines(page).filter((l) => l.height > 19.5 && l.height < 22 && !isRecord(l, model));
        expect(body.length, `${name} p${i + 1}`).toBeLessThanOrEqual(LINES_PER_PAGE);
        if (body.length < 2) continue;
        // Every line is a whole number of line pitches from the first one on the page.
        for (const l of body) {
          const steps = (l.y - body[0]!.y) / pitch;
          expect(Math.abs(steps - Math.round(steps)), `${name} p${i + 1} “${l.text}”`).toBeLessThan(0.08);
        }
        // A full line of 汉字 and full-width marks holds 28 characters, from the left margin to the right one.
        for (const [k, l] of body.entries()) {
          const full =
            l.xMin < TEXT.left + 2 &&
            l.xMax > TEXT.right - CHAR_PT &&
            /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+$/.test(l.text);
          if (!full) continue;
          // 禁则: a closing mark may not start a line, so the character before it may move down and leave 27; a closing
          // mark at the end of a full line hangs into the margin (29), as in Word.
          const closing = /[，。、；：！？”）》]/;
          const allowed = [CHARS_PER_LINE];
          if (closing.test([...(body[k + 1]?.text ?? '')][1] ?? '')) allowed.push(CHARS_PER_LINE - 1);
          if (closing.test(l.text.at(-1) ?? '')) allowed.push(CHARS_PER_LINE + 1);
          expect(allowed, `${name} p${i + 1} “${l.text}”`).toContain([...l.text].length);
        }
      }
    }
  });

  it('puts the 版记 at the foot of the last page: last rule row on the bottom line, 抄送 right above it', () => {
    for (const [name, pages] of pdfs) {
      const model = models.get(name)!;
      if (!model.cc && !model.printedBy) continue;
      const last = lines(pages[pages.length - 1]!).filter((l) => l.y < TEXT.bottom);
      const record = last.filter((l) => isRecord(l, model));
      expect(record.length, name).toBeGreaterThan(0);
      const bottom = record[record.length - 1]!;
      expect(bottom, name).toBe(last[last.length - 1]);
      expect(TEXT.bottom - (bottom.y + bottom.height), name).toBeGreaterThanOrEqual(-2);
      expect(TEXT.bottom - (bottom.y + bottom.height), name).toBeLessThan(8);
      // The rows stack upwards without gaps: 抄送 (wrapped lines included) directly above 印发.
      for (let k = 1; k < record.length; k++) expect(record[k]!.y - record[k - 1]!.y, name).toBeLessThan(30);
      // Nothing of the 版记 on an earlier page.
      for (const p of pages.slice(0, -1))
        expect(
          lines(p).filter((l) => isRecord(l, model)),
          name,
        ).toEqual([]);
      // Nothing of the body runs into it.
      const text = last.filter((l) => !isRecord(l, model));
      if (text.length)
        expect(text[text.length - 1]!.y + text[text.length - 1]!.height, name).toBeLessThan(record[0]!.y);
    }
    // A body that fills its last page leaves the 版记 a page of its own, still at the foot.
    const alone = ['recordpage1', 'recordpage2', 'recordpage3'].filter((n) => {
      const first = lines(pdfs.get(n)!.at(-1)!).filter((l) => l.y < TEXT.bottom)[0];
      return first?.text.startsWith('抄送');
    });
    expect(alone.length).toBeGreaterThan(0);
    expect(alone.length).toBeLessThan(3);
  });

  it('places the 文号: centred under the 红头 (文件), right-aligned under the double line (信函), centred under the title (plain)', () => {
    const center = (TEXT.left + TEXT.right) / 2;
    const find = (name: string) => {
      const line = lines(pdfs.get(name)![0]!).find((l) => l.text.includes('临信〔2026〕12号'));
      expect(line, name).toBeDefined();
      return line!;
    };
    const file = find('tongzhi');
    expect((file.xMin + file.xMax) / 2).toBeCloseTo(center, -1);
    // 红头 35 mm below the top of the text block, 文号 two lines below it.
    expect(file.y).toBeGreaterThan(TEXT.top + 99);
    const letter = find('zhuansong');
    expect(letter.xMax).toBeGreaterThan(TEXT.right - 3);
    expect(letter.y).toBeLessThan(TEXT.top + 60);
    const plain = find('chuli_yijian');
    expect((plain.xMin + plain.xMax) / 2).toBeCloseTo(center, -1);
    // 上行文: 文号 one character in from the left, 签发人 on the same line at the right.
    const report = find('banjie_baogao');
    expect(report.xMin).toBeCloseTo(TEXT.left + CHAR_PT, -1);
    expect(report.text).toContain('签发人');
  });

  it('places the 成文日期 four characters from the right margin with the 署名 centred above it', () => {
    for (const name of ['chuli_yijian', 'zhuansong', 'tongzhi', 'yanqi']) {
      const pages = pdfs.get(name)!;
      const all = pages.flatMap((p) => lines(p));
      const date = all.find((l) => l.text === '2026年3月5日');
      expect(date, name).toBeDefined();
      expect(TEXT.right - date!.xMax, name).toBeCloseTo(4 * CHAR_PT, -1);
      const signature = all[all.indexOf(date!) - 1]!;
      expect(signature.text).toBe('临川市人民政府信访局');
      expect((signature.xMin + signature.xMax) / 2, name).toBeCloseTo((date!.xMin + date!.xMax) / 2, -1);
    }
  });

  it('leaves no template placeholder in any document', () => {
    for (const [name, pages] of pdfs) {
      const text = pages.flatMap((p) => p.words.map((w) => w.text)).join('');
      expect(text, name).not.toMatch(/[{}]/);
    }
  });

  it('numbers pages — N — from page 1 in the 文件 format and from page 2 in the 信函 format', () => {
    const pageNumbers = (name: string) =>
      pdfs.get(name)!.map((p) =>
        p.words
          .filter((w) => w.yMin > TEXT.bottom && /\d/.test(w.text))
          .map((w) => w.text)
          .join(''),
      );
    expect(pageNumbers('fullpage').slice(0, 2)).toEqual(['1', '2']);
    const letter = pageNumbers('zhuansong');
    expect(letter[0]).toBe('');
    if (letter.length > 1) expect(letter[1]).toBe('2');
  });
});
