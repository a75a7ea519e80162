import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

export interface OpenedPdf {
  readonly pages: number;
  /** The page's text layer in reading order, normalised; null when it has no text (a scanned page). */
  pageText(index: number): Promise<string | null>;
  /** Renders a page at `dpi` (lowered if the page would exceed `maxPixels`); one bitmap at a time. */
  render(index: number, dpi: number): Promise<{ readonly raw: RawPage; readonly dpi: number }>;
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
        const rgba = target.context.getImageData(0, 0, width, height).data;
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
    renderToFit: async (index, maxSide) => (await renderAt(index, (w, h) => maxSide / Math.max(w, h))).raw,
    close: async () => {
      await task.destroy().catch(() => undefined);
    },
  };
}
