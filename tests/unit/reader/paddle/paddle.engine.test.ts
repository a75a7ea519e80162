import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/core/logger';
import { createPaddleEngine } from '../../../../electron/core/services/reader/paddle/paddle.engine';
import {
  PADDLE_MODEL_FILES,
  packagedPaddleModelDir,
} from '../../../../electron/core/services/reader/paddle/paddle.models';
import { createDocumentReader } from '../../../../electron/core/services/reader/reader';
import { prepareForOcr, type OcrPageInput } from '../../../../electron/core/services/reader/reader.preprocess';
import { cer, renderTextImage } from '../reader.fixtures';
import { corpusDir } from '../../../helpers/corpus';

const CORPUS = path.join(corpusDir, 'docs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-paddle-'));
const engine = createPaddleEngine({ logger: silentLogger, workers: 2 });

afterAll(async () => {
  await engine.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function pageInput(bytes: Buffer, dpi: number): Promise<OcrPageInput> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return prepareForOcr({ data, width: info.width, height: info.height, channels: info.channels as 1 | 3 }, dpi);
}

/** The model folder copied, with `damage` applied to one file (a broken install). */
function brokenModels(name: string, damage: (file: string) => void): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of Object.values(PADDLE_MODEL_FILES))
    fs.copyFileSync(path.join(packagedPaddleModelDir(), f), path.join(dir, f));
  damage(dir);
  return dir;
}

/**
 * A Paddle page takes 2–5 s on an idle 2-core machine, a turned one up to four readings; on a machine shared with
 * other builds several times that, hence the long limits.
 */
const SLOW = { timeout: 240_000 };

const NOTICE = [
  '国家信访局关于做好信访工作的通知',
  '国信发〔2019〕3号',
  '各省、自治区、直辖市信访局：',
  '柞水县人民政府于2023年5月10日',
];

describe('the PaddleOCR engine on synthetic pages', SLOW, () => {
  it('reads rendered Chinese lines, including the red header, in reading order with per-character boxes', async () => {
    const png = renderTextImage(['国家信访局文件', ...NOTICE], { redFirstLine: true });
    const input = await pageInput(png, 200);
    expect(input.regions.length).toBeGreaterThan(0);
    const r = await engine.recognize(input, { name: '通知.png', page: 1 });
    const lines = r.text.split('\n').map((l) => l.replace(/\s+/g, ''));
    expect(lines[0]).toBe('国家信访局文件');
    expect(cer(lines.slice(1).join(''), NOTICE.join(''))).toBeLessThan(0.03);
    expect(r.text).toContain('柞水县');
    expect(r.confidence).toBeGreaterThan(85);
    expect(r.words.length).toBeGreaterThan(30);
    for (const w of r.words) {
      expect(w.confidence).toBeGreaterThanOrEqual(0);
      expect(w.confidence).toBeLessThanOrEqual(100);
      expect(w.bbox.x0).toBeGreaterThanOrEqual(0);
      expect(w.bbox.x1).toBeLessThanOrEqual(input.width);
      expect(w.bbox.y1).toBeLessThanOrEqual(input.height);
      expect(w.bbox.x1).toBeGreaterThan(w.bbox.x0);
      expect(w.bbox.y1).toBeGreaterThan(w.bbox.y0);
    }
    // A digit run is one word, like tesseract's; 信 sits left of 访 on the same line.
    expect(r.words.map((w) => w.text)).toContain('2019');
    const xin = r.words.find((w) => w.text === '信')!;
    const fang = r.words.find((w) => w.text === '访')!;
    expect(xin.bbox.x1).toBeLessThanOrEqual(fang.bbox.x0 + 2);
  });

  it('returns no text and confidence 0 for a blank page', async () => {
    const blank = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const r = await engine.recognize(await pageInput(blank, 200), { name: '空白.png', page: 1 });
    expect(r).toEqual({ text: '', confidence: 0, words: [] });
  });

  it('reads the same text and confidence with onnxruntime’s memory arena off as with it on (the default)', async () => {
    const input = await pageInput(renderTextImage(NOTICE), 200);
    const noArena = createPaddleEngine({ logger: silentLogger, workers: 1, memArena: false });
    try {
      const a = await engine.recognize(input, { name: '通知.png', page: 1 });
      const b = await noArena.recognize(input, { name: '通知.png', page: 1 });
      expect(cer(a.text.replace(/\s+/g, ''), NOTICE.join(''))).toBeLessThan(0.03);
      expect(b.text).toBe(a.text);
      expect(Math.abs(b.confidence - a.confidence)).toBeLessThan(0.5);
    } finally {
      await noArena.close();
    }
    expect(noArena.workerCount()).toBe(0);
  });

  it('keeps at most one inference thread per worker, reused across pages', () => {
    expect(engine.workerCount()).toBeLessThanOrEqual(2);
    expect(engine.workerCount()).toBeGreaterThan(0);
  });
});

describe('the PaddleOCR engine on corpus scans', SLOW, () => {
  for (const id of ['p01', 'm01']) {
    it(`reads ${id} (a one-page degraded scan) with under 5% CER and its 发文机关 header exactly`, async () => {
      const dir = path.join(CORPUS, id);
      if (!fs.existsSync(dir)) return void expect.fail(`corpus missing: ${dir}`);
      const meta = JSON.parse(fs.readFileSync(path.join(dir, 'scan_meta.json'), 'utf8')) as { dpi: number };
      const gold = JSON.parse(fs.readFileSync(path.join(dir, 'gold.json'), 'utf8')) as { meta: { flag_text: string } };
      const input = await pageInput(fs.readFileSync(path.join(dir, 'scan-1.jpg')), meta.dpi);
      const r = await engine.recognize(input, { name: `${id}/scan-1.jpg`, page: 1 });
      const reference = fs.readFileSync(path.join(dir, 'text.txt'), 'utf8');
      const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
      // m01 is a grey scan: its seal cannot be removed by colour, and its ring text (信访专用章) is most of the 4.5%.
      expect(cer(norm(r.text), norm(reference))).toBeLessThan(0.05);
      expect(norm(r.text)).toContain(norm(gold.meta.flag_text));
    });
  }
});

describe('a broken PaddleOCR install', SLOW, () => {
  it('refuses a truncated model with a Chinese message naming the problem, and leaves no thread running', async () => {
    const dir = brokenModels('truncated', (d) => {
      const f = path.join(d, PADDLE_MODEL_FILES.rec);
      fs.truncateSync(f, 200_000);
    });
    const broken = createPaddleEngine({ logger: silentLogger, workers: 1, modelDir: dir });
    await expect(broken.start()).rejects.toMatchObject({
      code: 'ocr.engine_unavailable',
      message: expect.stringMatching(/模型文件损坏或不完整.*设置/),
    });
    expect(broken.workerCount()).toBe(0);
    await broken.close();
  });

  it('names a missing model file', async () => {
    const dir = brokenModels('missing', (d) => fs.rmSync(path.join(d, PADDLE_MODEL_FILES.det)));
    const broken = createPaddleEngine({ logger: silentLogger, modelDir: dir });
    await expect(broken.start()).rejects.toMatchObject({
      code: 'ocr.engine_unavailable',
      message: expect.stringContaining(`缺少模型文件 ${PADDLE_MODEL_FILES.det}`),
    });
    await broken.close();
  });

  it('under 自动 reads the page with tesseract.js instead and says why; under 高精度 the page fails with that reason', async () => {
    const dir = brokenModels('garbage', (d) => fs.writeFileSync(path.join(d, PADDLE_MODEL_FILES.det), 'not a model'));
    const reader = createDocumentReader({
      cacheDir: path.join(tmp, 'cache'),
      logger: silentLogger,
      workers: 1,
      ocrEngine: 'auto',
      paddle: { modelDir: dir },
    });
    try {
      const png = renderTextImage(['关于做好信访工作的通知']);
      const doc = await reader.readFile({ name: '通知.png', bytes: png });
      expect(doc.text.replace(/\s+/g, '')).toContain('信访工作');
      expect(reader.ocrEngineStatus()).toEqual({
        choice: 'auto',
        active: 'tesseract',
        message: expect.stringMatching(/^高精度引擎（PaddleOCR）无法启动：模型文件 .* 已损坏。已改用兼容引擎/),
      });
      reader.setOcrEngine('accurate');
      await expect(reader.readFile({ name: '通知.png', bytes: png })).rejects.toMatchObject({
        code: 'ocr.engine_unavailable',
      });
      expect(reader.ocrEngineStatus()).toMatchObject({ choice: 'accurate', active: null });
      reader.setOcrEngine('compatible');
      expect(reader.ocrEngineStatus()).toEqual({ choice: 'compatible', active: 'tesseract', message: null });
    } finally {
      await reader.close();
    }
    expect(reader.ocrWorkers()).toBe(0);
  });
});

describe('turned pages under PaddleOCR', SLOW, () => {
  for (const turn of [180, 90]) {
    it(`reads a page scanned turned by ${turn}° upright: its text looks turned, so the reader turns it`, async () => {
      const reader = createDocumentReader({
        cacheDir: path.join(tmp, `cache-turn-${turn}`),
        logger: silentLogger,
        workers: 1,
        ocrEngine: 'accurate',
      });
      try {
        const upright = renderTextImage([...NOTICE, '请认真贯彻执行。'], { width: 1400 });
        const turned = await sharp(upright).rotate(turn).png().toBuffer();
        const doc = await reader.readFile({ name: `倒置${turn}.png`, bytes: turned });
        expect(doc.pages[0]!.rotation).toBe((360 - turn) % 360);
        expect(cer(doc.text, [...NOTICE, '请认真贯彻执行。'].join(''))).toBeLessThan(0.05);
        expect(doc.pages[0]!.confidence).toBeGreaterThan(80);
      } finally {
        await reader.close();
      }
    });
  }
});

describe('engine selection', SLOW, () => {
  it('reads with PaddleOCR under 自动 when it loads, and closes its threads with the reader', async () => {
    const reader = createDocumentReader({
      cacheDir: path.join(tmp, 'cache-auto'),
      logger: silentLogger,
      workers: 1,
      ocrEngine: 'auto',
    });
    const doc = await reader.readFile({ name: '通知.png', bytes: renderTextImage(NOTICE) });
    expect(reader.ocrEngineStatus()).toEqual({ choice: 'auto', active: 'paddle', message: null });
    expect(cer(doc.text, NOTICE.join(''))).toBeLessThan(0.03);
    expect(doc.pages[0]!.words!.every((w) => w.bbox.x1 <= 1 && w.bbox.y1 <= 1)).toBe(true);
    await reader.close();
    expect(reader.ocrWorkers()).toBe(0);
  });
});
