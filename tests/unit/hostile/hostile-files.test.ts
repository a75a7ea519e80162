import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import { listFiles } from '../../../electron/core/services/backup/backup-files';
import { tempDir } from '../../helpers/fakes';

/** PNG chunk: length, type, data, CRC of type + data. */
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
};

/** A grey PNG that declares `w`×`h` pixels; `idat` is its compressed pixel data (tiny unless given). */
function png(w: number, h: number, idat = deflateSync(Buffer.alloc(16))): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A little-endian, uncompressed, one-strip grey TIFF that declares `w`×`h` pixels and holds a few bytes. */
function tiff(w: number, h: number): Buffer {
  const entries: [number, number, number][] = [
    [256, 4, w], // ImageWidth LONG
    [257, 4, h], // ImageLength LONG
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression none
    [262, 3, 1], // BlackIsZero
    [273, 4, 8 + 2 + 9 * 12 + 4], // StripOffsets: right after the IFD
    [277, 3, 1], // SamplesPerPixel
    [278, 4, h], // RowsPerStrip
    [279, 4, 16], // StripByteCounts
  ];
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  ifd.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, value], i) => {
    const o = 2 + i * 12;
    ifd.writeUInt16LE(tag, o);
    ifd.writeUInt16LE(type, o + 2);
    ifd.writeUInt32LE(1, o + 4);
    if (type === 3) ifd.writeUInt16LE(value, o + 8);
    else ifd.writeUInt32LE(value, o + 8);
  });
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  return Buffer.concat([header, ifd, Buffer.alloc(16)]);
}

/** A PDF built from object bodies, with a correct cross-reference table. */
function pdf(objects: string[]): Buffer {
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

let root: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;
let dataDir: string;
beforeAll(async () => {
  ({ dir: root, cleanup } = await tempDir('xfd-hostile-'));
  dataDir = join(root, 'data');
  // The real reader (sharp, pdf.js): these files must be stopped before any OCR starts.
  app = await createApp({ dataDir, logger: silentLogger, watch: false });
});
afterAll(async () => {
  await app.close();
  await cleanup();
});

const importBytes = (name: string, bytes: Buffer) =>
  dispatch(app.api, 'intake.importFile', { name, dataBase64: bytes.toString('base64') });

/** Nothing of a refused file may be stored: no original, no record, no text, and nothing beside the data folder. */
async function expectNothingStored() {
  expect(app.store.allDocuments()).toEqual([]);
  expect(await listFiles(join(dataDir, 'files'))).toEqual([]);
  expect(await listFiles(join(dataDir, 'texts'))).toEqual([]);
  expect((await readdir(root)).sort()).toEqual(['data']);
}

describe('files crafted to hurt', () => {
  it('refuses images that declare billions of pixels (decompression bombs) before decoding them', async () => {
    for (const [name, bytes] of [
      ['bomb.png', png(100_000, 100_000)],
      ['wide.png', png(2_000_000_000, 1)],
      ['bomb.tif', tiff(200_000, 200_000)],
    ] as const) {
      const t = Date.now();
      const r = await importBytes(name, bytes);
      expect(r).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/^(image\.too_large|file\.corrupt)$/) },
      });
      expect(Date.now() - t).toBeLessThan(10_000);
      if (!r.ok) expect(r.error.message).toContain(name);
    }
    await expectNothingStored();
  });

  it('refuses a real, valid PNG whose 144 million pixels fit in a few hundred kilobytes', async () => {
    const w = 12_000;
    const rows = Buffer.alloc(w * (w + 1)); // filter byte 0 + zero pixels per row
    const bomb = png(w, w, deflateSync(rows, { level: 9 }));
    expect(bomb.length).toBeLessThan(1_000_000);
    const r = await importBytes('real-bomb.png', bomb);
    expect(r).toMatchObject({ ok: false, error: { code: 'image.too_large' } });
    if (!r.ok) expect(r.error.message).toMatch(/像素|太大|过大|超过/);
    await expectNothingStored();
  });

  it('refuses PDFs whose page tree loops back on itself or nests without end, without hanging or crashing', async () => {
    const deep = `<< /Type /Catalog /Pages 2 0 R /X ${'['.repeat(100_000)}${']'.repeat(100_000)} >>`;
    for (const [name, bytes] of [
      ['loop.pdf', pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>'])],
      [
        'mutual.pdf',
        pdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          '<< /Type /Pages /Kids [2 0 R] /Count 1 >>',
        ]),
      ],
      ['ref-cycle.pdf', pdf(['<< /Type /Catalog /Pages 2 0 R >>', '3 0 R', '2 0 R'])],
      ['deep.pdf', pdf([deep, '<< /Type /Pages /Kids [] /Count 0 >>'])],
    ] as const) {
      const t = Date.now();
      const r = await importBytes(name, bytes);
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.error.code, name).toMatch(/^(pdf\.corrupt|pdf\.no_pages|file\.corrupt)$/);
        expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(Date.now() - t, name).toBeLessThan(30_000);
    }
    await expectNothingStored();
  });

  it('refuses file names with a path, NUL or control characters, or more than 255 characters', async () => {
    const text = Buffer.from('测试机关\n测发〔2026〕1号\n标题', 'utf8');
    for (const name of [
      '../../evil.txt',
      '..\\..\\evil.txt',
      '/etc/passwd',
      'a\u0000.txt',
      'a\nb.txt',
      '..',
      `${'长'.repeat(256)}.txt`,
    ]) {
      const r = await importBytes(name, text);
      expect(r, JSON.stringify(name)).toMatchObject({ ok: false, error: { code: 'file.unsafe_name' } });
      if (!r.ok) expect(r.error.message).toContain('名称不能使用');
    }
    await expectNothingStored();
    // An ordinary long Chinese name is fine.
    const ok = await importBytes(`${'信访'.repeat(100)}.txt`, text);
    expect(ok.ok).toBe(true);
  });

  it('refuses request bodies over their limits at the contract, before any handler runs', async () => {
    const r1 = await dispatch(app.api, 'intake.importFile', { name: 'a.txt', dataBase64: 'A'.repeat(10), extra: 'x' });
    expect(r1).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
    const r2 = await dispatch(app.api, 'search.query', { query: '检'.repeat(10_000) });
    expect(r2).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
  });
});
