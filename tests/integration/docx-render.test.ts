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
import { CHAR, MARGIN, PAGE } from '../../electron/core/services/docx/gbt9704';
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
      return { y, text: ws.map((w) => w.text).join(''), xMin: ws[0]!.xMin, xMax: ws[ws.length - 1]!.xMax };
    });
}

const bodyLines = (page: Page) => lines(page).filter((l) => l.y >= TEXT.top - 4 && l.y < TEXT.bottom);

const models = new Map<string, DocumentModel>();
let work = '';
const pdfs = new Map<string, Page[]>();

/** A 通知 long enough to fill whole pages with plain body text (no digits, so every character is full width). */
const LONG_BODY = Array.from(
  { length: 24 },
  (_, i) =>
    `第${'一二三四五六七八九十'[i % 10]}段落说明信访事项办理工作的有关要求各单位要严格落实首办责任制度认真做好登记受理转送交办调查核实答复反馈等环节的工作确保每一件信访事项都能依法及时就地解决切实维护群众合法权益。`,
).join('\n');

beforeAll(async () => {
  if (!tools) return;
  work = mkdtempSync(join(tmpdir(), 'xfd-docx-render-'));
  const values = normalizeValues(SAMPLE_VALUES);
  const docs: [string, ReturnType<typeof builtinTemplates>[number], Record<string, string>][] = builtinTemplates().map(
    (t) => [t.id, t, values],
  );
  const tongzhi = builtinTemplates().find((t) => t.id === 'tongzhi')!;
  docs.push(['fullpage', tongzhi, { ...values, 正文: LONG_BODY }]);
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
    expect([...pdfs.keys()].sort()).toEqual([...builtinTemplates().map((t) => t.id), 'fullpage'].sort());
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
