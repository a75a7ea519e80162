import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { normalizePdfText } from '../../../../shared/text/cleanup';
import { readerErrors } from './reader.errors';
import type { RawPage } from './reader.preprocess';

type Pdfjs = typeof PdfjsModule;
type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

const require = createRequire(import.meta.url);
let pdfjsLoading: Promise<{ pdfjs: Pdfjs; dirs: PdfjsDirs }> | null = null;

interface PdfjsDirs {
  readonly cMapUrl: string;
  readonly standardFontDataUrl: string;
  readonly wasmUrl: string;
  readonly iccUrl: string;
}

/** Loads pdfjs once, pointing every resource it may fetch (cMaps, standard fonts, wasm decoders) at the package's own folders. */
function loadPdfjs(): Promise<{ pdfjs: Pdfjs; dirs: PdfjsDirs }> {
  pdfjsLoading ??= (async () => {
    const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
    const pdfjs = (await import(pathToFileURL(path.join(root, 'legacy/build/pdf.mjs')).href)) as Pdfjs;
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(root, 'legacy/build/pdf.worker.mjs')).href;
    // In Node pdfjs reads these with fs.readFile: plain paths with a trailing separator, never URLs to fetch.
    const dir = (d: string): string => path.join(root, d) + path.sep;
    return {
      pdfjs,
      dirs: {
        cMapUrl: dir('cmaps'),
        standardFontDataUrl: dir('standard_fonts'),
        wasmUrl: dir('wasm'),
        iccUrl: dir('iccs'),
      },
    };
  })();
  return pdfjsLoading;
}

/** One text item of a text layer, in PDF user space (y grows upwards). */
export interface PositionedText {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Puts text items in reading order: lines top to bottom (items whose baselines are within half a glyph
 * height), items left to right; a gap wider than a quarter glyph becomes a space (Latin words; spaces
 * between Chinese characters are removed later by normalizePdfText).
 */
export function textItemsToLines(items: readonly PositionedText[]): string {
  const usable = items.filter((i) => i.str.trim().length > 0);
  const sorted = [...usable].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PositionedText[][] = [];
  let lineY = Number.NaN;
  let lineH = 0;
  for (const item of sorted) {
    const h = Math.max(item.height, 1);
    const current = lines[lines.length - 1];
    if (current && Math.abs(item.y - lineY) <= 0.5 * Math.max(h, lineH)) {
      current.push(item);
      lineH = Math.max(lineH, h);
    } else {
      lines.push([item]);
      lineY = item.y;
      lineH = h;
    }
  }
  return lines
    .map((line) => {
      const ordered = [...line].sort((a, b) => a.x - b.x);
      let out = '';
      let end = Number.NaN;
      for (const item of ordered) {
        const gap = item.x - end;
        if (out && gap > 0.25 * Math.max(item.height, 1) && !out.endsWith(' ')) out += ' ';
        out += item.str;
        end = item.x + item.width;
      }
      return out.trim();
    })
    .join('\n');
}

/** A 2-D affine transform as PDF writes it: [a b c d e f]. */
export type PdfMatrix = readonly [number, number, number, number, number, number];

const multiply = (m: PdfMatrix, n: PdfMatrix): PdfMatrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** pdf.js operator codes (pdfjs `OPS`) the sole-image check needs; the numbers are part of its public API. */
const OP = {
  save: 10,
  restore: 11,
  transform: 12,
  endPath: 28,
  constructPath: 91,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  paintImageXObject: 85,
} as const;

/**
 * Operators that change state but paint nothing: graphics state, clipping, text state without showing text,
 * colours, marked content, groups, annotation brackets (pdfjs OPS numbers).
 */
const NON_PAINTING = new Set<number>([
  1, 2, 3, 4, 5, 6, 7, 8, 9, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 48, 49, 50, 51, 52, 53, 54, 55,
  56, 57, 58, 59, 60, 61, 67, 68, 69, 70, 71, 72, 73, 76, 77, 80, 81, 92, 93,
]);

/**
 * The one image a page paints and the transform it is painted with (user space), when the page paints nothing
 * else: the shape of every scanner's PDF (one JPEG, CCITT or JBIG2 image per page). Null for anything else.
 */
export function soleImage(
  fnArray: readonly number[],
  argsArray: readonly (readonly unknown[] | null)[],
): { readonly objId: string; readonly matrix: PdfMatrix } | null {
  let ctm: PdfMatrix = [1, 0, 0, 1, 0, 0];
  const stack: PdfMatrix[] = [];
  let found: { objId: string; matrix: PdfMatrix } | null = null;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] ?? [];
    switch (fn) {
      case OP.save:
        stack.push(ctm);
        break;
      case OP.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OP.transform:
        ctm = multiply(args as unknown as PdfMatrix, ctm);
        break;
      case OP.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args[0]) && args[0].length === 6) ctm = multiply(args[0] as unknown as PdfMatrix, ctm);
        break;
      case OP.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case OP.constructPath:
        // A path only for clipping (`re W n`) paints nothing; a filled or stroked one does.
        if (args[0] !== OP.endPath) return null;
        break;
      case OP.paintImageXObject:
        if (found || typeof args[0] !== 'string') return null;
        found = { objId: args[0], matrix: ctm };
        break;
      default:
        if (!NON_PAINTING.has(fn)) return null;
    }
  }
  return found;
}

/**
 * How a page-filling image sits on the page: its resolution in dpi and whether it is mirrored, or null when it
 * is turned, sheared, stretched unevenly or does not cover (nearly all of) the page — those pages are rendered.
 */
export function imagePlacement(
  matrix: PdfMatrix,
  imageWidth: number,
  imageHeight: number,
  view: readonly [number, number, number, number],
): { readonly dpi: number; readonly flipX: boolean; readonly flipY: boolean } | null {
  const [a, b, c, d, e, f] = matrix;
  if (Math.abs(b) > Math.abs(a) * 1e-3 || Math.abs(c) > Math.abs(d) * 1e-3 || a === 0 || d === 0) return null;
  const xDpi = imageWidth / (Math.abs(a) / 72);
  const yDpi = imageHeight / (Math.abs(d) / 72);
  if (Math.abs(xDpi - yDpi) > 0.03 * Math.max(xDpi, yDpi)) return null;
  const [vx0, vy0, vx1, vy1] = [
    Math.min(view[0], view[2]),
    Math.min(view[1], view[3]),
    Math.max(view[0], view[2]),
    Math.max(view[1], view[3]),
  ];
  const [ix0, ix1] = [Math.min(e, e + a), Math.max(e, e + a)];
  const [iy0, iy1] = [Math.min(f, f + d), Math.max(f, f + d)];
  const overlap =
    Math.max(0, Math.min(vx1, ix1) - Math.max(vx0, ix0)) * Math.max(0, Math.min(vy1, iy1) - Math.max(vy0, iy0));
  const pageArea = (vx1 - vx0) * (vy1 - vy0);
  // Within a few points of the page: a margin left white or a sliver cut off changes nothing for OCR.
  if (overlap < 0.9 * pageArea || (ix1 - ix0) * (iy1 - iy0) > 1.1 * pageArea) return null;
  return { dpi: Math.round((xDpi + yDpi) / 2), flipX: a < 0, flipY: d < 0 };
}

/** pdf.js image kinds (`ImageKind`) as decoded without OffscreenCanvas. */
const IMAGE_KIND = { GRAYSCALE_1BPP: 1, RGB_24BPP: 2, RGBA_32BPP: 3 } as const;

/** pdf.js's decoded image object (`page.objs`), as far as it is used here. */
interface PdfImageData {
  readonly width: number;
  readonly height: number;
  readonly kind?: number;
  readonly data?: Uint8Array | Uint8ClampedArray | null;
  readonly bitmap?: unknown;
}

/** A decoded pdf.js image as 8-bit pixels (1-bit images unpacked to grey, set bits are white), or null if unusable. */
export function imageDataToRaw(image: PdfImageData): RawPage | null {
  const { width, height, kind, data } = image;
  if (!data || !(width > 0 && height > 0)) return null;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (kind === IMAGE_KIND.RGB_24BPP && bytes.length >= width * height * 3)
    return { data: bytes.subarray(0, width * height * 3), width, height, channels: 3 };
  if (kind === IMAGE_KIND.GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    if (bytes.length < rowBytes * height) return null;
    const grey = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) {
      const row = y * rowBytes;
      const out = y * width;
      for (let x = 0; x < width; x++) grey[out + x] = bytes[row + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0;
    }
    return { data: grey, width, height, channels: 1 };
  }
  if (kind === IMAGE_KIND.RGBA_32BPP && bytes.length >= width * height * 4) {
    // Transparent parts show the white page behind them.
    const rgb = Buffer.alloc(width * height * 3);
    for (let i = 0, o = 0; o < rgb.length; i += 4, o += 3) {
      const alpha = bytes[i + 3]! / 255;
      rgb[o] = Math.round(bytes[i]! * alpha + 255 * (1 - alpha));
      rgb[o + 1] = Math.round(bytes[i + 1]! * alpha + 255 * (1 - alpha));
      rgb[o + 2] = Math.round(bytes[i + 2]! * alpha + 255 * (1 - alpha));
    }
    return { data: rgb, width, height, channels: 3 };
  }
  return null;
}

export interface OpenedPdf {
  readonly pages: number;
  /** The page's text layer in reading order, normalised; null when it has no text (a scanned page). */
  pageText(index: number): Promise<string | null>;
  /** Renders a page at `dpi` (lowered if the page would exceed `maxPixels`); one bitmap at a time. */
  render(index: number, dpi: number): Promise<{ readonly raw: RawPage; readonly dpi: number }>;
  /**
   * The page's pixels for OCR: a scanner's page (one image filling it) as that image at its own resolution,
   * without drawing it on a canvas; any other page rendered at `dpi` like `render`.
   */
  scan(index: number, dpi: number): Promise<{ readonly raw: RawPage; readonly dpi: number }>;
  /** Renders a page so that its long side is `maxSide` pixels. */
  renderToFit(index: number, maxSide: number): Promise<RawPage>;
  close(): Promise<void>;
}

/** Opens a PDF with pdfjs, fully offline (no font faces, no eval, local cMaps and fonts). */
export async function openPdf(name: string, bytes: Uint8Array, maxPixels: number): Promise<OpenedPdf> {
  const { pdfjs, dirs } = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs may transfer (detach) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    ...dirs,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    // pdf.js skips images above this many pixels instead of decoding them (a decompression bomb inside a PDF).
    maxImageSize: maxPixels,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const errName = (e as { name?: string } | null)?.name;
    if (errName === 'PasswordException') throw readerErrors.pdfEncrypted(name);
    throw readerErrors.pdfCorrupt(name, e);
  }
  if (doc.numPages < 1) {
    await task.destroy().catch(() => undefined);
    throw readerErrors.pdfNoPages(name);
  }

  const withPage = async <T>(
    index: number,
    work: (page: Awaited<ReturnType<PdfDocument['getPage']>>) => Promise<T>,
  ): Promise<T> => {
    let page;
    try {
      page = await doc.getPage(index + 1);
    } catch (e) {
      throw readerErrors.pdfCorrupt(name, e);
    }
    try {
      return await work(page);
    } finally {
      page.cleanup();
    }
  };

  const renderAt = (index: number, scaleFor: (w: number, h: number) => number) =>
    withPage(index, async (page) => {
      const base = page.getViewport({ scale: 1 });
      let scale = scaleFor(base.width, base.height);
      if (base.width * scale * base.height * scale > maxPixels)
        scale = Math.sqrt(maxPixels / (base.width * base.height));
      const viewport = page.getViewport({ scale });
      const width = Math.max(1, Math.floor(viewport.width));
      const height = Math.max(1, Math.floor(viewport.height));
      const factory = doc.canvasFactory as {
        create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D };
        destroy(c: unknown): void;
      };
      const target = factory.create(width, height);
      try {
        await page.render({
          canvas: target.canvas as HTMLCanvasElement,
          canvasContext: target.context,
          viewport,
          background: '#ffffff',
        }).promise;
        // Not getImageData: in @napi-rs/canvas 0.1.x every ImageData it returns stays allocated for good
        // (measured: +35 MB of RSS per 300 dpi page, even after gc()), which made a 100-page PDF exceed 1 GB.
        // `data()` is the surface's own RGBA pixels (no copy): copied to RGB here, before the canvas is destroyed.
        const rgba = (target.canvas as unknown as { data(): Buffer }).data();
        if (rgba.length !== width * height * 4)
          throw new Error(`canvas gave ${rgba.length} bytes for ${width}×${height}`);
        const rgb = Buffer.alloc(width * height * 3);
        for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
          rgb[o] = rgba[i]!;
          rgb[o + 1] = rgba[i + 1]!;
          rgb[o + 2] = rgba[i + 2]!;
        }
        return { raw: { data: rgb, width, height, channels: 3 } as RawPage, scale };
      } catch (e) {
        throw readerErrors.pdfCorrupt(name, e);
      } finally {
        factory.destroy(target);
      }
    });

  /** The page's one image, decoded by pdf.js and turned as the page displays it, or null (see soleImage). */
  const pageImage = (index: number) =>
    withPage(index, async (page): Promise<{ raw: RawPage; dpi: number } | null> => {
      const list = await page.getOperatorList().catch((e: unknown) => {
        throw readerErrors.pdfCorrupt(name, e);
      });
      const sole = soleImage(list.fnArray, list.argsArray as (unknown[] | null)[]);
      if (!sole) return null;
      const store = sole.objId.startsWith('g_') ? page.commonObjs : page.objs;
      // The operator list can be complete before the image's pixels have arrived: wait for the object.
      const image = await new Promise<PdfImageData | null>((resolve) => {
        store.get(sole.objId, (data: unknown) => resolve((data ?? null) as PdfImageData | null));
      });
      if (!image || image.bitmap) return null;
      const view = page.view as [number, number, number, number];
      const placement = imagePlacement(sole.matrix, image.width, image.height, view);
      if (!placement || image.width * image.height > maxPixels) return null;
      let raw = imageDataToRaw(image);
      if (!raw) return null;
      const rotate = ((page.rotate % 360) + 360) % 360;
      if (placement.flipX || placement.flipY || rotate !== 0) {
        let img = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
        if (placement.flipY) img = img.flip();
        if (placement.flipX) img = img.flop();
        if (rotate !== 0) img = img.rotate(rotate);
        const { data, info } = await img
          .toColourspace(raw.channels === 1 ? 'b-w' : 'srgb')
          .raw()
          .toBuffer({ resolveWithObject: true });
        raw = { data, width: info.width, height: info.height, channels: raw.channels };
      }
      return { raw, dpi: placement.dpi };
    });

  return {
    pages: doc.numPages,
    pageText: (index) =>
      withPage(index, async (page) => {
        const content = await page.getTextContent().catch((e: unknown) => {
          throw readerErrors.pdfCorrupt(name, e);
        });
        const items: PositionedText[] = [];
        for (const item of content.items) {
          if (!('str' in item)) continue;
          const [a, b, c, d, e, f] = item.transform as number[];
          items.push({
            str: item.str,
            x: e ?? 0,
            y: f ?? 0,
            width: item.width,
            height: item.height || Math.hypot(c ?? 0, d ?? 0) || Math.hypot(a ?? 0, b ?? 0),
          });
        }
        const text = normalizePdfText(textItemsToLines(items));
        return text.trim().length > 0 ? text : null;
      }),
    render: async (index, dpi) => {
      const { raw, scale } = await renderAt(index, () => dpi / 72);
      return { raw, dpi: Math.round(scale * 72) };
    },
    scan: async (index, dpi) => {
      const image = await pageImage(index);
      if (image) return image;
      const { raw, scale } = await renderAt(index, () => dpi / 72);
      return { raw, dpi: Math.round(scale * 72) };
    },
    renderToFit: async (index, maxSide) => (await renderAt(index, (w, h) => maxSide / Math.max(w, h))).raw,
    close: async () => {
      await task.destroy().catch(() => undefined);
    },
  };
}
