import os from 'node:os';
import type { OcrEngineChoice, OcrEngineStatus, TextSource } from '../../../../shared/api/contract';
import { AppError } from '../../../../shared/errors/app-error';
import { cleanOcrText } from '../../../../shared/text/cleanup';
import type { Logger } from '../../logger';
import { decodeText, detectKind, type FileKind } from './reader.detect';
import { readerErrors } from './reader.errors';
import { openImage } from './reader.images';
import { DEFAULT_LANGUAGES, createOcrEngine } from './reader.ocr';
import { createPaddleEngine, type PaddleEngineDeps } from './paddle/paddle.engine';
import { createSelectedEngine } from './paddle/paddle.select';
import { rotatePage } from './reader.orient';
import { openPdf, type OpenedPdf } from './reader.pdf';
import {
  PREVIEW_MAX_SIDE,
  makePreview,
  prepareForOcr,
  type OcrPageInput,
  type PagePreview,
  type RawPage,
} from './reader.preprocess';
import type { DocumentReader, NamedBytes, ReadDocument, ReadOptions, ReadPage, ReadProgress } from './reader.types';

export interface DocumentReaderDeps {
  /** Writable folder for the copied OCR models (`<cacheDir>/tessdata`). */
  readonly cacheDir: string;
  readonly logger: Logger;
  /** OCR workers (each holds 100–200 MB); default min(2, cores). */
  readonly workers?: number;
  /** Longest wait for starting a worker or recognising one page, in ms; default 120 s. */
  readonly ocrTimeoutMs?: number;
  /** Largest image or rendered page accepted, in pixels; default 120 megapixels. */
  readonly maxPixels?: number;
  /** A folder holding chi_sim.traineddata.gz and eng.traineddata.gz (the packaged app's resources/tessdata). */
  readonly tessdataDir?: string;
  /** Tesseract page segmentation mode; default '6'. */
  readonly psm?: string;
  /** Use this model folder as is, without checking or copying (tests of a missing model). */
  readonly langPath?: string;
  /** Tesseract languages, primary first; default chi_sim alone (see DEFAULT_LANGUAGES for why not chi_sim+eng). */
  readonly ocrLanguages?: readonly string[];
  /** Straighten skewed scans before OCR (projection-profile estimate, ±5°); default true. */
  readonly deskew?: boolean;
  /**
   * OCR engine (paddle/paddle.select.ts): the app passes the user's setting (default 'auto'); a reader built
   * directly defaults to 'compatible', tesseract.js alone.
   */
  readonly ocrEngine?: OcrEngineChoice;
  /** Options of the PaddleOCR engine (model folder, threads, detector size …); workers and timeout come from above. */
  readonly paddle?: Omit<PaddleEngineDeps, 'logger' | 'workers' | 'timeoutMs'>;
}

export const DEFAULT_MAX_PIXELS = 120_000_000;
/** PDF pages without a text layer that are not one scanned image (see OpenedPdf.scan) are rendered at this resolution for OCR. */
export const PDF_RENDER_DPI = 300;
/**
 * Pages whose mean word confidence is below this are read again turned by 180°, 90° and 270°, keeping the
 * most confident reading (orientation fix). Measured: see README.
 */
export const ORIENTATION_RETRY_BELOW = 40;

/** One page of work: either text already known or pixels to OCR, produced lazily so only a few bitmaps live at once. */
type PageJob =
  | {
      readonly kind: 'text';
      readonly source: 'txt' | 'pdf-text';
      readonly text: string;
      readonly preview: () => Promise<PagePreview>;
    }
  | { readonly kind: 'pixels'; readonly load: () => Promise<{ readonly raw: RawPage; readonly dpi: number }> };

interface OpenedInput {
  readonly name: string;
  readonly pages: number;
  job(index: number): Promise<PageJob>;
  close(): Promise<void>;
}

const EMPTY_PREVIEW: PagePreview = { bytes: new Uint8Array(0), width: 0, height: 0 };

/** Diagnostics beyond DocumentReader: lets tests and the app check that no OCR worker is left running. */
export interface DocumentReaderDiagnostics {
  /** Live OCR workers, tesseract.js and PaddleOCR threads (0 until the first OCR, and after close). */
  ocrWorkers(): number;
  setOcrEngine(choice: OcrEngineChoice): void;
  ocrEngineStatus(): OcrEngineStatus;
}

/** Creates the reader that turns imported files into text (see DocumentReader). */
export function createDocumentReader(deps: DocumentReaderDeps): DocumentReader & DocumentReaderDiagnostics {
  const { logger } = deps;
  const maxPixels = deps.maxPixels ?? DEFAULT_MAX_PIXELS;
  const workers = Math.max(1, deps.workers ?? Math.max(1, Math.min(2, os.availableParallelism())));
  const ocr = createSelectedEngine({
    choice: deps.ocrEngine ?? 'compatible',
    logger,
    chinese: (deps.ocrLanguages ?? DEFAULT_LANGUAGES).includes('chi_sim'),
    tesseract: createOcrEngine({
      cacheDir: deps.cacheDir,
      tessdataDir: deps.tessdataDir,
      workers,
      timeoutMs: deps.ocrTimeoutMs ?? 120_000,
      logger,
      psm: deps.psm,
      langPath: deps.langPath,
      languages: deps.ocrLanguages,
    }),
    paddle: () => createPaddleEngine({ ...deps.paddle, logger, workers, timeoutMs: deps.ocrTimeoutMs ?? 120_000 }),
  });
  let closed = false;

  async function open(input: NamedBytes): Promise<OpenedInput> {
    const kind: FileKind = detectKind(input.name, input.bytes);
    if (kind === 'txt') {
      const text = decodeText(input.bytes);
      if (text === null) throw readerErrors.notWhatItClaims(input.name, '纯文本', '内容无法识别');
      const pages = text.split('\f');
      return {
        name: input.name,
        pages: pages.length,
        job: async (i) => ({
          kind: 'text',
          source: 'txt',
          text: cleanOcrText(pages[i] ?? ''),
          preview: async () => EMPTY_PREVIEW,
        }),
        close: async () => undefined,
      };
    }
    if (kind === 'pdf') {
      const pdf: OpenedPdf = await openPdf(input.name, input.bytes, maxPixels);
      return {
        name: input.name,
        pages: pdf.pages,
        job: async (i) => {
          const text = await pdf.pageText(i);
          if (text !== null) {
            return {
              kind: 'text',
              source: 'pdf-text',
              text,
              preview: async () => {
                try {
                  return await makePreview(await pdf.renderToFit(i, PREVIEW_MAX_SIDE));
                } catch (e) {
                  logger.warn('reader: PDF page preview failed', { name: input.name, page: i + 1, error: String(e) });
                  return EMPTY_PREVIEW;
                }
              },
            };
          }
          return { kind: 'pixels', load: () => pdf.scan(i, PDF_RENDER_DPI) };
        },
        close: () => pdf.close(),
      };
    }
    const image = await openImage(input.name, input.bytes, kind, maxPixels);
    return {
      name: input.name,
      pages: image.pages,
      job: async (i) => ({ kind: 'pixels', load: () => image.readPage(i) }),
      close: async () => undefined,
    };
  }

  async function read(inputs: readonly NamedBytes[], options: ReadOptions | undefined): Promise<ReadDocument> {
    if (closed) throw new AppError('internal', '文件读取器已关闭，无法继续读取。请重新打开程序后再试。');
    const t0 = performance.now();
    const progress = (p: ReadProgress): void => {
      try {
        options?.onProgress?.(p);
      } catch (e) {
        logger.warn('reader: progress callback threw', { error: String(e) });
      }
    };
    // Open (and so validate) every input first: a bad file fails the batch before minutes of OCR.
    const opened: OpenedInput[] = [];
    try {
      for (const input of inputs) {
        if (options?.signal?.aborted) throw cancelled(input.name);
        opened.push(await open(input));
      }
      const total = opened.reduce((n, o) => n + o.pages, 0);
      const results: Promise<ReadPage>[] = [];
      const inFlight = new Set<Promise<unknown>>();
      let failure: unknown = null;
      const sources = new Set<TextSource>();
      let pageNo = 0;
      outer: for (const o of opened) {
        for (let i = 0; i < o.pages; i++) {
          // Backpressure: at most `workers + 1` pages wait for OCR (as grey PGMs, ~4 MB at 200 dpi), so a 200-page PDF never
          // holds 200 images, yet the next page is decoded and prepared while the workers are busy.
          while (inFlight.size >= workers + 1) await Promise.race(inFlight);
          if (options?.signal?.aborted) failure ??= cancelled(o.name);
          if (failure) break outer;
          pageNo++;
          const n = pageNo;
          progress({ stage: 'decode', page: n, pages: total });
          let prepared: { preview: PagePreview; ocrInput: OcrPageInput; dpi: number };
          let reload: () => Promise<{ readonly raw: RawPage; readonly dpi: number }>;
          try {
            const job: PageJob = await o.job(i);
            if (job.kind === 'text') {
              sources.add(job.source);
              results.push(Promise.resolve(textPage(job.text, await job.preview())));
              continue;
            }
            // The page's bitmap lives only in this block: what waits for OCR is a grey PGM.
            reload = job.load;
            const { raw, dpi } = await job.load();
            const [preview, ocrInput] = await Promise.all([
              makePreview(raw),
              prepareForOcr(raw, dpi, { deskew: deps.deskew }),
            ]);
            prepared = { preview, ocrInput, dpi };
          } catch (e) {
            failure = e;
            break outer;
          }
          sources.add('ocr');
          const { preview, ocrInput, dpi } = prepared;
          const pageName = o.name;
          const pageIndex = i + 1;
          const work = (async (): Promise<ReadPage> => {
            progress({ stage: 'ocr', page: n, pages: total });
            const started = performance.now();
            const label = { name: pageName, page: pageIndex };
            let best = { r: await ocr.recognize(ocrInput, label), input: ocrInput, preview, rotation: 0 };
            if (best.r.confidence < ORIENTATION_RETRY_BELOW && best.r.words.length > 0) {
              // Upright corpus pages read at 70–90, turned ones far lower: only then are the other three
              // orientations tried (the page is decoded again rather than kept in memory). Blank pages are not.
              for (const rotation of [180, 90, 270]) {
                const rotated = await rotatePage((await reload()).raw, rotation);
                const input = await prepareForOcr(rotated, dpi, { deskew: deps.deskew });
                const r = await ocr.recognize(input, label);
                if (r.confidence > best.r.confidence + 5)
                  best = { r, input, preview: await makePreview(rotated), rotation };
                if (best.r.confidence >= ORIENTATION_RETRY_BELOW) break;
              }
            }
            const { r, input } = best;
            logger.debug('reader: page recognised', {
              name: pageName,
              page: pageIndex,
              dpi,
              rotation: best.rotation,
              skew: input.skew,
              ms: Math.round(performance.now() - started),
            });
            const fx = (v: number): number => Math.round((v / Math.max(1, input.width)) * 10000) / 10000;
            const fy = (v: number): number => Math.round((v / Math.max(1, input.height)) * 10000) / 10000;
            return {
              text: cleanOcrText(r.text),
              confidence: r.confidence,
              preview: best.preview.bytes,
              previewWidth: best.preview.width,
              previewHeight: best.preview.height,
              words: r.words.map((w) => ({
                text: w.text,
                confidence: w.confidence,
                bbox: { x0: fx(w.bbox.x0), y0: fy(w.bbox.y0), x1: fx(w.bbox.x1), y1: fy(w.bbox.y1) },
              })),
              rotation: best.rotation,
              skew: input.skew,
            };
          })();
          const tracked = work.then(
            () => undefined,
            (e: unknown) => {
              failure ??= e;
            },
          );
          inFlight.add(tracked);
          void tracked.finally(() => inFlight.delete(tracked));
          results.push(work);
        }
      }
      const settled = await Promise.allSettled(results);
      if (failure) throw failure;
      const pages = settled.map((s) => {
        if (s.status === 'rejected') throw s.reason;
        return s.value;
      });
      const source: TextSource = sources.has('ocr') ? 'ocr' : sources.has('pdf-text') ? 'pdf-text' : 'txt';
      return { pages, text: pages.map((p) => p.text).join('\f'), source, ms: Math.round(performance.now() - t0) };
    } finally {
      await Promise.all(opened.map((o) => o.close().catch(() => undefined)));
    }
  }

  return {
    readFile: (input, options) => read([input], options),
    readPages: (inputs, options) => {
      if (inputs.length === 0)
        return Promise.reject(
          new AppError('validation.invalid_input', '没有选择任何文件。请至少选择一个页面图片后再导入。'),
        );
      return read(inputs, options);
    },
    async close() {
      closed = true;
      await ocr.close();
    },
    ocrWorkers: () => ocr.workerCount(),
    setOcrEngine: (choice) => ocr.setChoice(choice),
    ocrEngineStatus: () => ocr.status(),
  };
}

/** What a read stopped by its AbortSignal rejects with (pages already with OCR finish first; nothing is returned). */
function cancelled(name: string): AppError {
  return new AppError('intake.cancelled', `已取消读取“${name}”。需要时可以重新导入。`);
}

function textPage(text: string, preview: PagePreview): ReadPage {
  return { text, confidence: null, preview: preview.bytes, previewWidth: preview.width, previewHeight: preview.height };
}
