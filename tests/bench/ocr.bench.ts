// `npm run bench -- ocr [--engine both|paddle|tesseract] [--only c01,p02] [--limit N] [--corpus DIR] [--workers N]
//                         [--skip-native] [--no-deskew] [--save DIR] [--docs N] [--pdf N] [--det-max-side N]
//                         [--arena on|off]`
// --engine both (default) reads the same pages with the PaddleOCR engine and the tesseract.js engine, each in its own
// child process (so each peak memory is its own), then with native tesseract, and prints all three side by side.
// --engine paddle|tesseract runs one engine in this process (what each child does).
// Header exact: the gold 发文机关标志 (meta.flag_text), whitespace removed and NFKC, occurs in the OCR text of page 1.
// Seal date exact: the 成文日期 check below, over the documents that carry a seal (meta.has_seal).
// Runs the document reader (tesseract.js pool + preprocessing) and native `tesseract` (Debian's tesseract 5,
// OMP_THREAD_LIMIT=1, one process per core, the same chi_sim 4.0.0_best_int model, its default psm 3, --dpi from
// scan_meta.json) on the same corpus scans, one after the other so they never share the cores. Progress goes to
// stderr; the last stdout line is one JSON object.
//
// CER: per document, the pages' texts joined, whitespace removed and NFKC applied to hypothesis and reference
// (text.txt), then Levenshtein distance / reference length. "overall" is total edits / total reference chars.
// Throughput: pages per minute of wall time, including model loading (our worker start, native process start)
// and, for ours, decoding and preprocessing. ratio = ours / native.
// Memory: the reader runs in this process (tesseract.js workers are worker threads, so their wasm heaps are
// part of this process's RSS); rss is sampled every 50 ms while it runs, and process.resourceUsage().maxRSS
// (the kernel's peak) is read before native tesseract starts (the native processes are children, not counted).
// 成文日期 check: the gold signing_date (gold.jsonl) is written the way text.txt writes it — Arabic
// `2013年11月16日` or Chinese numerals `二〇〇九年八月三十日` — and must occur in the OCR text after whitespace
// removal and NFKC; ○ (U+25CB) and 零 are folded to 〇 on both sides, nothing else is forgiven.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createStderrLogger } from '../../electron/core/logger';
import sharp from 'sharp';
import { ORIENTATION_RETRY_BELOW, createDocumentReader } from '../../electron/core/services/reader/reader';
import { buildPdf } from '../unit/reader/reader.fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(import.meta.url);

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const corpus = resolve(option('corpus') ?? process.env.XFD_CORPUS ?? join(root, '../shared/corpus'));
const only = (option('only') ?? '').split(',').filter(Boolean);
const limit = option('limit') ? Number(option('limit')) : Infinity;
const workers = option('workers') ? Number(option('workers')) : 2;
const skipNative = process.argv.includes('--skip-native');
const noDeskew = process.argv.includes('--no-deskew');
/** Folder to keep each engine's OCR text of each document in (<engine>/<id>.txt), for looking into misses. */
const saveDir = option('save');
/** `--pdf N`: instead of the corpus comparison, read one N-page scanned PDF built from the colour corpus scans. */
const pdfPages = option('pdf') ? Number(option('pdf')) : 0;
const NATIVE_PARALLEL = 2;
/**
 * Documents read at the same time through the one reader (its pool of `workers` is shared), as a batch import
 * would: with one at a time a 1-page document leaves the second worker idle. `--docs 1` measures that case.
 */
const docConcurrency = option('docs') ? Number(option('docs')) : 2;
/** `--det-max-side N`: longer side of the page as PaddleOCR's detector sees it (engine default otherwise). */
const detMaxSide = option('det-max-side') ? Number(option('det-max-side')) : undefined;
/** `--arena on|off`: onnxruntime's CPU memory arena for PaddleOCR's sessions (engine default otherwise). */
const memArena = option('arena') === undefined ? undefined : option('arena') === 'on';
/** Which reader engine(s) to run: both (default, each in a child process), paddle or tesseract (in this process). */
const engineOption = option('engine') ?? 'both';
if (!['both', 'paddle', 'tesseract'].includes(engineOption))
  throw new Error(`--engine must be both, paddle or tesseract`);
type EngineName = 'paddle' | 'tesseract';
const ENGINE_CHOICE = { paddle: 'accurate', tesseract: 'compatible' } as const;
const ENGINE_LABEL: Record<EngineName, string> = {
  paddle: 'PaddleOCR PP-OCRv4 (det + rec ONNX) on onnxruntime-node, reader pipeline',
  tesseract: 'tesseract.js 7 reader pipeline',
};

interface Gold {
  readonly id: string;
  readonly signing_date: string | null;
  readonly meta?: { readonly flag_text?: string | null; readonly has_seal?: boolean };
}

interface Doc {
  readonly id: string;
  readonly scans: string[];
  readonly dpi: number;
  readonly reference: string;
  readonly date: string | null;
  readonly header: string | null;
  readonly seal: boolean;
}

const log = (s: string): void => void process.stderr.write(s + '\n');

export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

export function levenshtein(a: readonly string[], b: readonly string[]): number {
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : DIGITS[tens]!) + '十' + (ones ? DIGITS[ones]! : '');
}

const foldZero = (s: string): string => s.replace(/[○零]/gu, '〇');

/** The signing date as the reference text writes it (Arabic or Chinese numerals), or null if neither occurs. */
export function writtenDate(iso: string, reference: string): string | null {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const arabic = `${y}年${m}月${d}日`;
  const chinese = `${[...String(y)].map((c) => DIGITS[Number(c)]!).join('')}年${chineseNumber(m)}月${chineseNumber(d)}日`;
  const ref = foldZero(normalise(reference));
  if (ref.includes(arabic)) return arabic;
  if (ref.includes(chinese)) return chinese;
  return null;
}

function loadDocs(): Doc[] {
  const gold = readFileSync(join(corpus, 'gold.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Gold)
    .filter((g) => only.length === 0 || only.includes(g.id))
    .slice(0, limit);
  return gold.map((g) => {
    const dir = join(corpus, 'docs', g.id);
    const scans = readdirSync(dir)
      .filter((f) => /^scan-\d+\.jpg$/.test(f))
      .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
      .map((f) => join(dir, f));
    const meta = JSON.parse(readFileSync(join(dir, 'scan_meta.json'), 'utf8')) as { dpi: number };
    const reference = readFileSync(join(dir, 'text.txt'), 'utf8');
    return {
      id: g.id,
      scans,
      dpi: meta.dpi,
      reference,
      date: g.signing_date ? writtenDate(g.signing_date, reference) : null,
      header: g.meta?.flag_text ? normalise(g.meta.flag_text) : null,
      seal: g.meta?.has_seal === true,
    };
  });
}

interface Scored {
  readonly id: string;
  readonly pages: number;
  readonly cer: number;
  readonly edits: number;
  readonly chars: number;
  readonly dateFound: boolean | null;
  readonly headerExact: boolean | null;
  readonly seal: boolean;
}

function score(doc: Doc, text: string): Scored {
  const hyp = normalise(text);
  const ref = normalise(doc.reference);
  const edits = levenshtein(Array.from(hyp), Array.from(ref));
  const chars = Array.from(ref).length;
  return {
    id: doc.id,
    pages: doc.scans.length,
    cer: Number((edits / Math.max(1, chars)).toFixed(4)),
    edits,
    chars,
    dateFound: doc.date === null ? null : foldZero(hyp).includes(doc.date),
    headerExact: doc.header === null ? null : normalise(text.split('\f')[0] ?? '').includes(doc.header),
    seal: doc.seal,
  };
}

function summarise(per: readonly Scored[], seconds: number, cpuSeconds?: number) {
  const edits = per.reduce((n, p) => n + p.edits, 0);
  const chars = per.reduce((n, p) => n + p.chars, 0);
  const pages = per.reduce((n, p) => n + p.pages, 0);
  const dated = per.filter((p) => p.dateFound !== null);
  const headed = per.filter((p) => p.headerExact !== null);
  const sealed = dated.filter((p) => p.seal);
  const rate = (n: number, of: number): number | null => (of ? Number((n / of).toFixed(3)) : null);
  return {
    cer: Number((edits / Math.max(1, chars)).toFixed(4)),
    pages,
    seconds: Number(seconds.toFixed(1)),
    pagesPerMinute: Number(((pages / seconds) * 60).toFixed(1)),
    /** CPU seconds per page (all threads or processes): throughput on an idle machine ≈ cores / this × 60. */
    cpuSecondsPerPage: cpuSeconds === undefined ? null : Number((cpuSeconds / Math.max(1, pages)).toFixed(2)),
    signingDate: {
      found: dated.filter((p) => p.dateFound).length,
      of: dated.length,
      rate: dated.length ? Number((dated.filter((p) => p.dateFound).length / dated.length).toFixed(3)) : null,
      missed: dated.filter((p) => !p.dateFound).map((p) => p.id),
    },
    headerExact: {
      exact: headed.filter((p) => p.headerExact).length,
      of: headed.length,
      rate: rate(headed.filter((p) => p.headerExact).length, headed.length),
      missed: headed.filter((p) => !p.headerExact).map((p) => p.id),
    },
    sealDateExact: {
      exact: sealed.filter((p) => p.dateFound).length,
      of: sealed.length,
      rate: rate(sealed.filter((p) => p.dateFound).length, sealed.length),
      missed: sealed.filter((p) => !p.dateFound).map((p) => p.id),
    },
    perDocument: Object.fromEntries(per.map((p) => [p.id, p.cer])),
  };
}

async function runOurs(docs: readonly Doc[], engine: EngineName) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'xfd-bench-ocr-'));
  const reader = createDocumentReader({
    cacheDir,
    logger: createStderrLogger('warn'),
    workers,
    deskew: !noDeskew,
    ocrEngine: ENGINE_CHOICE[engine],
    paddle: { detMaxSide, memArena },
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const per: Scored[] = [];
  const texts: Record<string, string> = {};
  const turned: string[] = [];
  const skews: number[] = [];
  const confidences: number[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    let nextDoc = 0;
    const lane = async (): Promise<void> => {
      while (nextDoc < docs.length) {
        const k = nextDoc++;
        const doc = docs[k]!;
        const inputs = doc.scans.map((f) => ({ name: f.split('/').pop()!, bytes: new Uint8Array(readFileSync(f)) }));
        const d0 = performance.now();
        const read = await reader.readPages(inputs);
        texts[doc.id] = read.text;
        if (saveDir) {
          // One folder per engine: under --engine both the two children would overwrite each other.
          mkdirSync(join(saveDir, engine), { recursive: true });
          writeFileSync(join(saveDir, engine, `${doc.id}.txt`), read.text, 'utf8');
        }
        read.pages.forEach((p, i) => {
          if (p.rotation) turned.push(`${doc.id}/${i + 1}:${p.rotation}`);
          if (p.skew) skews.push(p.skew);
          if (p.confidence !== null) confidences.push(p.confidence);
        });
        const s = score(doc, read.text);
        per.push(s);
        log(
          `${engine} [${k + 1}/${docs.length}] ${doc.id} ${doc.scans.length} p ${((performance.now() - d0) / 1000).toFixed(1)} s CER ${(s.cer * 100).toFixed(1)}% date ${s.dateFound}`,
        );
      }
    };
    await Promise.all(Array.from({ length: docConcurrency }, lane));
  } finally {
    clearInterval(sampler);
    await reader.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
  per.sort((a, b) => docs.findIndex((d) => d.id === a.id) - docs.findIndex((d) => d.id === b.id));
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { per, seconds, cpuSeconds, peakRss, texts, turned, skews, confidences };
}

/** CPU seconds (user + system, all threads) this process used since `start`. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

/**
 * CPU seconds of this process's finished child processes (Linux /proc/self/stat cutime + cstime), for native
 * tesseract. CPU time per page does not depend on what else the machine runs, unlike pages per minute.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

function nativeOnce(tessdata: string, image: string, dpi: number): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(
      'tesseract',
      [image, 'stdout', '-l', 'chi_sim', '--tessdata-dir', tessdata, '--dpi', String(dpi)],
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? ok(Buffer.concat(out).toString('utf8')) : fail(new Error(`tesseract ${code}: ${err}`)),
    );
  });
}

async function runNative(docs: readonly Doc[]) {
  const tessdata = mkdtempSync(join(tmpdir(), 'xfd-bench-tessdata-'));
  const model = join(
    dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')),
    '4.0.0_best_int',
    'chi_sim.traineddata.gz',
  );
  writeFileSync(join(tessdata, 'chi_sim.traineddata'), gunzipSync(readFileSync(model)));
  const jobs = docs.flatMap((d) => d.scans.map((scan, page) => ({ doc: d, scan, page })));
  const pageTexts = new Map<string, string[]>(docs.map((d) => [d.id, new Array<string>(d.scans.length).fill('')]));
  const t0 = performance.now();
  const children0 = childrenCpuSeconds();
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      pageTexts.get(job.doc.id)![job.page] = await nativeOnce(tessdata, job.scan, job.doc.dpi);
      done++;
      log(`native [${done}/${jobs.length}] ${job.doc.id} page ${job.page + 1}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: NATIVE_PARALLEL }, lane));
  } finally {
    rmSync(tessdata, { recursive: true, force: true });
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = childrenCpuSeconds() - children0;
  const per = docs.map((d) => score(d, pageTexts.get(d.id)!.join('\f')));
  return { per, seconds, cpuSeconds };
}

/** Peak memory while reading one large scanned PDF (the bound: under 1 GB for 100 pages). */
async function runPdf(docs: readonly Doc[], count: number): Promise<void> {
  const colour: { jpeg: Buffer; width: number; height: number }[] = [];
  for (const scan of docs.flatMap((d) => d.scans)) {
    const jpeg = readFileSync(scan);
    const meta = await sharp(jpeg).metadata();
    if (meta.channels === 3) colour.push({ jpeg, width: meta.width!, height: meta.height! });
  }
  const pdf = buildPdf(Array.from({ length: count }, (_, i) => colour[i % colour.length]!));
  // The JPEGs now live inside the PDF only: an importer holds the file once, not its pages besides.
  colour.length = 0;
  const bytesBefore = process.memoryUsage().rss;
  log(
    `pdf: ${count} pages, ${(pdf.length / 1048576).toFixed(1)} MB, rss before ${Math.round(bytesBefore / 1048576)} MB`,
  );
  const cacheDir = mkdtempSync(join(tmpdir(), 'xfd-bench-ocr-'));
  const engine: EngineName = engineOption === 'tesseract' ? 'tesseract' : 'paddle';
  const reader = createDocumentReader({
    cacheDir,
    logger: createStderrLogger('warn'),
    workers,
    deskew: !noDeskew,
    ocrEngine: ENGINE_CHOICE[engine],
    paddle: { detMaxSide, memArena },
  });
  let peakRss = bytesBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let pages = 0;
  try {
    const read = await reader.readFile(
      // A view of the one buffer, as an importer passes the file it read (a copy would be a second 60–90 MB).
      { name: 'big.pdf', bytes: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) },
      {
        onProgress: (p) => {
          if (p.stage === 'ocr' && p.page % 10 === 0)
            log(`pdf page ${p.page}/${p.pages} rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
        },
      },
    );
    pages = read.pages.length;
  } finally {
    clearInterval(sampler);
    await reader.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  process.stdout.write(
    JSON.stringify({
      bench: 'ocr-pdf',
      engine: ENGINE_LABEL[engine],
      pages,
      pdfMB: Number((pdf.length / 1048576).toFixed(1)),
      seconds: Number(seconds.toFixed(1)),
      pagesPerMinute: Number(((pages / seconds) * 60).toFixed(1)),
      cpuSecondsPerPage: Number((cpuSeconds / Math.max(1, pages)).toFixed(2)),
      loadAverage: loadavg().map((v) => Number(v.toFixed(1))),
      peakRssMB: Math.round(peakRss / 1048576),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      note: 'the PDF itself and the bench process are included in RSS; OCR workers are in-process threads',
    }) + '\n',
  );
}

/** One engine's figures, read in this process. */
async function engineResult(docs: readonly Doc[], engine: EngineName) {
  const ours = await runOurs(docs, engine);
  const maxRssKb = process.resourceUsage().maxRSS;
  const mb = (b: number): number => Math.round(b / 1048576);
  return {
    engine: `${ENGINE_LABEL[engine]}, ${workers} workers, ${docConcurrency} documents at a time`,
    ...summarise(ours.per, ours.seconds, ours.cpuSeconds),
    peakRssMB: mb(ours.peakRss),
    maxRssMB: Math.round(maxRssKb / 1024),
    memoryNote:
      engine === 'paddle'
        ? 'onnxruntime sessions live in worker threads of this process: their memory is inside its RSS'
        : 'tesseract.js workers are worker threads: their memory is inside this process RSS',
    turnedPages: ours.turned,
    deskewedPages: ours.skews.length,
    pageConfidence: {
      min: Math.min(...ours.confidences),
      mean: Number((ours.confidences.reduce((a, b) => a + b, 0) / ours.confidences.length).toFixed(1)),
      belowOrientationRetry: ours.confidences.filter((c) => c < ORIENTATION_RETRY_BELOW).length,
    },
  };
}
type EngineResult = Awaited<ReturnType<typeof engineResult>>;

/** The same bench for one engine in a child process, so its peak memory is its own (maxRSS of that process). */
function engineInChild(engine: EngineName): Promise<EngineResult> {
  const args: string[] = [];
  for (let i = 2; i < process.argv.length; i++) {
    if (process.argv[i] === '--engine') i++;
    else if (process.argv[i] !== '--skip-native') args.push(process.argv[i]!);
  }
  return new Promise((ok, fail) => {
    const child = execFile(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), ...args, '--engine', engine, '--skip-native'],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error) return fail(error);
        const last = stdout.trim().split('\n').pop() ?? '';
        const parsed = JSON.parse(last) as { engines: Record<EngineName, EngineResult> };
        ok(parsed.engines[engine]);
      },
    );
    child.stderr?.pipe(process.stderr);
  });
}

async function main(): Promise<void> {
  const docs = loadDocs();
  if (pdfPages > 0) return runPdf(docs, pdfPages);
  if (docs.length === 0) throw new Error(`no documents in ${corpus}`);
  log(`ocr bench: ${docs.length} documents, ${docs.reduce((n, d) => n + d.scans.length, 0)} pages, ${corpus}`);
  const engines: Partial<Record<EngineName, EngineResult>> = {};
  if (engineOption === 'both') {
    // One after the other, never sharing the cores.
    engines.paddle = await engineInChild('paddle');
    engines.tesseract = await engineInChild('tesseract');
  } else {
    const engine = engineOption as EngineName;
    engines[engine] = await engineResult(docs, engine);
  }
  const native = skipNative ? null : await runNative(docs);
  const n = native ? summarise(native.per, native.seconds, native.cpuSeconds) : null;
  const ratio = (e: EngineResult | undefined): number | null =>
    n && e ? Number((e.pagesPerMinute / n.pagesPerMinute).toFixed(2)) : null;
  // On a shared machine wall-clock ratios swing with the other load; CPU time per page does not.
  const cpuRatio = (e: EngineResult | undefined): number | null =>
    n?.cpuSecondsPerPage && e?.cpuSecondsPerPage
      ? Number((n.cpuSecondsPerPage / e.cpuSecondsPerPage).toFixed(2))
      : null;
  process.stdout.write(
    JSON.stringify({
      bench: 'ocr',
      corpus,
      documents: docs.length,
      pages: docs.reduce((k, d) => k + d.scans.length, 0),
      engines,
      native: n && {
        engine: `tesseract CLI (OMP_THREAD_LIMIT=1, ${NATIVE_PARALLEL} processes, psm 3, --dpi from scan_meta)`,
        ...n,
      },
      /** Pages per minute of each engine / native tesseract on the same pages. */
      ratio: { paddle: ratio(engines.paddle), tesseract: ratio(engines.tesseract) },
      /** Native tesseract's CPU seconds per page / each engine's: the throughput ratio with every core busy and nothing else running. */
      cpuRatio: { paddle: cpuRatio(engines.paddle), tesseract: cpuRatio(engines.tesseract) },
      loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
    }) + '\n',
  );
}

await main().catch((e: unknown) => {
  process.stderr.write(`ocr bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
