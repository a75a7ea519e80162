import { describe, expect, it } from 'vitest';
import { bmpDimensions, decodeBmp } from '../../../electron/core/services/reader/reader.bmp';
import { decodeText, detectKind, extensionOf, sniffBinary } from '../../../electron/core/services/reader/reader.detect';
import { mergeRegionLines, type OcrLine } from '../../../electron/core/services/reader/reader.ocr';
import { textItemsToLines } from '../../../electron/core/services/reader/reader.pdf';
import {
  estimateDpi,
  findRedHeaderBands,
  type RawPage,
} from '../../../electron/core/services/reader/reader.preprocess';
import { bmp24, pngWithHeader } from './reader.fixtures';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detecting a file kind by its first bytes', () => {
  it('recognises JPEG, PNG, both TIFF byte orders, WebP, GIF and BMP signatures', () => {
    expect(sniffBinary(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffBinary(pngWithHeader(1, 1))).toBe('png');
    expect(sniffBinary(bytes(0x49, 0x49, 0x2a, 0x00))).toBe('tiff');
    expect(sniffBinary(bytes(0x4d, 0x4d, 0x00, 0x2a))).toBe('tiff');
    expect(sniffBinary(utf8('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffBinary(utf8('GIF89a'))).toBe('gif');
    expect(sniffBinary(bmp24(2, 2, () => [0, 0, 0]))).toBe('bmp');
  });

  it('finds a PDF header even after a little leading junk', () => {
    expect(sniffBinary(utf8('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffBinary(utf8('\n\n  %PDF-1.4\n'))).toBe('pdf');
  });

  it('trusts the bytes over the extension: a PNG named .pdf is a PNG', () => {
    expect(detectKind('扫描件.pdf', pngWithHeader(10, 10))).toBe('png');
  });

  it('reads plain text only from a .txt file', () => {
    expect(detectKind('识别结果.txt', utf8('关于做好信访工作的通知'))).toBe('txt');
  });

  it('reports a text file renamed .pdf as not being a PDF, naming the file', () => {
    expect(() => detectKind('通知.pdf', utf8('这是一段纯文本。'))).toThrowError(
      expect.objectContaining({ code: 'file.corrupt', message: expect.stringMatching(/通知\.pdf.*PDF.*纯文本/) }),
    );
  });

  it('reports a zero-byte file as empty', () => {
    expect(() => detectKind('空.jpg', new Uint8Array(0))).toThrowError(expect.objectContaining({ code: 'file.empty' }));
  });

  it('names a Word document given under an unknown extension as unsupported', () => {
    expect(() => detectKind('来信.docx', utf8('PK\u0003\u0004word/document.xml'))).toThrowError(
      expect.objectContaining({ code: 'file.unsupported_type', message: expect.stringContaining('Word') }),
    );
  });

  it('reports unrecognisable binary data under an unknown extension as unsupported', () => {
    expect(() => detectKind('data.xyz', bytes(0, 1, 2, 3, 4, 5, 0, 0))).toThrowError(
      expect.objectContaining({ code: 'file.unsupported_type', message: expect.stringContaining('data.xyz') }),
    );
  });

  it('takes the extension from the last dot of the base name only', () => {
    expect(extensionOf('C:\\扫描\\a.b\\文件.TIF')).toBe('tif');
    expect(extensionOf('.hidden')).toBe('');
  });
});

describe('decoding plain text files', () => {
  it('decodes UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(utf8('\uFEFF信访'))).toBe('信访');
    expect(decodeText(utf8('信访'))).toBe('信访');
  });

  it('falls back to GB18030, the encoding of Notepad files on Chinese Windows', () => {
    const gbk = bytes(0xd0, 0xc5, 0xb7, 0xc3); // 信访 in GBK
    expect(decodeText(gbk)).toBe('信访');
  });

  it('decodes UTF-16 when a byte-order mark says so', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0xe1, 0x4f, 0xbf, 0x8b))).toBe('信访');
  });

  it('rejects binary data', () => {
    expect(decodeText(bytes(0x00, 0x01, 0x02))).toBeNull();
  });

  it('accepts a prefix that ends in the middle of a character', () => {
    expect(decodeText(utf8('信访').subarray(0, 4), true)).toBe('信');
  });
});

describe('the BMP decoder', () => {
  it('decodes a 24-bit bottom-up BMP to RGB rows top to bottom', () => {
    const file = bmp24(3, 2, (x, y) => (y === 0 ? [255, 0, 0] : [0, x * 100, 255]));
    const result = decodeBmp(file, 1e6);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image.width).toBe(3);
    expect(result.image.height).toBe(2);
    expect([...result.image.data.subarray(0, 3)]).toEqual([255, 0, 0]);
    expect([...result.image.data.subarray(15, 18)]).toEqual([0, 200, 255]);
  });

  it('refuses a BMP whose header claims more pixels than allowed, before allocating them', () => {
    const file = bmp24(2, 2, () => [0, 0, 0]);
    file.writeInt32LE(40000, 18);
    file.writeInt32LE(40000, 22);
    expect(bmpDimensions(file)).toEqual({ width: 40000, height: 40000 });
    expect(decodeBmp(file, 120e6)).toMatchObject({ ok: false, reason: 'too_large', width: 40000, height: 40000 });
  });

  it('reports run-length-compressed BMPs as unsupported', () => {
    const file = bmp24(2, 2, () => [0, 0, 0]);
    file.writeUInt32LE(1, 30);
    expect(decodeBmp(file, 1e6)).toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('reports a BMP cut short as corrupt', () => {
    expect(decodeBmp(bmp24(50, 50, () => [0, 0, 0]).subarray(0, 200), 1e6)).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
  });
});

describe('putting PDF text items in reading order', () => {
  const item = (str: string, x: number, y: number, width = 16 * str.length, height = 16) => ({
    str,
    x,
    y,
    width,
    height,
  });

  it('orders lines top to bottom and items left to right whatever order the PDF stored them in', () => {
    const items = [
      item('号', 150, 700),
      item('湘办', 100, 700, 32),
      item('〔2019〕66', 132, 700.4, 18),
      item('通知', 100, 650),
    ];
    expect(textItemsToLines(items)).toBe('湘办〔2019〕66号\n通知');
  });

  it('puts a space where a visible gap separates Latin words', () => {
    expect(textItemsToLines([item('Xinfang', 72, 700, 70), item('Desk', 150, 700, 40)])).toBe('Xinfang Desk');
  });

  it('drops blank items', () => {
    expect(textItemsToLines([item(' ', 72, 700), item('', 0, 0, 0, 0), item('文', 72, 680)])).toBe('文');
  });
});

describe('merging the red header pass into the body pass', () => {
  const line = (text: string, top: number, bottom: number): OcrLine => ({ text, top, bottom, wordConfidences: [90] });

  it('puts header lines where the band is and drops what the body pass read inside the band', () => {
    const body = [
      line('份号000123', 100, 140),
      line('噪点', 320, 380),
      line('国信发〔2019〕3号', 520, 560),
      line('正文', 700, 740),
    ];
    const regions = [{ top: 300, bottom: 460, lines: [line('国家信访局文件', 330, 430)] }];
    expect(mergeRegionLines(body, regions).map((l) => l.text)).toEqual([
      '份号000123',
      '国家信访局文件',
      '国信发〔2019〕3号',
      '正文',
    ]);
  });

  it('appends a band below every body line at the end', () => {
    expect(
      mergeRegionLines([line('a', 0, 10)], [{ top: 50, bottom: 60, lines: [line('b', 52, 58)] }]).map((l) => l.text),
    ).toEqual(['a', 'b']);
  });
});

describe('estimating scan resolution', () => {
  it('uses a plausible density from the file', () => {
    expect(estimateDpi(2480, 3508, 300)).toBe(300);
  });

  it('estimates from the width of an A4 page when the density is missing or a screen default', () => {
    expect(estimateDpi(1654, 2339, undefined)).toBe(200);
    expect(estimateDpi(2480, 3508, 72)).toBe(300);
    expect(estimateDpi(3508, 2480, 96)).toBe(300);
  });
});

describe('finding red header bands', () => {
  const page = (width: number, height: number, red: (x: number, y: number) => boolean): RawPage => {
    const data = Buffer.alloc(width * height * 3, 245);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        if (red(x, y)) {
          const o = (y * width + x) * 3;
          data[o] = 210;
          data[o + 1] = 30;
          data[o + 2] = 35;
        }
    return { data, width, height, channels: 3 };
  };

  it('finds a tall band of red text near the top of the page', () => {
    const bands = findRedHeaderBands(page(600, 850, (x, y) => y >= 100 && y < 160 && x >= 100 && x < 500 && x % 7 < 4));
    expect(bands).toHaveLength(1);
    expect(bands[0]!.top).toBeLessThanOrEqual(100);
    expect(bands[0]!.bottom).toBeGreaterThanOrEqual(159);
  });

  it('ignores a thin red rule and a red seal low on the page', () => {
    const rule = (x: number, y: number) => y >= 300 && y < 302 && x > 50 && x < 550;
    const seal = (x: number, y: number) => (x - 400) ** 2 + (y - 700) ** 2 < 80 ** 2;
    expect(findRedHeaderBands(page(600, 850, (x, y) => rule(x, y) || seal(x, y)))).toEqual([]);
  });

  it('ignores a red seal in the upper half of a short letter', () => {
    expect(findRedHeaderBands(page(600, 850, (x, y) => (x - 420) ** 2 + (y - 300) ** 2 < 60 ** 2))).toEqual([]);
  });

  it('finds nothing on a greyscale page', () => {
    expect(findRedHeaderBands({ data: Buffer.alloc(100), width: 10, height: 10, channels: 1 })).toEqual([]);
  });
});
