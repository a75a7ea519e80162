// `npm run bench -- extract [--recorded] [--only c01,p02] [--corpus DIR] [--fixtures DIR] [--save DIR]`
// Runs the real pipeline (document reader → OCR → extractFields) over the labelled corpus scans and
// scores the five main fields against gold.jsonl. Progress goes to stderr; the last stdout line is one
// JSON object. With --recorded the recorded OCR texts replace OCR (seconds instead of minutes), and in
// OCR mode the recorded texts are scored too, in the same process, as the baseline.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFields } from '../../shared/documents/extract';
import {
  SCORED_FIELDS,
  countExact,
  scoreAgainstGold,
  type GoldRecord,
  type ScoredField,
} from '../../shared/documents/gold';
import type { DocumentFields } from '../../shared/documents/fields';
import { createDocumentReader } from '../../electron/core/services/reader/reader';
import { createStderrLogger } from '../../electron/core/logger';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const recorded = process.argv.includes('--recorded');
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
  readonly got: Pick<DocumentFields, ScoredField>;
}

function loadGold(): GoldRecord[] {
  return readFileSync(join(corpus, 'gold.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as GoldRecord)
    .filter((g) => only.length === 0 || only.includes(g.id));
}

function scans(id: string): string[] {
  return readdirSync(join(corpus, 'docs', id))
    .filter((f) => /^scan-\d+\.jpg$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
}

function pick(f: DocumentFields): Pick<DocumentFields, ScoredField> {
  return {
    docNumber: f.docNumber,
    issuingBodies: f.issuingBodies,
    title: f.title,
    signingDate: f.signingDate,
    docType: f.docType,
  };
}

function summary(per: readonly PerDocument[]) {
  const exact = countExact(per.map((p) => p.exact));
  const rates = Object.fromEntries(
    SCORED_FIELDS.map((f) => [f, per.length ? Number((exact[f] / per.length).toFixed(3)) : 0]),
  );
  return { exact, rates };
}

function scoreRecorded(gold: readonly GoldRecord[]): PerDocument[] {
  return gold
    .filter((g) => existsSync(join(fixtures, `${g.id}.txt`)))
    .map((g) => {
      const text = readFileSync(join(fixtures, `${g.id}.txt`), 'utf8');
      const t0 = performance.now();
      const fields = extractFields(text);
      return {
        id: g.id,
        pages: text.split('\f').length,
        seconds: Number(((performance.now() - t0) / 1000).toFixed(4)),
        exact: scoreAgainstGold(fields, g),
        got: pick(fields),
      };
    });
}

async function main(): Promise<void> {
  const gold = loadGold();
  if (recorded) {
    const per = scoreRecorded(gold);
    const pages = per.reduce((n, p) => n + p.pages, 0);
    const seconds = per.reduce((n, p) => n + p.seconds, 0);
    process.stderr.write(`recorded OCR texts: ${per.length} documents, extraction ${seconds.toFixed(3)} s\n`);
    process.stdout.write(
      JSON.stringify({
        mode: 'recorded',
        documents: per.length,
        ...summary(per),
        perDocument: per,
        secondsPerPage: pages ? Number((seconds / pages).toFixed(5)) : 0,
      }) + '\n',
    );
    return;
  }

  const logger = createStderrLogger('warn');
  const cacheDir = mkdtempSync(join(tmpdir(), 'xfd-bench-extract-'));
  const reader = createDocumentReader({ cacheDir, logger });
  const per: PerDocument[] = [];
  let pages = 0;
  let ocrSeconds = 0;
  for (const [k, g] of gold.entries()) {
    const files = scans(g.id);
    const inputs = files.map((name) => ({
      name,
      bytes: new Uint8Array(readFileSync(join(corpus, 'docs', g.id, name))),
    }));
    const t0 = performance.now();
    const doc = await reader.readPages(inputs, {
      onProgress: (p) => process.stderr.write(`  ${g.id} ${p.stage} ${p.page}/${p.pages}\n`),
    });
    if (saveDir) {
      mkdirSync(saveDir, { recursive: true });
      writeFileSync(join(saveDir, `${g.id}.txt`), doc.text, 'utf8');
    }
    const fields = extractFields(doc.text);
    const seconds = (performance.now() - t0) / 1000;
    pages += files.length;
    ocrSeconds += seconds;
    const exact = scoreAgainstGold(fields, g);
    per.push({ id: g.id, pages: files.length, seconds: Number(seconds.toFixed(2)), exact, got: pick(fields) });
    const misses = SCORED_FIELDS.filter((f) => !exact[f]);
    process.stderr.write(
      `[${k + 1}/${gold.length}] ${g.id} ${files.length} p ${seconds.toFixed(1)} s ${misses.length ? 'miss: ' + misses.join(',') : 'all exact'}\n`,
    );
  }
  await reader.close();
  rmSync(cacheDir, { recursive: true, force: true });
  const baseline = scoreRecorded(gold);
  process.stdout.write(
    JSON.stringify({
      mode: 'ocr',
      documents: per.length,
      ...summary(per),
      perDocument: per,
      secondsPerPage: pages ? Number((ocrSeconds / pages).toFixed(2)) : 0,
      baseline: {
        source: 'recorded tesseract.js psm 6 texts (tests/fixtures/ocr/docs)',
        documents: baseline.length,
        ...summary(baseline),
      },
    }) + '\n',
  );
}

await main().catch((e: unknown) => {
  process.stderr.write(`extract bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
