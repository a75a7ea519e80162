/**
 * PP-OCR text recognition (SVTR + CTC) around the ONNX model: the line tensors and the CTC greedy decoding.
 * Pure functions over typed arrays, no I/O.
 */

/** Height of the recogniser's input (PP-OCRv3/v4 rec_image_shape 3 × 48 × W). */
export const REC_HEIGHT = 48;
/** Narrowest batch width (PaddleOCR pads lines to at least 320 px at height 48). */
export const REC_MIN_WIDTH = 320;
/** Widest line crop fed to the recogniser; a longer box is squeezed (a full 三号 line at 48 px is ~1,300 px). */
export const REC_MAX_WIDTH = 2400;

/**
 * The character list: index 0 is the CTC blank, then one entry per line of ppocr_keys_v1.txt, then a space
 * (PaddleOCR's use_space_char). 6,623 keys + 2 = the model's 6,625 classes.
 */
export function parseKeys(text: string): string[] {
  const keys = text.replace(/\r/g, '').split('\n');
  if (keys[keys.length - 1] === '') keys.pop();
  return ['', ...keys, ' '];
}

/** Width a crop of `width` × `height` pixels gets at the recogniser's height (at least 1, at most REC_MAX_WIDTH). */
export function recWidth(width: number, height: number): number {
  return Math.max(1, Math.min(REC_MAX_WIDTH, Math.ceil((REC_HEIGHT * width) / Math.max(1, height))));
}

/**
 * One batch tensor (N × 3 × 48 × W, W = widest line, at least REC_MIN_WIDTH) from grey line images of height 48:
 * pixels scaled to −1…1 like PaddleOCR, the right-hand padding 0 (mid grey in that scale, as PaddleOCR pads).
 */
export function recBatchTensor(lines: readonly { readonly data: Uint8Array; readonly width: number }[]): {
  readonly data: Float32Array;
  readonly width: number;
} {
  const width = Math.max(REC_MIN_WIDTH, ...lines.map((l) => l.width));
  const plane = REC_HEIGHT * width;
  const data = new Float32Array(lines.length * 3 * plane);
  lines.forEach((line, n) => {
    for (let y = 0; y < REC_HEIGHT; y++) {
      for (let x = 0; x < line.width; x++) {
        const v = line.data[y * line.width + x]! / 127.5 - 1;
        const o = n * 3 * plane + y * width + x;
        data[o] = v;
        data[o + plane] = v;
        data[o + 2 * plane] = v;
      }
    }
  });
  return { data, width };
}

/** A decoded character: its text, the recogniser's probability for it and the time step it was read at. */
export interface DecodedChar {
  readonly text: string;
  readonly prob: number;
  readonly step: number;
  /** The recogniser's next guesses at that time step (characters only, no blank), best first. */
  readonly guesses?: readonly { readonly text: string; readonly prob: number }[];
}

/** The next guesses per time step: `perStep` classes and probabilities for each step, best first. */
export interface StepGuesses {
  readonly index: ArrayLike<number>;
  readonly prob: ArrayLike<number>;
  readonly perStep: number;
}

/**
 * CTC greedy decoding of one line: the best class per time step (`best`, `prob`), repeats merged and blanks
 * (class 0) dropped. Unknown classes (outside the keys) are dropped too. With `guesses`, each character keeps
 * the other characters the recogniser considered at its time step.
 */
export function ctcDecode(
  best: ArrayLike<number>,
  prob: ArrayLike<number>,
  keys: readonly string[],
  guesses?: StepGuesses,
): DecodedChar[] {
  const out: DecodedChar[] = [];
  let previous = 0;
  for (let t = 0; t < best.length; t++) {
    const k = best[t]!;
    if (k !== 0 && k !== previous && k < keys.length) {
      const others: { text: string; prob: number }[] = [];
      for (let g = 0; guesses && g < guesses.perStep; g++) {
        const c = guesses.index[t * guesses.perStep + g]!;
        if (c !== 0 && c < keys.length) others.push({ text: keys[c]!, prob: guesses.prob[t * guesses.perStep + g]! });
      }
      out.push(
        others.length
          ? { text: keys[k]!, prob: prob[t]!, step: t, guesses: others }
          : { text: keys[k]!, prob: prob[t]!, step: t },
      );
    }
    previous = k;
  }
  return out;
}

/** Mean probability of the characters (0 for none): PaddleOCR's line score. */
export function lineScore(chars: readonly DecodedChar[]): number {
  return chars.length === 0 ? 0 : chars.reduce((s, c) => s + c.prob, 0) / chars.length;
}
