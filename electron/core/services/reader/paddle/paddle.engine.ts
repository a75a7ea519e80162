import os from 'node:os';
import sharp from 'sharp';
import { AppError } from '../../../../../shared/errors/app-error';
import type { Logger } from '../../../logger';
import { readerErrors } from '../reader.errors';
import { mergeRegionLines, type OcrEngine, type OcrLine, type OcrWord } from '../reader.ocr';
import type { OcrPageInput } from '../reader.preprocess';
import {
  DEFAULT_DB_OPTIONS,
  dbBoxes,
  detInputSize,
  detTensor,
  groupLines,
  type DbOptions,
  type GreyImage,
  type TextBox,
} from './paddle.det';
import { settleDoubtfulChars } from './paddle.lexicon';
import { PaddleModelError, locatePaddleModels, type PaddleModels } from './paddle.models';
import { REC_HEIGHT, ctcDecode, lineScore, parseKeys, recBatchTensor, recWidth, type DecodedChar } from './paddle.rec';
import { createWorkerPool, withTimeout } from '../worker-pool';
import {
  resolveOnnxRuntime,
  startInferenceThread,
  type InferenceThread,
  type PaddleSessionName,
} from './paddle.worker';

export interface PaddleEngineDeps {
  readonly logger: Logger;
  /** Pages recognised at the same time, each on its own inference thread with its own sessions; default 2, at most the cores. */
  readonly workers?: number;
  /** onnxruntime intra-op threads per session; default and at most floor(cores / workers). */
  readonly threads?: number;
  /** Longest wait for loading the models or recognising one page, in ms; default 120 s. */
  readonly timeoutMs?: number;
  /** A folder with the four model files (packaged app: resources/ocr-models); default the installed package. */
  readonly modelDir?: string;
  /** Longer side of the page as the detector sees it; default 960 (see README for the measurement). */
  readonly detMaxSide?: number;
  /**
   * onnxruntime's CPU memory arena, for all sessions (true, the default), none (false) or the ones named. Without
   * it every run allocates its activations afresh and the kernel faults them in again (det 0.8–1.4 against 0.22
   * CPU-s per page); with it and memory patterns off (paddle.worker.ts) RSS is no higher. Only the detector's
   * arena made the recogniser 3× slower: measure any other mix (see README).
   */
  readonly memArena?: boolean | readonly PaddleSessionName[];
  /** Turn every line the 0°/180° classifier finds upside down before recognition; default false. */
  readonly useCls?: boolean;
  /**
   * Classify a sample of each page's widest lines (one batch) to tell an upside-down page; default true. The
   * share of text that looks turned lowers the page confidence, so the reader's orientation retry turns the page.
   */
  readonly orientationCheck?: boolean;
  readonly db?: DbOptions;
  /** Lines whose mean character probability is below this are dropped as noise (PaddleOCR drop_score); default 0.5. */
  readonly dropScore?: number;
}

/**
 * Inference threads and intra-op threads per session: at most one thread (one set of sessions) per core, and
 * workers × intra-op threads ≤ cores, so Paddle never oversubscribes the CPU the rest of the app needs.
 */
export function paddleSizing(
  cores: number,
  workers?: number,
  threads?: number,
): { readonly workers: number; readonly threads: number } {
  const c = Math.max(1, cores);
  const w = Math.max(1, Math.min(c, workers ?? 2));
  const t = Math.max(1, Math.min(threads ?? Math.floor(c / w), Math.floor(c / w)));
  return { workers: w, threads: t };
}

/** The sessions that keep onnxruntime's memory arena for a `memArena` setting. */
export function arenaSessions(setting: boolean | readonly PaddleSessionName[]): readonly PaddleSessionName[] {
  if (setting === true) return ['det', 'rec', 'cls'];
  return setting === false ? [] : setting;
}

/**
 * Each line is recognised in a run of its own. With the memory arena on, batching saved nothing per pixel and
 * padded every line to its batch's widest (5 corpus documents, one thread: 0.52–0.59 CPU-s of recognition per
 * page one line at a time, 0.61 for batches of 4 lines / 1,600 px, 0.67–0.79 for 8 lines / 2,560 px).
 */
const REC_BATCH = 1;
/** Lines the orientation classifier reads per run (all 192 px wide, so no padding). */
const CLS_BATCH = 8;
/** Boxes at least this much taller than wide are vertical text (or a page turned by 90°): turned before reading. */
const TALL_RATIO = 1.5;
const CLS_WIDTH = 192;

/** The Paddle engine plus what engine selection needs: a start that loads the models or says why it cannot. */
export interface PaddleEngine extends OcrEngine {
  /** Loads the models on one thread (the first worker); rejects with an AppError `ocr.engine_unavailable`. */
  start(): Promise<void>;
}

/** Why the Paddle engine is unavailable: the AppError a page fails with under 高精度, with the bare reason for 自动's fallback note. */
export class EngineUnavailableError extends AppError {
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super(
      'ocr.engine_unavailable',
      `高精度文字识别引擎（PaddleOCR）无法启动：${reason}。请在“设置”中把识别引擎改为“自动”或“兼容”后重试；要恢复高精度识别，请重新安装本程序。`,
      { cause },
    );
  }
}

export const engineUnavailable = (reason: string, cause?: unknown): EngineUnavailableError =>
  new EngineUnavailableError(reason, cause);

/** The Chinese reason for a failure to load the runtime or a model (the English detail goes to the log). */
export function unavailableReason(e: unknown): string {
  if (e instanceof PaddleModelError) return e.reason;
  const msg = String(e instanceof Error ? e.message : e);
  if (/Cannot find module|MODULE_NOT_FOUND|onnxruntime_binding|\.node\b|GLIBC|cannot open shared object/i.test(msg))
    return '本机缺少或无法加载 ONNX Runtime 运行库（可能是处理器或系统版本不受支持）';
  if (/protobuf|Load model|INVALID_PROTOBUF|INVALID_GRAPH|model_path|NO_SUCHFILE/i.test(msg))
    return '识别模型文件损坏或不完整';
  return '运行库初始化失败';
}

function readPgm(buffer: Buffer): GreyImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buffer.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('OCR input is not an 8-bit PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  return { data: new Uint8Array(buffer.buffer, buffer.byteOffset + start, width * height), width, height };
}

interface Recognised {
  readonly box: TextBox;
  readonly chars: readonly DecodedChar[];
  readonly score: number;
  /** Fraction of the line image's width each time step covers (for per-character boxes); 0 for turned lines. */
  readonly stepWidth: number;
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;
const isWordChar = (ch: string): boolean => /^[A-Za-z0-9]$/.test(ch);

/**
 * Per-character words (runs of ASCII letters and digits stay one word, like tesseract's), each with the
 * recogniser's probability as a 0–100 confidence and a box cut from the line box at the time step it was read.
 */
function wordsOf(r: Recognised, offsetY: number): OcrWord[] {
  const { box, chars } = r;
  const y0 = box.y0 + offsetY;
  const y1 = box.y1 + offsetY;
  const w = box.x1 - box.x0;
  const centre = (c: DecodedChar): number => box.x0 + Math.min(1, (c.step + 0.5) * r.stepWidth) * w;
  const words: OcrWord[] = [];
  let run: { text: string; probs: number[]; x0: number; x1: number } | null = null;
  const flush = (): void => {
    if (!run) return;
    const confidence = Math.round((run.probs.reduce((a, b) => a + b, 0) / run.probs.length) * 100);
    words.push({ text: run.text, confidence, bbox: { x0: run.x0, y0, x1: run.x1, y1 } });
    run = null;
  };
  chars.forEach((c, i) => {
    if (c.text.trim() === '') return flush();
    let x0 = box.x0;
    let x1 = box.x1;
    if (r.stepWidth > 0) {
      x0 = i === 0 ? box.x0 : Math.round((centre(chars[i - 1]!) + centre(c)) / 2);
      x1 = i === chars.length - 1 ? box.x1 : Math.round((centre(c) + centre(chars[i + 1]!)) / 2);
    }
    if (run && isWordChar(c.text) && isWordChar(run.text.slice(-1))) {
      run.text += c.text;
      run.probs.push(c.prob);
      run.x1 = x1;
      return;
    }
    flush();
    run = { text: c.text, probs: [c.prob], x0, x1 };
  });
  flush();
  return words;
}

/**
 * The PaddleOCR (PP-OCRv4) engine on onnxruntime-node: DB text detection, optional 0°/180° line classification,
 * SVTR recognition with CTC greedy decoding. Inference runs on `workers` threads, each holding its sessions for
 * its lifetime; decoding, box post-processing and crops (sharp) run in the calling thread.
 */
export function createPaddleEngine(deps: PaddleEngineDeps): PaddleEngine {
  const { logger } = deps;
  const { workers, threads } = paddleSizing(os.availableParallelism(), deps.workers, deps.threads);
  const timeoutMs = deps.timeoutMs ?? 120_000;
  const detMaxSide = deps.detMaxSide ?? 960;
  const db = deps.db ?? DEFAULT_DB_OPTIONS;
  const dropScore = deps.dropScore ?? 0.5;
  const orientationCheck = deps.orientationCheck ?? true;
  let setup: Promise<{ models: PaddleModels; keys: string[]; ortPath: string }> | null = null;

  const closedError = (): AppError => new AppError('internal', '文字识别已关闭，无法继续识别。请重新打开程序后再试。');

  function prepare(): Promise<{ models: PaddleModels; keys: string[]; ortPath: string }> {
    setup ??= (async () => {
      let ortPath: string;
      try {
        ortPath = resolveOnnxRuntime();
      } catch (e) {
        throw engineUnavailable(unavailableReason(e), e);
      }
      try {
        const models = await locatePaddleModels(deps.modelDir);
        return { models, keys: parseKeys(models.keysText), ortPath };
      } catch (e) {
        throw engineUnavailable(unavailableReason(e), e);
      }
    })();
    return setup;
  }

  async function startThread(): Promise<InferenceThread> {
    const { models, ortPath } = await prepare();
    const t0 = performance.now();
    const thread = startInferenceThread(
      { det: models.det, rec: models.rec, cls: deps.useCls || orientationCheck ? models.cls : undefined },
      threads,
      ortPath,
      arenaSessions(deps.memArena ?? true),
    );
    try {
      await withTimeout(thread.ready(), timeoutMs, () => new Error('loading the models timed out'));
    } catch (e) {
      await thread.kill();
      logger.warn('reader: PaddleOCR engine failed to start', { error: String(e) });
      throw engineUnavailable(unavailableReason(e), e);
    }
    logger.debug('reader: PaddleOCR thread started', { threads, ms: Math.round(performance.now() - t0) });
    return thread;
  }

  const pool = createWorkerPool<InferenceThread, void>({
    size: workers,
    start: startThread,
    stop: (thread) => thread.close(),
    kill: (thread) => thread.kill(),
    closedError,
  });

  async function detect(thread: InferenceThread, image: GreyImage): Promise<TextBox[]> {
    const size = detInputSize(image.width, image.height, detMaxSide);
    const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
      .resize({ width: size.width, height: size.height, fit: 'fill', kernel: 'cubic' })
      .extractChannel(0)
      .raw()
      .toBuffer();
    const out = await thread.det(detTensor({ data: resized, width: size.width, height: size.height }), [
      1,
      3,
      size.height,
      size.width,
    ]);
    const [, , h, w] = out.dims as [number, number, number, number];
    return dbBoxes(out.data, w, h, image.width / w, image.height / h, db);
  }

  async function crop(image: GreyImage, box: TextBox): Promise<{ data: Uint8Array; width: number; turned: boolean }> {
    const w = box.x1 - box.x0;
    const h = box.y1 - box.y0;
    const turned = h >= w * TALL_RATIO;
    const width = turned ? recWidth(h, w) : recWidth(w, h);
    let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } }).extract({
      left: box.x0,
      top: box.y0,
      width: w,
      height: h,
    });
    if (turned) {
      // In one sharp pipeline an extract and a rotate may run in either order; cut first, then turn the cut.
      const cut = await pipeline.raw().toBuffer();
      pipeline = sharp(cut, { raw: { width: w, height: h, channels: 1 } }).rotate(270);
    }
    const data = await pipeline
      .resize({ width, height: REC_HEIGHT, fit: 'fill', kernel: 'cubic' })
      .extractChannel(0)
      .raw()
      .toBuffer();
    return { data, width, turned };
  }

  /** Which lines the classifier reads as upside down (label 1 = 180° with probability > 0.9). */
  async function upsideDown(
    thread: InferenceThread,
    lines: readonly { data: Uint8Array; width: number }[],
  ): Promise<boolean[]> {
    const flags: boolean[] = [];
    for (let start = 0; start < lines.length; start += CLS_BATCH) {
      const batch = lines.slice(start, start + CLS_BATCH);
      const plane = REC_HEIGHT * CLS_WIDTH;
      const data = new Float32Array(batch.length * 3 * plane);
      batch.forEach((line, n) => {
        const cw = Math.min(CLS_WIDTH, line.width);
        for (let y = 0; y < REC_HEIGHT; y++)
          for (let x = 0; x < cw; x++) {
            // Nearest sample of the line squeezed to at most 192 px (the classifier only needs the glyphs' shape).
            const sx = Math.min(line.width - 1, Math.floor((x * line.width) / cw));
            const v = line.data[y * line.width + sx]! / 127.5 - 1;
            const o = n * 3 * plane + y * CLS_WIDTH + x;
            data[o] = v;
            data[o + plane] = v;
            data[o + 2 * plane] = v;
          }
      });
      const out = await thread.cls(data, [batch.length, 3, REC_HEIGHT, CLS_WIDTH]);
      batch.forEach((_, n) => flags.push(out.data[n * 2 + 1]! > 0.9));
    }
    return flags;
  }

  /**
   * The share of the text (by box area) that looks turned: boxes standing upright (a page turned by 90°) and, from
   * a sample of the widest lines, lines the classifier reads as upside down (a page turned by 180°).
   */
  async function turnedShare(
    thread: InferenceThread,
    boxes: readonly TextBox[],
    crops: readonly { data: Uint8Array; width: number; turned: boolean }[],
  ): Promise<number> {
    const area = (b: TextBox): number => (b.x1 - b.x0) * (b.y1 - b.y0);
    const total = boxes.reduce((a, b) => a + area(b), 0) || 1;
    const tall = boxes.reduce((a, b, i) => a + (crops[i]!.turned ? area(b) : 0), 0) / total;
    const sample = crops
      .map((c, i) => ({ c, i }))
      .filter((x) => !x.c.turned)
      .sort((a, b) => b.c.width - a.c.width)
      .slice(0, CLS_BATCH);
    if (sample.length === 0) return tall;
    const flags = await upsideDown(
      thread,
      sample.map((x) => x.c),
    );
    const upside = flags.filter(Boolean).length / sample.length;
    return Math.max(tall, upside * (1 - tall));
  }

  async function recognise(
    thread: InferenceThread,
    image: GreyImage,
    keys: readonly string[],
  ): Promise<{ lines: Recognised[]; turned: number }> {
    const t0 = performance.now();
    const boxes = (await detect(thread, image)).filter((b) => b.x1 - b.x0 >= 2 && b.y1 - b.y0 >= 2);
    if (boxes.length === 0) return { lines: [], turned: 0 };
    const t1 = performance.now();
    const crops = await Promise.all(boxes.map((box) => crop(image, box)));
    const t2 = performance.now();
    const turned = orientationCheck ? await turnedShare(thread, boxes, crops) : 0;
    // A page that looks upside down reads as nothing at all; its lines turned it reads as text whose lowered page
    // confidence (below) still sends it to the reader's orientation retry, which turns the preview as well.
    if (deps.useCls || turned >= 0.5) {
      const flags = await upsideDown(thread, crops);
      flags.forEach((f, i) => f && crops[i]!.data.reverse());
    }
    const out: Recognised[] = [];
    const batches: number[][] = [];
    for (let i = 0; i < crops.length; i += REC_BATCH) batches.push(crops.slice(i, i + REC_BATCH).map((_, k) => i + k));
    for (const batch of batches) {
      const tensor = recBatchTensor(batch.map((i) => crops[i]!));
      const res = await thread.rec(tensor.data, [batch.length, 3, REC_HEIGHT, tensor.width]);
      const steps = res.dims[1]!;
      batch.forEach((i, n) => {
        const chars = settleDoubtfulChars(
          ctcDecode(
            res.best.subarray(n * steps, (n + 1) * steps),
            res.prob.subarray(n * steps, (n + 1) * steps),
            keys,
            {
              index: res.guess.subarray(n * steps * 2, (n + 1) * steps * 2),
              prob: res.guessProb.subarray(n * steps * 2, (n + 1) * steps * 2),
              perStep: 2,
            },
          ),
        );
        const c = crops[i]!;
        const text = chars.map((ch) => ch.text).join('');
        const score = lineScore(chars);
        // On a page that looks turned nothing is dropped: the reader retries a turned page only if it read something.
        if (text.trim() === '' || (score < dropScore && turned < 0.5)) return;
        // One time step covers batchWidth / steps pixels of the line image, i.e. this fraction of the line.
        const stepWidth = c.turned ? 0 : tensor.width / steps / c.width;
        out.push({ box: boxes[i]!, chars, score, stepWidth });
      });
    }
    const ms = (a: number, b: number): number => Math.round(b - a);
    logger.debug('reader: PaddleOCR image', {
      width: image.width,
      height: image.height,
      boxes: boxes.length,
      detMs: ms(t0, t1),
      cropMs: ms(t1, t2),
      recMs: ms(t2, performance.now()),
      turned: Math.round(turned * 100) / 100,
    });
    return { lines: out, turned };
  }

  function linesOf(recognised: readonly Recognised[], offsetY: number): OcrLine[] {
    return groupLines(recognised.map((r) => ({ ...r, x0: r.box.x0, y0: r.box.y0, y1: r.box.y1 }))).map((items) => {
      const words = items.flatMap((r) => wordsOf(r, offsetY));
      return {
        text: items
          .map((r) =>
            r.chars
              .map((c) => c.text)
              .join('')
              .trim(),
          )
          .join(' '),
        top: Math.min(...items.map((r) => r.box.y0)) + offsetY,
        bottom: Math.max(...items.map((r) => r.box.y1)) + offsetY,
        wordConfidences: words.map((w) => w.confidence),
        words,
      };
    });
  }

  async function page(
    thread: InferenceThread,
    input: OcrPageInput,
    keys: readonly string[],
  ): Promise<{ lines: OcrLine[]; turned: number }> {
    const body = await recognise(thread, readPgm(input.body), keys);
    const regions = [];
    for (const r of input.regions)
      regions.push({
        top: r.top,
        bottom: r.bottom,
        lines: linesOf((await recognise(thread, readPgm(r.image), keys)).lines, r.top),
      });
    return { lines: mergeRegionLines(linesOf(body.lines, 0), regions), turned: body.turned };
  }

  return {
    async start() {
      pool.release(await pool.acquire());
    },
    async recognize(input, { name, page: pageNo }) {
      const { keys } = await prepare();
      try {
        // A page that fails or times out ends its thread (the pool drops it): it may still be running.
        const { lines, turned } = await pool.use(undefined, (thread) =>
          withTimeout(page(thread, input, keys), timeoutMs, () =>
            readerErrors.ocrTimeout(name, `第 ${pageNo} 页的文字识别`, seconds(timeoutMs)),
          ),
        );
        const confidences = lines.flatMap((l) => l.wordConfidences);
        const mean = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0;
        // Text read from a turned page is not to be trusted however sure the recogniser is of each glyph: a page
        // whose text mostly looks turned falls under the reader's ORIENTATION_RETRY_BELOW and is read turned.
        const confidence = mean * (1 - turned);
        return {
          text: lines.map((l) => l.text).join('\n'),
          confidence: Math.round(confidence * 10) / 10,
          words: lines.flatMap((l) => l.words ?? []),
        };
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw readerErrors.ocrFailed(name, pageNo, e);
      }
    },
    workerCount: () => pool.count(),
    close: () => pool.close(),
  };
}
