import type { TextSource } from '../../../../shared/api/contract';

/** One page as read: text in reading order, mean confidence (null for a text layer), and a JPEG preview for the review screen. */
export interface ReadPage {
  readonly text: string;
  readonly confidence: number | null;
  /** JPEG bytes, at most 1600 px on the long side; empty for plain-text input. */
  readonly preview: Uint8Array;
  readonly previewWidth: number;
  readonly previewHeight: number;
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
}
