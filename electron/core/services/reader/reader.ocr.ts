import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Tesseract from 'tesseract.js';
import { AppError } from '../../../../shared/errors/app-error';
import type { Logger } from '../../logger';
import { DATE_WHITELIST, rescueDateLines } from './reader.dateline';
import { readerErrors } from './reader.errors';
import { createWorkerPool } from './worker-pool';
import type { OcrPageInput } from './reader.preprocess';

const require = createRequire(import.meta.url);

/** The models installed in the language folder (both are copied, so switching languages is configuration only). */
export const LANGUAGES = ['chi_sim', 'eng'] as const;

/**
 * The languages recognition starts with: chi_sim alone, on measurement. tesseract.js 7 initialised with
 * `chi_sim+eng` never loads eng (its wasm build corrupts the second name: "Failed loading language '玂臎'"
 * on stderr), so that setting is chi_sim alone plus noise. Loading eng for real (`chi_sim+eng+chi_sim` works
 * around the bug) raised the corpus CER from 5.8% to 9.9% and the time per page by 70%; chi_sim alone reads
 * ASCII words, digits, e-mail addresses and URLs in these documents well enough.
 */
export const DEFAULT_LANGUAGES: readonly string[] = ['chi_sim'];
const MODEL_FILES = LANGUAGES.map((l) => `${l}.traineddata.gz`);

/** The `4.0.0_best_int` model of each language as shipped in the @tesseract.js-data packages. */
export function packagedModelPaths(): string[] {
  return LANGUAGES.map((l) => {
    const pkg = require.resolve(`@tesseract.js-data/${l}/package.json`);
    return path.join(path.dirname(pkg), '4.0.0_best_int', `${l}.traineddata.gz`);
  });
}

async function isGzipFile(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The one folder tesseract.js reads both models from. `<resources>/tessdata` when it holds both; otherwise the
 * packaged models copied once into `<cacheDir>/tessdata` (temp file + rename, so a crash never leaves half a model).
 * tesseract.js's `{code, data}` language form is broken in v7's initialize, so a folder it is.
 */
export async function prepareLangPath(
  cacheDir: string,
  tessdataDir: string | undefined,
  logger: Logger,
): Promise<string> {
  if (tessdataDir) {
    const ok = await Promise.all(MODEL_FILES.map((f) => isGzipFile(path.join(tessdataDir, f))));
    if (ok.every(Boolean)) return tessdataDir;
    logger.warn('reader: tessdata folder incomplete, using packaged models', { tessdataDir });
  }
  let sources: string[];
  try {
    sources = packagedModelPaths();
  } catch (e) {
    throw readerErrors.modelMissing('@tesseract.js-data 未安装', e);
  }
  const target = path.join(cacheDir, 'tessdata');
  await fs.mkdir(target, { recursive: true });
  for (const [i, source] of sources.entries()) {
    const dest = path.join(target, MODEL_FILES[i]!);
    const srcStat = await fs.stat(source).catch(() => null);
    if (!srcStat || !(await isGzipFile(source))) throw readerErrors.modelMissing(source);
    const destStat = await fs.stat(dest).catch(() => null);
    if (destStat && destStat.size === srcStat.size && (await isGzipFile(dest))) continue;
    const tmp = `${dest}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.copyFile(source, tmp, fsConstants.COPYFILE_FICLONE);
    await fs.rename(tmp, dest);
    logger.info('reader: copied OCR model', { dest });
  }
  return target;
}

type TesseractModule = typeof Tesseract;
type ThreadHandle = { terminate(): unknown; once?(event: 'exit', listener: () => void): unknown; threadId?: number };
let tesseractModule: TesseractModule | null = null;
let lastSpawnedThread: ThreadHandle | null = null;
const liveThreads = new Set<ThreadHandle>();

/** Tesseract worker threads started by this process that have not exited yet (all readers together). */
export function liveOcrThreads(): number {
  return liveThreads.size;
}

/** Thread ids of those threads (lets the offline test tie network attempts to tesseract's worker). */
export function liveOcrThreadIds(): number[] {
  return [...liveThreads].map((t) => t.threadId ?? -1);
}

/**
 * Loads tesseract.js, first wrapping its Node adapter's `spawnWorker` so the worker thread behind each
 * `createWorker` is known: when a model fails to load, `createWorker` never settles (it only reports through
 * `errorHandler`), and without the thread handle nothing could stop that thread or let the process exit.
 */
function loadTesseract(logger: Logger): TesseractModule {
  if (tesseractModule) return tesseractModule;
  try {
    const adapter = require('tesseract.js/src/worker/node/index.js') as { spawnWorker: (o: unknown) => ThreadHandle };
    const spawn = adapter.spawnWorker;
    adapter.spawnWorker = (o: unknown) => {
      const thread = spawn(o);
      lastSpawnedThread = thread;
      liveThreads.add(thread);
      thread.once?.('exit', () => liveThreads.delete(thread));
      return thread;
    };
  } catch (e) {
    logger.warn('reader: cannot hook tesseract.js worker spawning; a hung worker could not be stopped', {
      error: String(e),
    });
  }
  tesseractModule = require('tesseract.js') as TesseractModule;
  return tesseractModule;
}

/** A recognised word: tesseract's text (before clean-up), confidence 0–100 and box in OCR-image pixels. */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly bbox: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

/** A recognised line with its vertical extent in the image and its words' confidences. */
export interface OcrLine {
  readonly text: string;
  readonly top: number;
  readonly bottom: number;
  readonly wordConfidences: readonly number[];
  readonly words?: readonly OcrWord[];
}

export interface OcrPageResult {
  readonly text: string;
  /** Mean word confidence (0–100) over the page; 0 when nothing was recognised. */
  readonly confidence: number;
  /** The words in reading order, boxes in pixels of the OCR image (OcrPageInput width × height). */
  readonly words: readonly OcrWord[];
}

/**
 * Puts the header bands' lines in place of whatever the body pass read inside those bands, at the position
 * of the band in reading order.
 */
export function mergeRegionLines(
  body: readonly OcrLine[],
  regions: readonly { readonly top: number; readonly bottom: number; readonly lines: readonly OcrLine[] }[],
): OcrLine[] {
  const inside = (l: OcrLine, r: { top: number; bottom: number }): boolean => {
    const mid = (l.top + l.bottom) / 2;
    return mid >= r.top && mid <= r.bottom;
  };
  const kept = body.filter((l) => !regions.some((r) => inside(l, r)));
  const out: OcrLine[] = [];
  const pending = [...regions].sort((a, b) => a.top - b.top);
  for (const line of kept) {
    while (pending.length > 0 && pending[0]!.top <= (line.top + line.bottom) / 2) out.push(...pending.shift()!.lines);
    out.push(line);
  }
  for (const r of pending) out.push(...r.lines);
  return out;
}

function linesOf(result: Tesseract.RecognizeResult, offsetY: number): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of result.data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const text = line.text.replace(/\s+$/, '');
        if (text.trim().length === 0) continue;
        const words = line.words.filter((w) => w.text.trim().length > 0);
        lines.push({
          text,
          top: line.bbox.y0 + offsetY,
          bottom: line.bbox.y1 + offsetY,
          wordConfidences: words.map((w) => w.confidence),
          words: words.map((w) => ({
            text: w.text.trim(),
            confidence: Math.round(w.confidence),
            bbox: { x0: w.bbox.x0, y0: w.bbox.y0 + offsetY, x1: w.bbox.x1, y1: w.bbox.y1 + offsetY },
          })),
        });
      }
    }
  }
  return lines;
}

export interface OcrEngineDeps {
  readonly cacheDir: string;
  readonly tessdataDir?: string;
  readonly workers: number;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Tesseract page segmentation mode; 6 (one uniform block) measured best on the corpus. */
  readonly psm?: string;
  /** Use this model folder as is (skips checking and copying). */
  readonly langPath?: string;
  /** Tesseract languages, primary first; default DEFAULT_LANGUAGES. Each needs `<lang>.traineddata.gz` in the folder. */
  readonly languages?: readonly string[];
}

export interface OcrEngine {
  recognize(input: OcrPageInput, label: { readonly name: string; readonly page: number }): Promise<OcrPageResult>;
  /** Number of live tesseract workers (for tests and diagnostics). */
  workerCount(): number;
  close(): Promise<void>;
}

interface Slot {
  readonly worker: Tesseract.Worker;
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** A date line read again: one line (psm 7), date characters only (see reader.dateline.ts). */
const DATE_LINE_PARAMS = { tessedit_pageseg_mode: '7', tessedit_char_whitelist: DATE_WHITELIST };

/**
 * A lazily started pool of tesseract.js workers. Not tesseract.js's `createScheduler`: a scheduler cannot
 * drop one hung worker, and a timed-out recognition must end exactly that worker and reject only its job.
 */
export function createOcrEngine(deps: OcrEngineDeps): OcrEngine {
  const { logger } = deps;
  let langPathPromise: Promise<string> | null = null;

  const langPath = (): Promise<string> => {
    if (deps.langPath) return Promise.resolve(deps.langPath);
    langPathPromise ??= prepareLangPath(deps.cacheDir, deps.tessdataDir, logger).catch((e: unknown) => {
      langPathPromise = null;
      throw e;
    });
    return langPathPromise;
  };

  async function startWorker(name: string): Promise<Slot> {
    const T = loadTesseract(logger);
    const dir = await langPath();
    const t0 = performance.now();
    let fail: (e: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    let ready = false;
    lastSpawnedThread = null;
    const pending = T.createWorker([...(deps.languages ?? DEFAULT_LANGUAGES)], T.OEM.LSTM_ONLY, {
      langPath: dir,
      gzip: true,
      cacheMethod: 'none',
      logger: () => undefined,
      errorHandler: (e: unknown) => {
        if (!ready) fail(e);
        else logger.debug('reader: tesseract job error', { error: String(e) });
      },
    });
    const thread = lastSpawnedThread as ThreadHandle | null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(readerErrors.ocrTimeout(name, '启动文字识别引擎', seconds(deps.timeoutMs))),
        deps.timeoutMs,
      );
    });
    try {
      const worker = await Promise.race([pending, failed, timeout]);
      ready = true;
      await worker.setParameters({
        tessedit_pageseg_mode: (deps.psm ?? '6') as Tesseract.PSM,
        preserve_interword_spaces: '1',
      });
      logger.debug('reader: OCR worker started', { ms: Math.round(performance.now() - t0) });
      return { worker };
    } catch (e) {
      ready = true;
      void thread?.terminate();
      // If it does come up after all, end it rather than leak it.
      void pending.then((w) => w.terminate()).catch(() => undefined);
      if (e instanceof AppError) throw e;
      const msg = String(e);
      if (/traineddata|ENOENT|initiali[sz]ation failed|Failed loading language/i.test(msg))
        throw readerErrors.modelMissing(dir, e);
      throw readerErrors.engineFailed(name, e);
    } finally {
      clearTimeout(timer);
    }
  }

  const pool = createWorkerPool<Slot, string>({
    size: deps.workers,
    start: startWorker,
    stop: (slot) => slot.worker.terminate().then(() => undefined),
    closedError: () => new AppError('internal', '文字识别已关闭，无法继续识别。请重新打开程序后再试。'),
  });

  async function run(
    slot: Slot,
    image: Buffer,
    dpi: number,
    name: string,
    page: number,
    params: Record<string, string> = {},
  ): Promise<Tesseract.RecognizeResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(readerErrors.ocrTimeout(name, `第 ${page} 页的文字识别`, seconds(deps.timeoutMs))),
        deps.timeoutMs,
      );
    });
    try {
      return await Promise.race([
        slot.worker.recognize(
          image,
          { user_defined_dpi: String(dpi), ...params } as Partial<Tesseract.RecognizeOptions>,
          {
            text: false,
            blocks: true,
          },
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async recognize(input, { name, page }) {
      const slot = await pool.acquire(name);
      let healthy = true;
      try {
        const body = linesOf(await run(slot, input.body, input.dpi, name, page), 0);
        const regions = [];
        for (const r of input.regions) {
          regions.push({
            top: r.top,
            bottom: r.bottom,
            lines: linesOf(await run(slot, r.image, input.dpi, name, page), r.top),
          });
        }
        const lines = await rescueDateLines(
          mergeRegionLines(body, regions),
          input,
          async (image) => {
            const r = await run(slot, image, input.dpi, name, page, DATE_LINE_PARAMS);
            const words = linesOf(r, 0).flatMap((l) => l.wordConfidences);
            const text = linesOf(r, 0)
              .map((l) => l.text)
              .join('');
            return { text, confidence: words.length ? Math.min(...words) : 0 };
          },
          async (image) => linesOf(await run(slot, image, input.dpi, name, page), 0),
        );
        const confidences = lines.flatMap((l) => l.wordConfidences);
        const confidence = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0;
        return {
          text: lines.map((l) => l.text).join('\n'),
          confidence: Math.round(confidence * 10) / 10,
          words: lines.flatMap((l) => l.words ?? []),
        };
      } catch (e) {
        healthy = false;
        if (e instanceof AppError) throw e;
        throw readerErrors.ocrFailed(name, page, e);
      } finally {
        if (healthy) pool.release(slot);
        else void pool.drop(slot);
      }
    },
    workerCount: () => pool.count(),
    close: () => pool.close(),
  };
}
