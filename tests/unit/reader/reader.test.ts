import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/logger';
import { createDocumentReader } from '../../../electron/core/services/reader/reader';
import { liveOcrThreads } from '../../../electron/core/services/reader/reader.ocr';
import type { ReadProgress } from '../../../electron/core/services/reader/reader.types';
import { bmp24, buildPdf, cer, cjkFontFamily, pngWithHeader, renderTextImage } from './reader.fixtures';
import { corpusDir } from '../../helpers/corpus';

const CORPUS = path.join(corpusDir, 'docs');
const FIXTURES = path.resolve(__dirname, '../../fixtures/reader');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-reader-'));
const reader = createDocumentReader({ cacheDir: path.join(tmp, 'cache'), logger: silentLogger, workers: 2 });

const NOTICE = ['国信发〔2019〕3号', '关于做好信访工作的通知'];
const isJpeg = (b: Uint8Array): boolean => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

afterAll(async () => {
  await reader.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the test machine', () => {
  it('has a CJK font for rendering synthetic pages (CI installs fonts-noto-cjk)', () => {
    expect(cjkFontFamily()).toEqual(expect.any(String));
  });
});

describe('reading images with OCR', () => {
  it('reads a synthetic notice, including its red header line, in reading order', async () => {
    const png = renderTextImage(['国家信访局文件', ...NOTICE], { redFirstLine: true });
    const progress: ReadProgress[] = [];
    const doc = await reader.readFile({ name: '通知.png', bytes: png }, { onProgress: (p) => progress.push(p) });
    expect(doc.source).toBe('ocr');
    expect(doc.pages).toHaveLength(1);
    const text = doc.pages[0]!.text;
    expect(text).toContain('国家信访局文件');
    expect(text).toContain('国信发〔2019〕3号');
    expect(text).toContain('关于做好信访工作的通知');
    expect(text.indexOf('国家信访局文件')).toBeLessThan(text.indexOf('国信发'));
    expect(doc.pages[0]!.confidence).toBeGreaterThan(70);
    expect(progress).toEqual([
      { stage: 'decode', page: 1, pages: 1 },
      { stage: 'ocr', page: 1, pages: 1 },
    ]);
  });

  it('reads a corpus scan of a provincial 批复 with a low character error rate', async () => {
    const bytes = fs.readFileSync(path.join(CORPUS, 'p01/scan-1.jpg'));
    const doc = await reader.readFile({ name: 'scan-1.jpg', bytes });
    expect(doc.text).toContain('贵州省人民政府');
    expect(doc.text).toContain('遵义市');
    expect(cer(doc.text, fs.readFileSync(path.join(CORPUS, 'p01/text.txt'), 'utf8'))).toBeLessThan(0.08);
  });

  it('makes a JPEG preview at most 1600 px on the long side', async () => {
    const bytes = fs.readFileSync(path.join(CORPUS, 'p01/scan-1.jpg'));
    const doc = await reader.readFile({ name: 'scan-1.jpg', bytes });
    const page = doc.pages[0]!;
    expect(isJpeg(page.preview)).toBe(true);
    expect(Math.max(page.previewWidth, page.previewHeight)).toBe(1600);
    const meta = await sharp(page.preview).metadata();
    expect([meta.width, meta.height]).toEqual([page.previewWidth, page.previewHeight]);
  });

  it('reads Latin letters, digits and an e-mail address with the Chinese model alone', async () => {
    const png = renderTextImage([
      '联系电话：0851-86892345',
      '电子邮箱：office@example.gov.cn',
      'Please reply by Friday.',
    ]);
    const doc = await reader.readFile({ name: '联系方式.png', bytes: png });
    expect(doc.text).toContain('0851-86892345');
    expect(doc.text).toContain('office@example.gov.cn');
    expect(doc.text).toContain('Please reply by Friday');
  });

  it('reads a PNG named .pdf by its content', async () => {
    const png = renderTextImage([NOTICE[1]!]);
    const doc = await reader.readFile({ name: '误命名.pdf', bytes: png });
    expect(doc.text).toContain('关于做好信访工作的通知');
  });

  it('reads every page of a multi-page TIFF in order', async () => {
    const first = renderTextImage(['第一页', NOTICE[0]!]);
    const second = renderTextImage(['第二页', NOTICE[1]!]);
    const tiff = await sharp([first, second], { join: { animated: true } })
      .tiff({ compression: 'lzw' })
      .toBuffer();
    expect((await sharp(tiff).metadata()).pages).toBe(2);
    const progress: ReadProgress[] = [];
    const doc = await reader.readFile({ name: '两页.tif', bytes: tiff }, { onProgress: (p) => progress.push(p) });
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.text).toContain('国信发〔2019〕3号');
    expect(doc.pages[1]!.text).toContain('关于做好信访工作的通知');
    expect(doc.text.split('\f')).toHaveLength(2);
    expect(
      progress
        .filter((p) => p.stage === 'ocr')
        .map((p) => p.page)
        .sort(),
    ).toEqual([1, 2]);
    expect(progress.every((p) => p.pages === 2)).toBe(true);
  });

  it('reads a 24-bit BMP, which sharp cannot decode, with its own decoder', async () => {
    const { data, info } = await sharp(renderTextImage([NOTICE[1]!]))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const bmp = bmp24(info.width, info.height, (x, y) => {
      const o = (y * info.width + x) * info.channels;
      return [data[o]!, data[o + 1]!, data[o + 2]!];
    });
    const doc = await reader.readFile({ name: '扫描.bmp', bytes: bmp });
    expect(doc.text).toContain('关于做好信访工作的通知');
  });

  it('reads several page images as one document in the given order', async () => {
    const doc = await reader.readPages([
      { name: 'b.jpg', bytes: renderTextImage(['第一页', NOTICE[1]!], { format: 'jpeg' }) },
      { name: 'a.jpg', bytes: renderTextImage(['第二页', NOTICE[0]!], { format: 'jpeg' }) },
    ]);
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.text).toContain('关于做好信访工作的通知');
    expect(doc.pages[1]!.text).toContain('国信发〔2019〕3号');
  });
});

describe('a document with a bad page', () => {
  it('fails as a whole with the bad page named, while pages already being recognised finish cleanly', async () => {
    const jpeg = fs.readFileSync(path.join(CORPUS, 'p01/scan-1.jpg'));
    const pages = [
      { name: '第1页.jpg', bytes: renderTextImage(NOTICE, { format: 'jpeg' }) },
      { name: '第2页.jpg', bytes: jpeg.subarray(0, jpeg.length >> 1) },
    ];
    await expect(reader.readPages(pages)).rejects.toMatchObject({
      code: 'file.corrupt',
      message: expect.stringContaining('第2页.jpg'),
    });
    const after = await reader.readPages(pages.slice(0, 1));
    expect(after.text).toContain('国信发〔2019〕3号');
  });
});

describe('reading PDFs', () => {
  it('uses the text layer of a text PDF without any OCR, mapping the radicals Chromium wrote', async () => {
    // A model folder that does not exist: any attempt to OCR would fail this test.
    const noOcr = createDocumentReader({
      cacheDir: path.join(tmp, 'no-ocr'),
      logger: silentLogger,
      langPath: path.join(tmp, 'missing'),
    });
    const progress: ReadProgress[] = [];
    const doc = await noOcr.readFile(
      { name: 'doc.pdf', bytes: fs.readFileSync(path.join(CORPUS, 'p05/doc.pdf')) },
      { onProgress: (p) => progress.push(p) },
    );
    await noOcr.close();
    expect(doc.source).toBe('pdf-text');
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages.map((p) => p.confidence)).toEqual([null, null]);
    expect(doc.text).toContain('湖南省人民政府办公厅');
    expect(doc.text).toContain('湘办〔2019〕66号');
    expect(doc.text).not.toMatch(/[\u2E80-\u2FDF]/u);
    expect(progress.some((p) => p.stage === 'ocr')).toBe(false);
    expect(noOcr.ocrWorkers()).toBe(0);
    expect(doc.pages.every((p) => isJpeg(p.preview) && p.previewHeight === 1600)).toBe(true);
  });

  it('OCRs a scanned, image-only PDF rendered at 300 dpi', async () => {
    const progress: ReadProgress[] = [];
    const doc = await reader.readFile(
      { name: 'scan.pdf', bytes: fs.readFileSync(path.join(CORPUS, 'p01/scan.pdf')) },
      { onProgress: (p) => progress.push(p) },
    );
    expect(doc.source).toBe('ocr');
    expect(doc.text).toContain('遵义市人民政府');
    expect(doc.pages[0]!.confidence).toBeGreaterThan(60);
    expect(progress.map((p) => p.stage)).toEqual(['decode', 'ocr']);
  });

  it('treats each page of a mixed PDF on its own: text layer where present, OCR elsewhere', async () => {
    // A 300 dpi A4-wide strip with 三号-sized text, as a scanner would embed it.
    const jpeg = renderTextImage(NOTICE, { format: 'jpeg', width: 2480, fontPx: 64 });
    const { width, height } = await sharp(jpeg).metadata();
    const pdf = buildPdf([{ text: 'XinfangDesk mixed test' }, { jpeg, width: width!, height: height! }]);
    const doc = await reader.readFile({ name: 'mixed.pdf', bytes: pdf });
    expect(doc.source).toBe('ocr');
    expect(doc.pages[0]!.text).toBe('XinfangDesk mixed test');
    expect(doc.pages[0]!.confidence).toBeNull();
    expect(doc.pages[1]!.text).toContain('关于做好信访工作的通知');
    expect(doc.pages[1]!.confidence).toEqual(expect.any(Number));
    expect(doc.text.startsWith('XinfangDesk mixed test\f')).toBe(true);
  });

  it('opens a PDF that has only an owner password (restrictions, no open password)', async () => {
    const doc = await reader.readFile({
      name: 'owner.pdf',
      bytes: fs.readFileSync(path.join(FIXTURES, 'owner-password-only.pdf')),
    });
    expect(doc.text).toBe('XinfangDesk fixture');
  });
});

describe('reading already recognised text files', () => {
  it('splits pages on form feeds and cleans the text without previews', async () => {
    const doc = await reader.readFile({
      name: '识别结果.txt',
      bytes: new TextEncoder().encode('关 于 做 好 信 访 工 作 的 通 知\f第 二 页:'),
    });
    expect(doc.source).toBe('txt');
    expect(doc.pages.map((p) => p.text)).toEqual(['关于做好信访工作的通知', '第二页：']);
    expect(doc.text).toBe('关于做好信访工作的通知\f第二页：');
    expect(doc.pages[0]).toMatchObject({ confidence: null, previewWidth: 0, previewHeight: 0 });
    expect(doc.pages[0]!.preview.length).toBe(0);
  });
});

describe('rejecting bad input with a clear error and no OCR worker started', () => {
  const bad = createDocumentReader({ cacheDir: path.join(tmp, 'bad'), logger: silentLogger, workers: 1 });
  afterAll(() => bad.close());
  const read = (name: string, bytes: Uint8Array) => bad.readFile({ name, bytes });

  it('reports an empty file', async () => {
    await expect(read('空白.jpg', new Uint8Array(0))).rejects.toMatchObject({
      code: 'file.empty',
      message: expect.stringContaining('空白.jpg'),
    });
  });

  it('reports a text file renamed .pdf', async () => {
    await expect(read('通知.pdf', new TextEncoder().encode('只是一段文字'))).rejects.toMatchObject({
      code: 'file.corrupt',
      message: expect.stringContaining('通知.pdf'),
    });
  });

  it('reports a truncated JPEG as corrupt instead of reading half a page', async () => {
    const jpeg = fs.readFileSync(path.join(CORPUS, 'p01/scan-1.jpg'));
    await expect(read('半截.jpg', jpeg.subarray(0, jpeg.length >> 1))).rejects.toMatchObject({
      code: 'file.corrupt',
      message: expect.stringContaining('半截.jpg'),
    });
  });

  it('reports a PDF with an open password', async () => {
    await expect(read('加密.pdf', fs.readFileSync(path.join(FIXTURES, 'encrypted.pdf')))).rejects.toMatchObject({
      code: 'pdf.encrypted',
      message: '文件“加密.pdf”已加密（有打开密码），无法读取。请先用 PDF 软件去掉密码后再导入。',
    });
  });

  it('reports a PDF without pages', async () => {
    await expect(read('无页.pdf', fs.readFileSync(path.join(FIXTURES, 'no-pages.pdf')))).rejects.toMatchObject({
      code: 'pdf.no_pages',
    });
  });

  it('reports garbage behind a PDF header as a corrupt PDF', async () => {
    await expect(read('坏.pdf', new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(500)))).rejects.toMatchObject({
      code: 'pdf.corrupt',
      message: expect.stringContaining('坏.pdf'),
    });
  });

  it('refuses a PNG whose header claims 30000×30000 pixels without decoding it', async () => {
    const bomb = pngWithHeader(30000, 30000);
    expect(bomb.length).toBeLessThan(200);
    await expect(read('巨图.png', bomb)).rejects.toMatchObject({
      code: 'image.too_large',
      message: expect.stringContaining('30000×30000'),
    });
  });

  it('honours a lower pixel limit', async () => {
    const small = createDocumentReader({ cacheDir: path.join(tmp, 'small'), logger: silentLogger, maxPixels: 1000 });
    await expect(small.readFile({ name: 'a.png', bytes: renderTextImage(['一']) })).rejects.toMatchObject({
      code: 'image.too_large',
    });
    await small.close();
  });

  it('started no OCR worker for any of these files', () => {
    expect(bad.ocrWorkers()).toBe(0);
  });
});

describe('OCR failures', () => {
  let baseline = 0;
  beforeAll(() => {
    baseline = liveOcrThreads();
  });

  it('reports a missing language model quickly and stops the worker thread it started', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-models-'));
    const r = createDocumentReader({
      cacheDir: path.join(tmp, 'mm'),
      logger: silentLogger,
      workers: 1,
      langPath: empty,
      ocrTimeoutMs: 30_000,
    });
    const started = Date.now();
    await expect(r.readFile({ name: '通知.png', bytes: renderTextImage(['一']) })).rejects.toMatchObject({
      code: 'ocr.model_missing',
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    await r.close();
    await vi.waitFor(() => expect(liveOcrThreads()).toBe(baseline), { timeout: 5000 });
  });

  it('times out a worker that does not start in time and stops its thread', async () => {
    const r = createDocumentReader({
      cacheDir: path.join(tmp, 'slow'),
      logger: silentLogger,
      workers: 1,
      ocrTimeoutMs: 20,
    });
    await expect(r.readFile({ name: '通知.png', bytes: renderTextImage(['一']) })).rejects.toMatchObject({
      code: 'ocr.timeout',
      message: expect.stringContaining('通知.png'),
    });
    await r.close();
    await vi.waitFor(() => expect(liveOcrThreads()).toBe(baseline), { timeout: 5000 });
  });

  it('refuses to read after close', async () => {
    const r = createDocumentReader({ cacheDir: path.join(tmp, 'closed'), logger: silentLogger });
    await r.close();
    await expect(r.readFile({ name: 'a.txt', bytes: new TextEncoder().encode('一') })).rejects.toMatchObject({
      code: 'internal',
    });
  });
});
