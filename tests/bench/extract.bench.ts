// `npm run bench -- extract [--recorded] [--only c01,p02] [--corpus DIR] [--fixtures DIR] [--save DIR] [--no-letters]`
// Scores the extractor against the labelled corpus (gold.jsonl), per field, exact match:
// - ocr (default): the real pipeline (document reader → OCR → extraction) over the degraded scans;
// - clean: the clean printed text (text.txt, parser only), always measured in the same process;
// - recorded (--recorded): recorded OCR texts (tests/fixtures/ocr/docs, or --fixtures DIR) instead of OCR.
// Fields: the five header fields, 主送, cited 文号 (recall, and any invented), and for the petition letters
// (letters/gold.jsonl) every letter field (shared/letters/gold.ts: exact after dropping whitespace and folding
// full-width forms, and the request also by similarity). Progress goes to stderr; the last stdout line is one JSON object.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeDocument } from '../../shared/documents/extract';
import {
  SCORED_FIELDS,
  countExact,
  scoreAgainstGold,
  scoreExtras,
  type ExtraScore,
  type GoldRecord,
  type ScoredField,
} from '../../shared/documents/gold';
import type { DocumentFields } from '../../shared/documents/fields';
import { extractLetter } from '../../shared/letters/extract-letter';
import {
  LETTER_FIELDS,
  scoreLetter,
  summariseLetters,
  type LetterGold,
  type LetterScore,
} from '../../shared/letters/gold';
import { createDocumentReader } from '../../electron/core/services/reader/reader';
import type { OcrEngineChoice } from '../../shared/api/contract';
import type { DocumentReader } from '../../electron/core/services/reader/reader.types';
import { createStderrLogger } from '../../electron/core/logger';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const recorded = process.argv.includes('--recorded');
const withLetters = !process.argv.includes('--no-letters');
const corpus = resolve(option('corpus') ?? process.env.XFD_CORPUS ?? join(root, '../shared/corpus'));
const fixtures = resolve(option('fixtures') ?? join(root, 'tests/fixtures/ocr/docs'));
const only = (option('only') ?? '').split(',').filter(Boolean);
/** Folder to keep each document's OCR text in (<id>.txt), for looking into misses. */
const saveDir = option('save');

interface PerDocument {
  readonly id: string;
  readonly pages: number;
  readonly seconds: number;
  readonly exact: Record<ScoredField, boolean>;
  readonly extra: ExtraScore;
  readonly got: Pick<DocumentFields, ScoredField | 'addressees'>;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}

function loadGold(): GoldRecord[] {
  return readJsonl<GoldRecord>(join(corpus, 'gold.jsonl')).filter((g) => only.length === 0 || only.includes(g.id));
}

function scans(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^scan-\d+\.jpg$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
}

function scoreText(g: GoldRecord, text: string, seconds: number, pages: number): PerDocument {
  const fields = analyzeDocument(text);
  return {
    id: g.id,
    pages,
    seconds: Number(seconds.toFixed(3)),
    exact: scoreAgainstGold(fields, g),
    extra: scoreExtras(fields, g),
    got: {
      docNumber: fields.docNumber,
      issuingBodies: fields.issuingBodies,
      title: fields.title,
      signingDate: fields.signingDate,
      docType: fields.docType,
      addressees: fields.addressees,
    },
  };
}

function summary(per: readonly PerDocument[]) {
  const exact = { ...countExact(per.map((p) => p.exact)), addressees: per.filter((p) => p.extra.addressees).length };
  const n = per.length;
  const rates = Object.fromEntries(Object.entries(exact).map(([f, v]) => [f, n ? Number((v / n).toFixed(3)) : 0]));
  const found = per.reduce((s, p) => s + p.extra.citedFound, 0);
  const wanted = per.reduce((s, p) => s + p.extra.citedGold, 0);
  const invented = per.flatMap((p) => p.extra.citedInvented.map((c) => `${p.id}:${c}`));
  return {
    exact,
    rates,
    citedDocNumbers: {
      found,
      labelled: wanted,
      recall: wanted ? Number((found / wanted).toFixed(3)) : 1,
      invented: invented.length,
      inventedList: invented,
    },
  };
}

function scoreLetterText(g: LetterGold, text: string): LetterScore {
  const score = scoreLetter(extractLetter(text), g);
  const misses = LETTER_FIELDS.filter((f) => !score.exact[f]);
  if (misses.length > 0)
    process.stderr.write(
      `  ${g.id} letter miss: ${misses.join(',')} (request similarity ${score.requestSimilarity.toFixed(3)})\n`,
    );
  return score;
}

async function readScans(reader: DocumentReader, dir: string, id: string): Promise<{ text: string; pages: number }> {
  const files = scans(dir);
  const inputs = files.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  const doc = await reader.readPages(inputs, {
    onProgress: (p) => process.stderr.write(`  ${id} ${p.stage} ${p.page}/${p.pages}\n`),
  });
  return { text: doc.text, pages: files.length };
}

async function main(): Promise<void> {
  const gold = loadGold();
  const clean = gold.map((g) => {
    const text = readFileSync(join(corpus, 'docs', g.id, 'text.txt'), 'utf8');
    const t0 = performance.now();
    analyzeDocument(text);
    return scoreText(g, text, (performance.now() - t0) / 1000, 1);
  });
  const letterGold =
    withLetters && only.length === 0 && existsSync(join(corpus, 'letters', 'gold.jsonl'))
      ? readJsonl<LetterGold>(join(corpus, 'letters', 'gold.jsonl'))
      : [];
  const lettersClean = summariseLetters(
    letterGold.map((g) =>
      scoreLetter(extractLetter(readFileSync(join(corpus, 'letters', g.id, 'text.txt'), 'utf8')), g),
    ),
  );

  if (recorded) {
    const per = gold
      .filter((g) => existsSync(join(fixtures, `${g.id}.txt`)))
      .map((g) => {
        const text = readFileSync(join(fixtures, `${g.id}.txt`), 'utf8');
        const t0 = performance.now();
        analyzeDocument(text);
        return scoreText(g, text, (performance.now() - t0) / 1000, text.split('\f').length);
      });
    // Letters whose recorded OCR text is there too (the --save folder of an earlier run holds l01.txt …).
    const lettersRecorded = summariseLetters(
      letterGold
        .filter((g) => existsSync(join(fixtures, `${g.id}.txt`)))
        .map((g) => scoreLetterText(g, readFileSync(join(fixtures, `${g.id}.txt`), 'utf8'))),
    );
    process.stderr.write(`recorded OCR texts from ${fixtures}: ${per.length} documents\n`);
    process.stdout.write(
      JSON.stringify({
        mode: 'recorded',
        fixtures,
        documents: per.length,
        ...summary(per),
        clean: { documents: clean.length, ...summary(clean) },
        letters: { recorded: lettersRecorded, clean: lettersClean },
        perDocument: per,
      }) + '\n',
    );
    return;
  }

  const logger = createStderrLogger('warn');
  const cacheDir = mkdtempSync(join(tmpdir(), 'xfd-bench-extract-'));
  // --engine compatible|accurate|auto: which OCR engine reads the scans (default: tesseract.js, as before).
  const engine = (option('engine') ?? 'compatible') as OcrEngineChoice;
  const reader = createDocumentReader({ cacheDir, logger, ocrEngine: engine });
  const per: PerDocument[] = [];
  let pages = 0;
  let ocrSeconds = 0;
  for (const [k, g] of gold.entries()) {
    const t0 = performance.now();
    const doc = await readScans(reader, join(corpus, 'docs', g.id), g.id);
    if (saveDir) {
      mkdirSync(saveDir, { recursive: true });
      writeFileSync(join(saveDir, `${g.id}.txt`), doc.text, 'utf8');
    }
    const seconds = (performance.now() - t0) / 1000;
    const scored = scoreText(g, doc.text, seconds, doc.pages);
    per.push(scored);
    pages += doc.pages;
    ocrSeconds += seconds;
    const misses = [
      ...SCORED_FIELDS.filter((f) => !scored.exact[f]),
      ...(scored.extra.addressees ? [] : ['addressees']),
    ];
    process.stderr.write(
      `[${k + 1}/${gold.length}] ${g.id} ${doc.pages} p ${seconds.toFixed(1)} s ${misses.length ? 'miss: ' + misses.join(',') : 'all exact'}\n`,
    );
  }
  const letterScores: LetterScore[] = [];
  for (const g of letterGold) {
    const doc = await readScans(reader, join(corpus, 'letters', g.id), g.id);
    if (saveDir) writeFileSync(join(saveDir, `${g.id}.txt`), doc.text, 'utf8');
    letterScores.push(scoreLetterText(g, doc.text));
  }
  await reader.close();
  rmSync(cacheDir, { recursive: true, force: true });
  process.stdout.write(
    JSON.stringify({
      mode: 'ocr',
      engine: reader.ocrEngineStatus?.() ?? engine,
      documents: per.length,
      ...summary(per),
      secondsPerPage: pages ? Number((ocrSeconds / pages).toFixed(2)) : 0,
      clean: { documents: clean.length, ...summary(clean) },
      letters: { ocr: summariseLetters(letterScores), clean: lettersClean },
      perDocument: per,
    }) + '\n',
  );
}

await main().catch((e: unknown) => {
  process.stderr.write(`extract bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
