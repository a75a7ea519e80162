import type { OcrEngineChoice, OcrEngineStatus, TextSource } from '../../../../shared/api/contract';

/**
 * One OCR word (for Chinese usually a run of characters): tesseract's text before clean-up, its confidence
 * (0–100, integer) and its box as fractions (0–1) of the page as OCR'd (after orientation and deskew, so within a
 * degree or so of the preview), for highlighting doubtful readings on the review screen.
 */
export interface ReadWord {
  readonly text: string;
  readonly confidence: number;
  readonly bbox: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

/** One page as read: text in reading order, mean confidence (null for a text layer), and a JPEG preview for the review screen. */
export interface ReadPage {
  readonly text: string;
  readonly confidence: number | null;
  /** JPEG bytes, at most 1600 px on the long side; empty for plain-text input. */
  readonly preview: Uint8Array;
  readonly previewWidth: number;
  readonly previewHeight: number;
  /** OCR pages only: the words with their confidences, in reading order. */
  readonly words?: readonly ReadWord[];
  /** OCR pages only: clockwise rotation applied before OCR (0, 90, 180, 270; orientation fix). */
  readonly rotation?: number;
  /** OCR pages only: skew corrected before OCR, in degrees (0 when none). */
  readonly skew?: number;
}

export interface ReadDocument {
  readonly pages: readonly ReadPage[];
  /** The pages' text joined with a form feed (\f) between pages. */
  readonly text: string;
  readonly source: TextSource;
  readonly ms: number;
}

export interface ReadProgress {
  readonly stage: 'decode' | 'ocr';
  /** 1-based page being worked on. */
  readonly page: number;
  readonly pages: number;
}

export interface ReadOptions {
  readonly onProgress?: (p: ReadProgress) => void;
  /** Aborts the read (the import was cancelled): the reader stops before the next page and rejects with intake.cancelled. */
  readonly signal?: AbortSignal;
}

export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Turns files into text. Errors are AppErrors with Chinese messages (file.empty, file.corrupt, pdf.encrypted …). */
export interface DocumentReader {
  /** One file: image, multi-page TIFF, PDF (text layer used where present, else OCR) or .txt. */
  readFile(input: NamedBytes, options?: ReadOptions): Promise<ReadDocument>;
  /** Several page images read in the given order as one document. */
  readPages(inputs: readonly NamedBytes[], options?: ReadOptions): Promise<ReadDocument>;
  /** Ends OCR workers; the reader is unusable afterwards. */
  close(): Promise<void>;
  /** Switches the OCR engine for pages read from now on (the 识别引擎 setting). */
  setOcrEngine?(choice: OcrEngineChoice): void;
  /** The engine in use and, when PaddleOCR was chosen but could not start, why (Chinese). */
  ocrEngineStatus?(): OcrEngineStatus;
}
