import { createCanvas } from '@napi-rs/canvas';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger';
import { createDocumentReader } from '../../../electron/core/services/reader/reader';
import {
  charsAfterMonth,
  chineseSmall,
  completeDay,
  cropGrey,
  foldDateZeros,
  keepDarkInk,
  looksLikeDateLine,
  parseWrittenDate,
  rescueDateLines,
  sealZone,
  type DatePage,
  type LineReading,
} from '../../../electron/core/services/reader/reader.dateline';
import type { OcrLine } from '../../../electron/core/services/reader/reader.ocr';
import {
  findGreySeals,
  findRedSeals,
  pgm,
  type RawPage,
} from '../../../electron/core/services/reader/reader.preprocess';
import { cjkFontFamily } from './reader.fixtures';

describe('parsing a written 成文日期', () => {
  it('reads Arabic and Chinese-numeral dates, the first one in the text', () => {
    expect(parseWrittenDate('2023年5月10日')).toMatchObject({ year: 2023, month: 5, day: 10 });
    expect(parseWrittenDate('签发 二〇〇九年八月三十日 印')).toMatchObject({
      text: '二〇〇九年八月三十日',
      year: 2009,
      month: 8,
      day: 30,
    });
    expect(parseWrittenDate('一九九六年十二月二十一日')).toMatchObject({ year: 1996, month: 12, day: 21 });
    expect(parseWrittenDate('2019 年 01 月 08 日')).toMatchObject({ year: 2019, month: 1, day: 8 });
  });

  it('refuses dates that do not exist or are not whole', () => {
    expect(parseWrittenDate('2023年2月30日')).toBeNull();
    expect(parseWrittenDate('2023年13月1日')).toBeNull();
    expect(parseWrittenDate('二〇二三年二月三十日')).toBeNull();
    expect(parseWrittenDate('一九九七年一月二十')).toBeNull();
    expect(parseWrittenDate('1850年1月1日')).toBeNull();
    expect(parseWrittenDate('二〇九年一月二十五日')).toBeNull();
  });

  it('turns Chinese day and month numerals into numbers', () => {
    expect([chineseSmall('七'), chineseSmall('十'), chineseSmall('十二'), chineseSmall('二十七')]).toEqual([
      7, 10, 12, 27,
    ]);
    expect(chineseSmall('三十一')).toBe(31);
    expect(chineseSmall('十十')).toBeNull();
    expect(chineseSmall('')).toBeNull();
  });

  it('folds what OCR makes of 〇 among Chinese numerals, and O among Arabic digits', () => {
    expect(foldDateZeros('二OO九年八月三十日')).toBe('二〇〇九年八月三十日');
    expect(foldDateZeros('二〇Q五年三月三日')).toBe('二〇〇五年三月三日');
    expect(foldDateZeros('2O23年3月1O日')).toBe('2023年3月10日');
    // A letter O in a word is no digit.
    expect(foldDateZeros('OCR 识别')).toBe('OCR识别');
  });
});

describe('telling a damaged date line from text', () => {
  it('takes short lines made mostly of date characters', () => {
    expect(looksLikeDateLine('，二OR四年四月二十盛日')).toBe(true);
    expect(looksLikeDateLine('一九九六年二月为旧')).toBe(true);
    expect(looksLikeDateLine('2023年5月10晶')).toBe(true);
  });

  it('leaves sentences, 文号 and signatures alone', () => {
    expect(looksLikeDateLine('同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会')).toBe(false);
    expect(looksLikeDateLine('国办函〔2004〕36号')).toBe(false);
    expect(looksLikeDateLine('国务院办公厅')).toBe(false);
    expect(looksLikeDateLine('申办2009年第二十四届世界')).toBe(false);
    expect(looksLikeDateLine('3年8朋2')).toBe(true);
  });

  it('counts what the original reading has after 月 and gives back a 日 lost under the ring', () => {
    expect(charsAfterMonth('二泉O九年八月三并日')).toBe(3);
    expect(charsAfterMonth('一九九六年二月为旧')).toBe(2);
    expect(charsAfterMonth('国务院办公厅')).toBeNull();
    expect(completeDay('一九九七年二月四', '一丸九七年二月四吕')).toBe('一九九七年二月四日');
    // Two characters after 月 in the original and two in the reading: nothing was lost, nothing is added.
    expect(completeDay('一九九七年二月二十', '一九九七年二月二十')).toBe('一九九七年二月二十');
  });
});

describe('keeping only the dark ink of a crop', () => {
  it('turns a seal paler than the text white and keeps the black text black', () => {
    // 5% black text (20), 30% seal (120 in the red channel or on a grey scan), the rest paper (235).
    const grey = Buffer.alloc(1000);
    for (let i = 0; i < grey.length; i++) grey[i] = i < 50 ? 20 : i < 350 ? 120 : 235;
    const out = keepDarkInk(grey, 0.45);
    expect(out[0]).toBe(0);
    expect(out[100]).toBe(255);
    expect(out[900]).toBe(255);
    // keep = 1 is a plain stretch: the seal stays grey.
    expect(keepDarkInk(grey, 1)[100]).toBeGreaterThan(50);
    expect(keepDarkInk(grey, 1)[100]).toBeLessThan(200);
  });

  it('crops a rectangle clamped to the image', () => {
    const grey = Buffer.from(Array.from({ length: 12 }, (_, i) => i));
    const crop = cropGrey(grey, 4, 3, { left: 2, top: 1, right: 10, bottom: 10 });
    expect(crop).toEqual({ data: Buffer.from([6, 7, 10, 11]), width: 2, height: 2 });
  });
});

function colourPage(
  width: number,
  height: number,
  draw: (x: number, y: number) => [number, number, number] | null,
): RawPage {
  const data = Buffer.alloc(width * height * 3, 245);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const c = draw(x, y);
      if (c) data.set(c, (y * width + x) * 3);
    }
  return { data, width, height, channels: 3 };
}

describe('finding red seals', () => {
  it('finds a red ring with a star in the lower part of a page, with its box', () => {
    const page = colourPage(1000, 1400, (x, y) => {
      const r = Math.hypot(x - 700, y - 1000);
      if ((r > 90 && r < 100) || r < 25) return [210, 40, 40];
      return null;
    });
    const seals = findRedSeals(page);
    expect(seals).toHaveLength(1);
    const s = seals[0]!;
    expect(s.left).toBeGreaterThan(560);
    expect(s.left).toBeLessThan(610);
    expect(s.right).toBeGreaterThan(790);
    expect(s.right).toBeLessThan(840);
    expect(s.top).toBeGreaterThan(860);
    expect(s.bottom).toBeLessThan(1140);
  });

  it('does not take a red header line, a red rule or a grey page for a seal', () => {
    const page = colourPage(1000, 1400, (x, y) => {
      if (y > 100 && y < 160 && x > 150 && x < 850 && x % 40 < 30) return [210, 30, 30];
      if (y > 300 && y < 304 && x > 50 && x < 950) return [210, 30, 30];
      return null;
    });
    expect(findRedSeals(page)).toEqual([]);
    expect(findRedSeals({ data: Buffer.alloc(100, 128), width: 10, height: 10, channels: 1 })).toEqual([]);
  });
});

describe('finding seals on a grey page by their grey level', () => {
  /** 1000 × 1400 grey page: paper 235, rows of black "text" blocks (20) with grey edges, optionally a grey ring seal. */
  const greyPage = (seal: boolean): Buffer => {
    const g = Buffer.alloc(1000 * 1400, 235);
    for (let y = 0; y < 1400; y++)
      for (let x = 0; x < 1000; x++) {
        // Body text above, then a date line through the seal, as in a signature block.
        const body = y > 100 && y < 850 && x > 100 && x < 900;
        const date = y >= 1050 && y < 1072 && x > 600 && x < 900;
        const inText = (body || date) && y % 70 < 36 && x % 40 < 30;
        const edge = y % 70 === 36 || x % 40 === 30;
        if (inText) g[y * 1000 + x] = edge ? 120 : 20;
        const r = Math.hypot(x - 700, y - 1050);
        if (seal && ((r > 88 && r < 100) || r < 25) && !inText) g[y * 1000 + x] = 120;
      }
    return g;
  };

  it('finds a grey ring among black text lines', () => {
    const seals = findGreySeals(greyPage(true), 1000, 1400);
    expect(seals).toHaveLength(1);
    expect(seals[0]!.left).toBeGreaterThan(560);
    expect(seals[0]!.right).toBeLessThan(840);
    expect(seals[0]!.top).toBeGreaterThan(900);
    expect(seals[0]!.bottom).toBeLessThan(1200);
  });

  it('finds none on a page of black text, or on a blank page', () => {
    expect(findGreySeals(greyPage(false), 1000, 1400)).toEqual([]);
    expect(findGreySeals(Buffer.alloc(1000 * 1400, 240), 1000, 1400)).toEqual([]);
  });
});

const line = (text: string, top: number, x0 = 400, x1 = 800): OcrLine => ({
  text,
  top,
  bottom: top + 40,
  wordConfidences: [50],
  words: [{ text, confidence: 50, bbox: { x0, y0: top, x1, y1: top + 40 } }],
});

const blankPage = (seals: DatePage['seals'] = []): DatePage => ({
  body: pgm(Buffer.alloc(1000 * 1400, 240), 1000, 1400),
  width: 1000,
  height: 1400,
  seals,
});

describe('putting right the date lines of a page (OCR calls replaced by fakes)', () => {
  it('replaces a damaged date line with the reading the ink levels agree on', async () => {
    const readings = [
      '二OO九年一月二十五日',
      '二〇〇九年一月二十五日',
      '二九年一月二十五日',
      '年月',
      '二〇〇九年一月二十五日',
    ];
    let call = 0;
    const readLine = async (): Promise<LineReading> => ({ text: readings[call++ % readings.length]!, confidence: 80 });
    const lines = [line('广州市人民政府办公厅', 900), line('二OO九年一月二书五日', 960)];
    const out = await rescueDateLines(lines, blankPage(), readLine, async () => []);
    expect(out.map((l) => l.text)).toEqual(['广州市人民政府办公厅', '二〇〇九年一月二十五日']);
    expect(out[1]!.words![0]!.text).toBe('二〇〇九年一月二十五日');
    // The first two readings agree once their zeros are folded: the other ink levels are not read.
    expect(call).toBe(2);
  });

  it('keeps the original when the readings disagree with its length after 月 (a lost 十 is not guessed)', async () => {
    const readLine = async (): Promise<LineReading> => ({ text: '二〇〇九年八月三日', confidence: 90 });
    const out = await rescueDateLines([line('二泉O九年八月三并日', 960)], blankPage(), readLine, async () => []);
    expect(out[0]!.text).toBe('二泉O九年八月三并日');
  });

  it('only folds the zeros of a line that is otherwise a whole date, without reading it again', async () => {
    let calls = 0;
    const readLine = async (): Promise<LineReading> => {
      calls++;
      return { text: '', confidence: 0 };
    };
    const out = await rescueDateLines([line('二OO四年四月二十七日', 960)], blankPage(), readLine, async () => []);
    expect(out[0]!.text).toBe('二〇〇四年四月二十七日');
    expect(calls).toBe(0);
  });

  it('leaves correct dates and ordinary lines alone and reads nothing again', async () => {
    let calls = 0;
    const readLine = async (): Promise<LineReading> => {
      calls++;
      return { text: '2001年1月1日', confidence: 99 };
    };
    const lines = [line('请认真贯彻执行。', 800), line('2023年5月10日', 960)];
    const out = await rescueDateLines(lines, blankPage(), readLine, async () => []);
    expect(out).toEqual(lines);
    expect(calls).toBe(0);
  });

  it('reads nothing again on a page read with very low confidence (turned: the reader tries it rotated)', async () => {
    let calls = 0;
    const readLine = async (): Promise<LineReading> => {
      calls++;
      return { text: '二〇〇九年一月二十五日', confidence: 90 };
    };
    const turned = { ...line('二OR九年一月二书五日', 960), wordConfidences: [12] };
    const seal = { left: 600, top: 900, right: 800, bottom: 1100 };
    const out = await rescueDateLines([turned], blankPage([seal]), readLine, async () => {
      calls++;
      return [];
    });
    expect(out).toEqual([turned]);
    expect(calls).toBe(0);
  });

  it('reads the seal zone as a block when the body pass lost the date there, and inserts it in reading order', async () => {
    const seal = { left: 600, top: 900, right: 800, bottom: 1100 };
    const zone = sealZone(seal, 1000, 1400);
    const blockLines: OcrLine[] = [
      {
        text: '广东省人民政府',
        top: 940 - Math.floor(zone.top),
        bottom: 980 - Math.floor(zone.top),
        wordConfidences: [70],
      },
      {
        text: '二〇一〇年六月十三日',
        top: 1000 - Math.floor(zone.top),
        bottom: 1040 - Math.floor(zone.top),
        wordConfidences: [75],
      },
    ];
    const lines = [line('确保取得实效。', 700), line('— 1 —', 1300)];
    const out = await rescueDateLines(
      lines,
      blankPage([seal]),
      async () => ({ text: '', confidence: 0 }),
      async () => blockLines,
    );
    expect(out.map((l) => l.text)).toEqual(['确保取得实效。', '二〇一〇年六月十三日', '— 1 —']);
    expect(out[1]!.top).toBe(1000);
  });
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-dateline-'));
const reader = createDocumentReader({ cacheDir: path.join(tmp, 'cache'), logger: silentLogger, workers: 1 });
afterAll(async () => {
  await reader.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A signature block at 200 dpi: black signature and date, a translucent red seal with ring, star and text over them. */
function sealedSignature(date: string): Buffer {
  const family = cjkFontFamily();
  if (!family) throw new Error('No CJK font installed: apt-get install fonts-noto-cjk');
  const canvas = createCanvas(1650, 900);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f4f2ee';
  ctx.fillRect(0, 0, 1650, 900);
  ctx.fillStyle = '#151515';
  ctx.textBaseline = 'top';
  ctx.font = `44px "${family}"`;
  ctx.fillText('请各单位认真贯彻执行，确保工作落到实处。', 120, 120);
  ctx.fillText('青禾县人民政府办公室', 860, 420);
  ctx.fillText(date, 880, 500);
  // The seal: Ø 330 px (42 mm at 200 dpi), centred on the date; stamp ink multiplies with what is under it.
  ctx.globalAlpha = 0.85;
  ctx.globalCompositeOperation = 'multiply';
  ctx.strokeStyle = '#d81e1e';
  ctx.fillStyle = '#d81e1e';
  ctx.lineWidth = 12;
  ctx.beginPath();
  ctx.arc(1090, 480, 165, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? 60 : 24;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    ctx.lineTo(1090 + r * Math.cos(a), 480 + r * Math.sin(a));
  }
  ctx.fill();
  ctx.font = `bold 40px "${family}"`;
  ctx.fillText('青禾县人民政府', 950, 345);
  ctx.fillText('专用章', 1030, 560);
  return canvas.toBuffer('image/png');
}

describe('a 成文日期 under a red seal, read end to end', () => {
  it.each(['2023年3月10日', '二〇二三年五月二十七日'])(
    'reads %s exactly',
    async (date) => {
      const png = await sharp(sealedSignature(date)).withMetadata({ density: 200 }).png().toBuffer();
      const doc = await reader.readFile({ name: '落款.png', bytes: png });
      expect(doc.text.replace(/\s+/g, '').replace(/[○零]/g, '〇')).toContain(date);
    },
    60_000,
  );
});
