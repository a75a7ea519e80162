import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors/app-error';
import { EMPTY_FIELDS, type DocumentFields } from '../../shared/documents/fields';
import type {
  DocumentReader,
  NamedBytes,
  ReadDocument,
  ReadOptions,
} from '../../electron/core/services/reader/reader.types';

/** A fresh data folder per test; `cleanup` removes it. */
export async function tempDir(prefix = 'xfd-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Reads UTF-8 text files as already-OCR'd documents (pages split on \f) and refuses anything else, like the real reader. */
export function createTextReader(): DocumentReader & { reads: number } {
  const state = { reads: 0 };
  const read = (
    files: readonly NamedBytes[],
    onProgress?: (p: { stage: 'decode' | 'ocr'; page: number; pages: number }) => void,
  ): ReadDocument => {
    state.reads++;
    const pages = files.flatMap((f) => {
      if (f.bytes.length === 0) throw new AppError('file.empty', `文件“${f.name}”是空的。`);
      const s = Buffer.from(f.bytes).toString('utf8');
      if (s.startsWith('%PDF') || s.includes('\u0000')) throw new AppError('file.corrupt', `文件“${f.name}”已损坏。`);
      return s.split('\f');
    });
    pages.forEach((_, i) => onProgress?.({ stage: 'ocr', page: i + 1, pages: pages.length }));
    return {
      pages: pages.map((text) => ({
        text,
        confidence: 90,
        preview: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
        previewWidth: 10,
        previewHeight: 14,
      })),
      text: pages.join('\f'),
      source: 'txt',
      ms: 1,
    };
  };
  return Object.assign(state, {
    readFile: async (
      f: NamedBytes,
      o?: { onProgress?: (p: { stage: 'decode' | 'ocr'; page: number; pages: number }) => void },
    ) => read([f], o?.onProgress),
    readPages: async (
      fs: readonly NamedBytes[],
      o?: { onProgress?: (p: { stage: 'decode' | 'ocr'; page: number; pages: number }) => void },
    ) => read(fs, o?.onProgress),
    close: async () => undefined,
  });
}

/** A transparent stand-in for the extractor: line 1 is the body, line 2 the 文号, line 3 the title, line 4 the date. */
export function lineExtract(text: string): DocumentFields {
  const [body, docNumber, title, date] = text.split('\n').map((l) => l.trim());
  return {
    ...EMPTY_FIELDS,
    issuingBodies: body ? [body] : [],
    docNumber: docNumber || null,
    title: title || null,
    signingDate: date || null,
  };
}

export const textFile = (name: string, lines: string[]): NamedBytes => ({
  name,
  bytes: Buffer.from(lines.join('\n'), 'utf8'),
});

/**
 * The text reader, but each read waits until `release()` is called, so a test can act while an import is running.
 * `honourSignal` makes it reject as soon as the read is aborted (as the real reader will); without it the read
 * ignores the signal and the use case must still cancel between stages.
 */
export function createGatedReader(options: { honourSignal: boolean }): DocumentReader & {
  reads: number;
  readonly started: Promise<void>;
  release(): void;
} {
  const inner = createTextReader();
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((r) => (markStarted = r));
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => (open = r));
  const wait = async (signal?: AbortSignal) => {
    markStarted();
    if (!options.honourSignal || !signal) return gate;
    return Promise.race([
      gate,
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      ),
    ]);
  };
  const state = {
    get reads() {
      return inner.reads;
    },
    started,
    release: () => open(),
    readFile: async (f: NamedBytes, o?: ReadOptions) => {
      await wait(o?.signal);
      return inner.readFile(f, o);
    },
    readPages: async (fs: readonly NamedBytes[], o?: ReadOptions) => {
      await wait(o?.signal);
      return inner.readPages(fs, o);
    },
    close: async () => undefined,
  };
  return state as typeof state & { reads: number };
}
