import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageDataToRaw, imagePlacement, openPdf, soleImage } from '../../../electron/core/services/reader/reader.pdf';
import { buildPdf, renderTextImage } from './reader.fixtures';

// pdf.js operator numbers (its public `OPS` table).
const OPS = { save: 10, restore: 11, transform: 12, fill: 22, endPath: 28, clip: 29, showText: 44 } as const;
const FORM_BEGIN = 74;
const FORM_END = 75;
const PAINT_IMAGE = 85;
const CONSTRUCT_PATH = 91;
const A4: [number, number, number, number] = [0, 0, 595, 842];

describe('finding the one scanned image a PDF page paints', () => {
  it('finds the image of a scanner page and the transform it is drawn with', () => {
    const found = soleImage(
      [OPS.save, OPS.transform, PAINT_IMAGE, OPS.restore],
      [null, [595, 0, 0, 842, 0, 0], ['img_p0_1', 1654, 2339], null],
    );
    expect(found).toEqual({ objId: 'img_p0_1', matrix: [595, 0, 0, 842, 0, 0] });
  });

  it('combines nested transforms and a form XObject matrix, and allows a clipping path', () => {
    const found = soleImage(
      [
        OPS.save,
        OPS.transform,
        CONSTRUCT_PATH,
        OPS.clip,
        FORM_BEGIN,
        OPS.transform,
        PAINT_IMAGE,
        FORM_END,
        OPS.restore,
      ],
      [
        null,
        [1, 0, 0, 1, 10, 20],
        [OPS.endPath, [], null],
        null,
        [
          [2, 0, 0, 2, 0, 0],
          [0, 0, 1, 1],
        ],
        [100, 0, 0, 200, 0, 0],
        ['img', 10, 20],
        null,
        null,
      ],
    );
    // The image's unit square goes through [100 0 0 200 0 0], then the form's [2 0 0 2 0 0], then the page's shift.
    expect(found?.matrix).toEqual([200, 0, 0, 400, 10, 20]);
  });

  it('restores the transform after a graphics-state restore', () => {
    const found = soleImage(
      [OPS.save, OPS.transform, OPS.restore, OPS.transform, PAINT_IMAGE],
      [null, [9, 0, 0, 9, 0, 0], null, [595, 0, 0, 842, 0, 0], ['img']],
    );
    expect(found?.matrix).toEqual([595, 0, 0, 842, 0, 0]);
  });

  it('gives up on a page that also shows text, fills a path or paints a second image', () => {
    const scan = (fn: number, args: unknown[]) =>
      soleImage([OPS.transform, PAINT_IMAGE, fn], [[595, 0, 0, 842, 0, 0], ['img'], args]);
    expect(scan(OPS.showText, [[]])).toBeNull();
    expect(scan(CONSTRUCT_PATH, [OPS.fill, [], [0, 0, 1, 1]])).toBeNull();
    expect(scan(PAINT_IMAGE, ['img2'])).toBeNull();
    expect(soleImage([OPS.save, OPS.restore], [null, null])).toBeNull();
  });
});

describe('placing a scanned image on its page', () => {
  it('derives the scan resolution from the image size and the page size', () => {
    expect(imagePlacement([595, 0, 0, 842, 0, 0], 1654, 2339, A4)).toEqual({ dpi: 200, flipX: false, flipY: false });
    expect(imagePlacement([595, 0, 0, 842, 0, 0], 2480, 3508, A4)?.dpi).toBe(300);
  });

  it('notes an image drawn upside down (negative vertical scale)', () => {
    expect(imagePlacement([595, 0, 0, -842, 0, 842], 1654, 2339, A4)).toMatchObject({ flipY: true, flipX: false });
  });

  it('refuses a turned, unevenly stretched or page-part image, which is rendered instead', () => {
    expect(imagePlacement([0, 842, -595, 0, 595, 0], 1654, 2339, A4)).toBeNull();
    expect(imagePlacement([595, 0, 0, 842, 0, 0], 1654, 1654, A4)).toBeNull();
    expect(imagePlacement([297, 0, 0, 421, 0, 0], 827, 1170, A4)).toBeNull();
  });
});

describe('turning pdf.js image data into pixels', () => {
  it('unpacks a 1-bit image (set bits are white) into grey', () => {
    // 10 px wide: two bytes per row. Row 0: black, white, black …; row 1: all white.
    const raw = imageDataToRaw({ width: 10, height: 2, kind: 1, data: new Uint8Array([0x55, 0x40, 0xff, 0xc0]) });
    expect(raw?.channels).toBe(1);
    expect([...raw!.data.subarray(0, 10)]).toEqual([0, 255, 0, 255, 0, 255, 0, 255, 0, 255]);
    expect([...raw!.data.subarray(10, 20)]).toEqual(Array(10).fill(255));
  });

  it('puts transparent pixels of an RGBA image on white paper', () => {
    const raw = imageDataToRaw({ width: 2, height: 1, kind: 3, data: new Uint8Array([200, 0, 0, 255, 0, 0, 0, 0]) });
    expect([...raw!.data]).toEqual([200, 0, 0, 255, 255, 255]);
  });

  it('passes RGB pixels through without copying', () => {
    const data = new Uint8ClampedArray(2 * 2 * 3).fill(7);
    const raw = imageDataToRaw({ width: 2, height: 2, kind: 2, data });
    expect(raw).toMatchObject({ width: 2, height: 2, channels: 3 });
    expect(raw!.data.buffer).toBe(data.buffer);
  });

  it('gives null for image data it cannot use', () => {
    expect(imageDataToRaw({ width: 2, height: 2, kind: 2, data: new Uint8Array(5) })).toBeNull();
    expect(imageDataToRaw({ width: 2, height: 2, kind: 2, data: null })).toBeNull();
  });
});

describe('reading the pixels of scanned PDF pages', () => {
  /** A whole A4 page scanned at `width` px across: a line of text at the top, white paper below. */
  const jpegPage = async (width: number, fontPx: number) => {
    const line = renderTextImage(['关于做好信访工作的通知'], { format: 'png', width, fontPx });
    const lineHeight = (await sharp(line).metadata()).height!;
    const height = Math.round((width * 842) / 595);
    const jpeg = await sharp(line)
      .extend({ bottom: height - lineHeight, background: '#ffffff' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer();
    return { jpeg, width, height };
  };

  it('takes a scanner page image at its own resolution instead of rendering the page', async () => {
    // 1654 px across 595 pt is a 200 dpi scan: rendering would resample it to 300 dpi first.
    const page = await jpegPage(1654, 44);
    const pdf = await openPdf('scan.pdf', buildPdf([page]), 120e6);
    const { raw, dpi } = await pdf.scan(0, 300);
    await pdf.close();
    expect(dpi).toBe(200);
    expect([raw.width, raw.height, raw.channels]).toEqual([page.width, page.height, 3]);
  });

  it('renders a page that is not just one image at the asked resolution', async () => {
    const pdf = await openPdf('text.pdf', buildPdf([{ text: 'XinfangDesk' }]), 120e6);
    const { raw, dpi } = await pdf.scan(0, 150);
    await pdf.close();
    expect(dpi).toBe(150);
    expect(raw.width).toBe(Math.floor((595 * 150) / 72));
  });

  it('gives the same pixels as the image itself, whichever way they are read', async () => {
    const page = await jpegPage(1240, 36);
    const pdf = await openPdf('scan.pdf', buildPdf([page]), 120e6);
    const { raw } = await pdf.scan(0, 300);
    await pdf.close();
    const direct = await sharp(page.jpeg).raw().toBuffer();
    // pdf.js and libjpeg decode JPEG slightly differently; the mean difference stays within a grey level or two.
    let diff = 0;
    for (let i = 0; i < direct.length; i++) diff += Math.abs(direct[i]! - raw.data[i]!);
    expect(diff / direct.length).toBeLessThan(2);
  });
});
