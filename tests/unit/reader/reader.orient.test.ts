import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger';
import { createDocumentReader } from '../../../electron/core/services/reader/reader';
import { bestSkew, darkPixels, estimateSkew, whitenFrame } from '../../../electron/core/services/reader/reader.orient';
import type { RawPage } from '../../../electron/core/services/reader/reader.preprocess';
import { corpusDir } from '../../helpers/corpus';

const SCAN = path.join(corpusDir, 'docs/p01/scan-1.jpg');
const PHRASES = ['贵州省人民政府', '遵义市'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-reader-orient-'));
const reader = createDocumentReader({ cacheDir: path.join(tmp, 'cache'), logger: silentLogger, workers: 2 });

afterAll(async () => {
  await reader.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function raw(image: ReturnType<typeof sharp>): Promise<RawPage> {
  const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 3 };
}

const rotatedJpeg = (degrees: number, source: string | Buffer = SCAN): Promise<Buffer> =>
  sharp(source).rotate(degrees, { background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();

/**
 * The upper half of the scan (red header, 文号, title, 主送), still portrait: a turned page is read up to four times
 * to find its orientation, and this crop costs about 40% less OCR than the whole page (20 s of CPU instead of 33 s
 * for the four readings below) while holding the same phrases.
 */
async function scanHead(): Promise<Buffer> {
  const { width, height } = await sharp(SCAN).metadata();
  const region = {
    left: Math.round(width! * 0.06),
    top: 0,
    width: Math.round(width! * 0.68),
    height: Math.round(height! * 0.52),
  };
  return sharp(SCAN).extract(region).jpeg({ quality: 95 }).toBuffer();
}

describe('skew estimate (projection profile)', () => {
  it('finds horizontal lines of dots at the angle they were drawn', () => {
    const width = 1000;
    const height = 800;
    for (const angle of [-3.2, -0.5, 0, 1.1, 4.4]) {
      const grey = new Uint8Array(width * height).fill(255);
      const t = Math.tan((angle * Math.PI) / 180);
      for (let line = 100; line < 700; line += 40)
        for (let x = 0; x < width; x += 3) {
          const y = Math.round(line + x * t);
          for (let dy = 0; dy < 12; dy++) if (y + dy >= 0 && y + dy < height) grey[(y + dy) * width + x] = 0;
        }
      const { xs, ys, count } = darkPixels(grey, width, height);
      expect(Math.abs(bestSkew(xs, ys, count, height) - angle)).toBeLessThanOrEqual(0.1);
    }
  });

  it('measures a corpus scan rotated by a further 2.5° as 2.5° more skewed', async () => {
    const base = await estimateSkew(await raw(sharp(SCAN)));
    const turned = await estimateSkew(await raw(sharp(await rotatedJpeg(2.5))));
    expect(Math.abs(base)).toBeLessThan(1);
    expect(Math.abs(turned - base - 2.5)).toBeLessThanOrEqual(0.2);
  });
});

describe('white frame over the rotated scan edges', () => {
  it('paints rows at top and bottom and columns at left and right white, in grey and in colour', () => {
    for (const channels of [1, 3] as const) {
      const page: RawPage = { data: Buffer.alloc(10 * 8 * channels), width: 10, height: 8, channels };
      whitenFrame(page, 2, 3);
      const at = (x: number, y: number): number => page.data[(y * 10 + x) * channels + channels - 1]!;
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 10; x++) {
          const inFrame = y < 2 || y >= 6 || x < 3 || x >= 7;
          expect(at(x, y), `${channels} ${x},${y}`).toBe(inFrame ? 255 : 0);
        }
    }
  });
});

describe('reading turned and skewed scans', () => {
  it('reads a scan turned by 90°, 180°, 270° and skewed by 2.5°, fixing orientation and skew', async () => {
    const cases = [90, 180, 270, 2.5];
    const head = await scanHead();
    const docs = await Promise.all(
      cases.map(async (degrees) =>
        reader.readFile({ name: `${degrees}.jpg`, bytes: await rotatedJpeg(degrees, head) }),
      ),
    );
    for (const [k, degrees] of cases.entries()) {
      const page = docs[k]!.pages[0]!;
      for (const phrase of PHRASES) expect(page.text, `${degrees}°`).toContain(phrase);
      if (degrees % 90 === 0) {
        // The reader turns the page clockwise by what sharp turned it, counted the other way.
        expect(page.rotation).toBe((360 - degrees) % 360);
        expect(page.previewWidth).toBeLessThan(page.previewHeight);
      } else {
        expect(page.rotation).toBe(0);
        expect(Math.abs(page.skew! - 2.5)).toBeLessThan(1);
      }
      expect(page.confidence).toBeGreaterThan(60);
    }
    // Up to ten OCR passes: about 11 s on a quiet two-core machine, minutes on a machine shared with other builds.
  }, 180_000);
});

describe('word confidences', () => {
  it('keeps each word with its confidence and its box as fractions of the page', async () => {
    const doc = await reader.readFile({ name: 'scan-1.jpg', bytes: fs.readFileSync(SCAN) });
    const page = doc.pages[0]!;
    const words = page.words!;
    expect(words.length).toBeGreaterThan(10);
    for (const w of words) {
      expect(w.text.trim()).toBe(w.text);
      expect(w.text.length).toBeGreaterThan(0);
      expect(w.confidence).toBeGreaterThanOrEqual(0);
      expect(w.confidence).toBeLessThanOrEqual(100);
      expect(0 <= w.bbox.x0 && w.bbox.x0 < w.bbox.x1 && w.bbox.x1 <= 1).toBe(true);
      expect(0 <= w.bbox.y0 && w.bbox.y0 < w.bbox.y1 && w.bbox.y1 <= 1).toBe(true);
    }
    const joined = words.map((w) => w.text).join('');
    expect(joined).toContain('遵义市');
    // Reading order: the red header (read in a pass of its own) first near the top, the signature block last.
    expect(words[0]!.bbox.y0).toBeLessThan(0.2);
    expect(words[words.length - 1]!.bbox.y0).toBeGreaterThan(0.5);
    const mean = words.reduce((n, w) => n + w.confidence, 0) / words.length;
    expect(Math.abs(mean - page.confidence!)).toBeLessThan(1);
  });
});
