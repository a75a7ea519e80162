import type { OcrEngineChoice, OcrEngineStatus } from '../../../../../shared/api/contract';
import type { Logger } from '../../../logger';
import type { OcrEngine } from '../reader.ocr';
import { EngineUnavailableError, type PaddleEngine } from './paddle.engine';

export interface SelectedEngineDeps {
  readonly choice: OcrEngineChoice;
  readonly logger: Logger;
  /** The tesseract.js pool (always there: it is the compatible engine and the fallback). */
  readonly tesseract: OcrEngine;
  /** Makes the Paddle engine; called at most once, when a page first needs it. */
  readonly paddle: () => PaddleEngine;
  /** Whether the pages are Chinese (the OCR languages include chi_sim): `auto` uses Paddle only for those. */
  readonly chinese: boolean;
}

/** The OCR engine the reader calls, switching between Paddle and tesseract.js by the user's choice. */
export interface SelectedEngine extends OcrEngine {
  setChoice(choice: OcrEngineChoice): void;
  status(): OcrEngineStatus;
}

/**
 * `compatible`: tesseract.js. `accurate`: Paddle, and a page fails with `ocr.engine_unavailable` when Paddle cannot
 * start. `auto`: Paddle for Chinese pages when onnxruntime and the models load, else tesseract.js with the reason
 * kept (logged once and shown in the status). Paddle is started on first use, so choosing it costs nothing until then.
 */
export function createSelectedEngine(deps: SelectedEngineDeps): SelectedEngine {
  const { logger } = deps;
  let choice = deps.choice;
  let paddle: PaddleEngine | null = null;
  let paddleStart: Promise<PaddleEngine | EngineUnavailableError> | null = null;
  let fallbackReason: string | null = null;
  let lastActive: 'paddle' | 'tesseract' | null = null;

  const wantsPaddle = (): boolean => choice === 'accurate' || (choice === 'auto' && deps.chinese);

  /** Paddle when it is running, else the AppError that says why it cannot (the same answer for every later page). */
  function startPaddle(): Promise<PaddleEngine | EngineUnavailableError> {
    paddleStart ??= (async () => {
      try {
        const engine = deps.paddle();
        paddle = engine;
        await engine.start();
        logger.info('reader: OCR engine PaddleOCR ready');
        return engine;
      } catch (e) {
        const error = e instanceof EngineUnavailableError ? e : new EngineUnavailableError('运行库初始化失败', e);
        fallbackReason = error.reason;
        logger.warn('reader: PaddleOCR unavailable, tesseract.js reads instead where allowed', {
          reason: error.reason,
          cause: String(error.cause ?? ''),
        });
        const failed = paddle;
        paddle = null;
        await failed?.close().catch(() => undefined);
        return error;
      }
    })();
    return paddleStart;
  }

  async function engineFor(): Promise<OcrEngine> {
    if (!wantsPaddle()) return deps.tesseract;
    const started = await startPaddle();
    if (started instanceof EngineUnavailableError) {
      if (choice === 'accurate') throw started;
      return deps.tesseract;
    }
    return started;
  }

  return {
    async recognize(input, label) {
      const engine = await engineFor();
      lastActive = engine === deps.tesseract ? 'tesseract' : 'paddle';
      return engine.recognize(input, label);
    },
    workerCount: () => deps.tesseract.workerCount() + (paddle?.workerCount() ?? 0),
    setChoice(next) {
      choice = next;
    },
    status: () => {
      if (!wantsPaddle()) return { choice, active: 'tesseract', message: null };
      if (fallbackReason === null) return { choice, active: lastActive, message: null };
      if (choice === 'accurate')
        return {
          choice,
          active: null,
          message: `高精度引擎（PaddleOCR）无法启动：${fallbackReason}。扫描件暂时无法识别；请改用“自动”或“兼容”，或重新安装本程序。`,
        };
      return {
        choice,
        active: 'tesseract',
        message: `高精度引擎（PaddleOCR）无法启动：${fallbackReason}。已改用兼容引擎（tesseract.js），识别准确率会低一些；重新安装本程序可恢复高精度识别。`,
      };
    },
    async close() {
      const p = paddleStart ? await paddleStart : null;
      await Promise.all([
        deps.tesseract.close(),
        p && !(p instanceof EngineUnavailableError) ? p.close() : Promise.resolve(),
      ]);
    },
  };
}
