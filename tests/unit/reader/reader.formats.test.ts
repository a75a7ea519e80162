import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/logger';
import { createDocumentReader } from '../../../electron/core/services/reader/reader';
import { liveOcrThreads } from '../../../electron/core/services/reader/reader.ocr';
import { renderTextImage } from './reader.fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-formats-'));
const FIXTURES = path.resolve(__dirname, '../../fixtures/reader');

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A bilevel page as an office scanner writes it: 1 bit per pixel, CCITT Group 4. */
async function g4Pages(pages: readonly Buffer[]): Promise<Buffer> {
  const grey = await Promise.all(
    pages.map((p) => sharp(p).flatten({ background: '#ffffff' }).greyscale().png().toBuffer()),
  );
  return sharp(grey, { join: { animated: true } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, resolutionUnit: 'inch', xres: 200, yres: 200 })
    .toBuffer();
}

/** Rewrites the Compression tag (259) of every IFD of a TIFF, giving a file whose pixels libtiff cannot decode. */
function withCompression(tiff: Buffer, code: number): Buffer {
  const b = Buffer.from(tiff);
  const le = b[0] === 0x49;
  const u16 = (o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  for (let ifd = u32(4); ifd !== 0;) {
    const n = u16(ifd);
    for (let i = 0; i < n; i++) {
      const entry = ifd + 2 + i * 12;
      if (u16(entry) !== 259) continue;
      if (le) b.writeUInt16LE(code, entry + 8);
      else b.writeUInt16BE(code, entry + 8);
    }
    ifd = u32(ifd + 2 + n * 12);
  }
  return b;
}

describe('office scanner formats', () => {
  const reader = createDocumentReader({ cacheDir: path.join(tmp, 'ok'), logger: silentLogger, workers: 2 });
  afterAll(() => reader.close());

  it('reads every page of a multi-page CCITT G4 TIFF, the bilevel format of office scanners', async () => {
    const tiff = await g4Pages([
      renderTextImage(['第一页', '国信发〔2019〕3号'], { format: 'png' }),
      renderTextImage(['第二页', '关于做好信访工作的通知'], { format: 'png' }),
    ]);
    const meta = await sharp(tiff).metadata();
    expect([meta.pages, meta.channels]).toEqual([2, 1]);
    const doc = await reader.readFile({ name: '扫描.tif', bytes: tiff });
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.text).toContain('国信发〔2019〕3号');
    expect(doc.pages[1]!.text).toContain('关于做好信访工作的通知');
  });
});

describe('files that cannot be read: a clear Chinese error naming the file, and the batch goes on', () => {
  const reader = createDocumentReader({ cacheDir: path.join(tmp, 'bad'), logger: silentLogger, workers: 2 });
  const baseline = liveOcrThreads();
  const good = renderTextImage(['关于做好信访工作的通知'], { format: 'png' });
  const read = (name: string, bytes: Uint8Array) => reader.readFile({ name, bytes });

  it('reports a TIFF compressed with a scheme libtiff has no decoder for, naming the scheme', async () => {
    const lzw = await sharp(good).tiff({ compression: 'lzw' }).toBuffer();
    await expect(read('压缩.tif', withCompression(lzw, 50000))).rejects.toMatchObject({
      code: 'file.unsupported_type',
      message: expect.stringMatching(/压缩\.tif.*ZSTD.*CCITT G4/),
    });
    await expect(read('未知.tif', withCompression(lzw, 34712))).rejects.toMatchObject({
      code: 'file.unsupported_type',
      message: expect.stringContaining('编号 34712'),
    });
  });

  it('refuses a real 20000×20000 scan before decoding it', async () => {
    const huge = await sharp({
      create: { width: 20000, height: 20000, channels: 3, background: '#ffffff' },
      limitInputPixels: false,
    })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1 })
      .toBuffer();
    const started = Date.now();
    await expect(read('大图.tif', huge)).rejects.toMatchObject({
      code: 'image.too_large',
      message: expect.stringMatching(/大图\.tif.*20000×20000/),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports truncated PNG and TIFF files as damaged', async () => {
    const tiff = await sharp(good).tiff({ compression: 'lzw' }).toBuffer();
    for (const [name, bytes] of [
      ['半截.png', good.subarray(0, good.length >> 1)],
      ['半截.tif', tiff.subarray(0, tiff.length >> 1)],
    ] as const) {
      await expect(read(name, bytes)).rejects.toMatchObject({
        code: 'file.corrupt',
        message: expect.stringContaining(name),
      });
    }
  });

  it('reports a zero-byte file, a PDF without pages and a password-protected PDF', async () => {
    await expect(read('空.pdf', new Uint8Array(0))).rejects.toMatchObject({ code: 'file.empty' });
    await expect(read('无页.pdf', fs.readFileSync(path.join(FIXTURES, 'no-pages.pdf')))).rejects.toMatchObject({
      code: 'pdf.no_pages',
      message: expect.stringContaining('无页.pdf'),
    });
    await expect(read('加密.pdf', fs.readFileSync(path.join(FIXTURES, 'encrypted.pdf')))).rejects.toMatchObject({
      code: 'pdf.encrypted',
      message: expect.stringContaining('加密.pdf'),
    });
  });

  it('still reads good files with the same reader after all of these, leaving no worker behind when closed', async () => {
    const batch = [
      { name: '好1.png', bytes: good },
      { name: '坏.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]) },
      { name: '好2.png', bytes: good },
    ];
    const outcomes = [];
    for (const file of batch) {
      outcomes.push(
        await read(file.name, file.bytes).then(
          (doc) => ({ ok: true as const, text: doc.text }),
          (e: { code: string }) => ({ ok: false as const, code: e.code }),
        ),
      );
    }
    expect(outcomes[0]).toMatchObject({ ok: true, text: expect.stringContaining('信访工作') });
    expect(outcomes[1]).toEqual({ ok: false, code: 'file.corrupt' });
    expect(outcomes[2]).toMatchObject({ ok: true, text: expect.stringContaining('信访工作') });
    expect(reader.ocrWorkers()).toBeLessThanOrEqual(2);
    await reader.close();
    expect(reader.ocrWorkers()).toBe(0);
    await vi.waitFor(() => expect(liveOcrThreads()).toBe(baseline), { timeout: 5000 });
  });
});
