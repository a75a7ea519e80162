import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFields } from '../../../../shared/documents/extract';
import { countExact, scoreAgainstGold, type GoldRecord, type ScoredField } from '../../../../shared/documents/gold';
import { corpusDir } from '../../../helpers/corpus';

// Accuracy of extractFields over the labelled corpus (27 documents):
// - ocr: raw tesseract.js output of every scan (tests/fixtures/ocr/docs, made by tests/fixtures/ocr/record.mjs);
// - reader: the app's reader pipeline output (tests/fixtures/ocr/reader, made by the extract bench with --save);
// - clean: the clean printed text, as is and with simulated OCR damage.
// Thresholds sit a little under the counts measured when they were set; raise them when the extractor
// improves, never lower them to make a change pass.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = corpusDir;
const fixtures = join(root, 'tests/fixtures/ocr');
const haveCorpus = existsSync(join(corpus, 'gold.jsonl'));

const gold: GoldRecord[] = haveCorpus
  ? readFileSync(join(corpus, 'gold.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as GoldRecord)
  : [];

type Source = 'ocr' | 'reader' | 'clean' | 'damaged';

/**
 * Measured: ocr 22 / 23 / 20 / 13 / 27, reader 24 / 23 / 21 / 18 / 27, clean 27 on every field,
 * damaged 135 (27 documents × 5 damage seeds) on every field.
 */
const MIN_EXACT: Record<Source, Record<ScoredField, number>> = {
  ocr: { docNumber: 21, issuingBodies: 22, title: 19, signingDate: 12, docType: 26 },
  reader: { docNumber: 23, issuingBodies: 22, title: 20, signingDate: 17, docType: 26 },
  clean: { docNumber: 27, issuingBodies: 27, title: 27, signingDate: 27, docType: 27 },
  damaged: { docNumber: 130, issuingBodies: 130, title: 130, signingDate: 130, docType: 130 },
};

const measured: Partial<Record<Source, Record<ScoredField, number>>> = {};

function textOf(source: 'ocr' | 'reader' | 'clean', id: string): string {
  if (source === 'clean') return readFileSync(join(corpus, 'docs', id, 'text.txt'), 'utf8');
  return readFileSync(join(fixtures, source === 'ocr' ? 'docs' : 'reader', `${id}.txt`), 'utf8');
}

/** A small deterministic generator, so the simulated damage is the same on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** The damage tesseract does to a clean page: bracket shapes, O for 0, ASCII punctuation, spaces inside words, speck lines. */
function damage(text: string, seed: number): string {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  let out = '';
  for (const ch of text) {
    if (ch === '〔') out += pick(['[', '【', '(', '（', 'C', '〔']) + (r() < 0.5 ? ' ' : '');
    else if (ch === '〕') out += pick([']', '】', ')', 'J', ']j', '〕']) + (r() < 0.5 ? ' ' : '');
    else if (ch === '：' && r() < 0.5) out += ':';
    else if (ch === '（' && r() < 0.5) out += '(';
    else if (ch === '）' && r() < 0.5) out += ')';
    else if (ch === '0' && r() < 0.2) out += 'O';
    else if (ch === '\n' && r() < 0.1) out += `\n${pick(['一 1 一', 'ee', '，', '人  全'])}\n`;
    else out += ch;
    if (/\p{Script=Han}/u.test(ch) && r() < 0.05) out += ' ';
  }
  return out;
}

function run(source: Source): Record<ScoredField, number> {
  const scores =
    source === 'damaged'
      ? gold.flatMap((g) =>
          [1, 2, 3, 4, 5].map((seed) =>
            scoreAgainstGold(extractFields(damage(textOf('clean', g.id), seed * 7919 + g.id.charCodeAt(1))), g),
          ),
        )
      : gold.map((g) => scoreAgainstGold(extractFields(textOf(source, g.id)), g));
  const exact = countExact(scores);
  measured[source] = exact;
  return exact;
}

/** Caps each count at its threshold, so a field under its threshold shows up with its measured count in the diff. */
function atLeast(exact: Record<ScoredField, number>, min: Record<ScoredField, number>): Record<ScoredField, number> {
  return Object.fromEntries(Object.entries(min).map(([f, m]) => [f, Math.min(exact[f as ScoredField], m)])) as Record<
    ScoredField,
    number
  >;
}

describe.skipIf(!haveCorpus)('extractFields accuracy on the labelled corpus', () => {
  afterAll(() => {
    // The numbers the thresholds were set from; printed so a run shows where the extractor stands.
    console.info(`extract accuracy (exact after removing whitespace): ${JSON.stringify(measured)}`);
  });

  it('has a recorded OCR text and a reader text for every labelled document', () => {
    expect(gold.length).toBeGreaterThanOrEqual(27);
    const missing = gold.filter((g) => ['docs', 'reader'].some((d) => !existsSync(join(fixtures, d, `${g.id}.txt`))));
    expect(missing.map((g) => g.id)).toEqual([]);
  });

  it('reads 文号, 发文机关, 标题, 成文日期 and 文种 from raw tesseract.js OCR at least as often as when the thresholds were set', () => {
    expect(atLeast(run('ocr'), MIN_EXACT.ocr)).toEqual(MIN_EXACT.ocr);
  });

  it('reads the five fields from the app reader pipeline text at least as often as when the thresholds were set', () => {
    expect(atLeast(run('reader'), MIN_EXACT.reader)).toEqual(MIN_EXACT.reader);
  });

  it('reads the five fields from the clean printed text of nearly every document', () => {
    expect(atLeast(run('clean'), MIN_EXACT.clean)).toEqual(MIN_EXACT.clean);
  });

  it('keeps the five fields when the clean text is damaged the way OCR damages it', () => {
    expect(atLeast(run('damaged'), MIN_EXACT.damaged)).toEqual(MIN_EXACT.damaged);
  });
});
