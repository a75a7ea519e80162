/**
 * `npm run bench -- search [--docs N] [--queries N]`: generates N realistic documents (sentences of the corpus and
 * seed texts, varied bodies, years and 文号, cited 文号), builds and saves the persisted search index, then in a
 * fresh process loads it (load time, memory), times query classes and checks every result set against a
 * brute-force scan, and times filing (record write + index journal). Last line: the JSON the issue specifies.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createSearchIndex, headOf, type IndexedFields } from '../../electron/core/services/search/search-index';
import { openSearchIndex, INDEX_FILE } from '../../electron/core/services/search/persistent-index';
import { writeIndexFile } from '../../electron/core/services/search/index-file';
import { openStore, SHARD_SIZE } from '../../electron/core/store/store';
import { parseDocNumber } from '../../shared/documents/doc-number';
import { docNumberMatches, parseDocNumberQuery } from '../../shared/search/doc-number-query';
import { normalizeForSearch } from '../../shared/search/normalize';

const here = fileURLToPath(new URL('.', import.meta.url));
const SHARED = join(here, '..', '..', '..', 'shared');

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    child: { type: 'string' },
    /** Keep the built index in this folder (for profiling) instead of a temporary one. */
    keep: { type: 'string' },
  },
});
const DOCS = Number(values.docs);
const QUERIES = Number(values.queries);

/** Deterministic PRNG (mulberry32) so the child process regenerates exactly the same documents. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GenDoc extends IndexedFields {
  readonly id: string;
  readonly year: number;
  readonly body: string;
}

async function sentencePool(): Promise<string[]> {
  const texts: string[] = [];
  for (const d of await readdir(join(SHARED, 'corpus', 'docs'))) {
    texts.push(await readFile(join(SHARED, 'corpus', 'docs', d, 'text.txt'), 'utf8').catch(() => ''));
  }
  for (const f of await readdir(join(SHARED, 'seeds'))) texts.push(await readFile(join(SHARED, 'seeds', f), 'utf8'));
  return texts
    .join('\n')
    .replace(/[ \t\u3000]+/g, '')
    .split(/(?<=[。；！？\n])/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 8);
}

const PLACES = ['江苏省', '浙江省', '安徽省', '河南省', '四川省', '广东省', '湖北省', '山东省', '云南省', '甘肃省'];
const CITIES = ['南京市', '杭州市', '合肥市', '郑州市', '成都市', '广州市', '武汉市', '济南市', '昆明市', '兰州市'];
const COUNTIES = ['江宁区', '临安区', '肥西县', '中牟县', '郫都区', '番禺区', '黄陂区', '章丘区', '嵩明县', '榆中县'];
const DEPTS = [
  ['信访局', '信'],
  ['住房和城乡建设局', '建'],
  ['人力资源和社会保障局', '人社'],
  ['人民政府办公室', '政办'],
  ['自然资源和规划局', '资规'],
  ['市场监督管理局', '市监'],
  ['卫生健康委员会', '卫健'],
  ['教育局', '教'],
  ['公安局', '公'],
  ['民政局', '民'],
] as const;
const TYPES = ['通知', '通报', '意见', '决定', '报告', '请示', '批复', '函', '纪要', '办法'];
const SHORT = ['江', '浙', '皖', '豫', '川', '粤', '鄂', '鲁', '滇', '甘'];
const SUFFIX = ['发', '函', '办'];

async function generate(n: number): Promise<GenDoc[]> {
  const pool = await sentencePool();
  const r = rng(20261127);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const seqs = new Map<string, number>();
  const docs: GenDoc[] = [];
  for (let i = 0; i < n; i++) {
    const level = r();
    const p = Math.floor(r() * PLACES.length);
    const dept = Math.floor(r() * DEPTS.length);
    const place = level < 0.2 ? PLACES[p]! : level < 0.6 ? PLACES[p]! + CITIES[p]! : CITIES[p]! + COUNTIES[p]!;
    const body = place + DEPTS[dept]![0];
    const year = 2000 + Math.floor(r() * 26);
    const code = SHORT[p]! + (level < 0.2 ? '' : level < 0.6 ? '市' : '县') + DEPTS[dept]![1] + pick(SUFFIX);
    const k = `${code}|${year}`;
    // Numbers run in order per code and year, with a few skipped (documents the office never received).
    const seq = (seqs.get(k) ?? 0) + 1 + (r() < 0.05 ? 1 : 0);
    seqs.set(k, seq);
    const docNumber = `${code}〔${year}〕${seq}号`;
    const docType = pick(TYPES);
    const sentences: string[] = [];
    let len = 0;
    const target = 900 + Math.floor(r() * 1200);
    while (len < target) {
      const s = pick(pool);
      sentences.push(s);
      len += s.length;
    }
    const refs =
      r() < 0.3
        ? [`${pick(SHORT)}${pick(SUFFIX)}〔${2000 + Math.floor(r() * 26)}〕${1 + Math.floor(r() * 200)}号`]
        : [];
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const title = `${body}关于${pick(pool)
      .slice(0, 6 + Math.floor(r() * 10))
      .replace(/[，。；：、！？\n]/g, '')}的${docType}`;
    docs.push({
      id: `d${String(i + 1).padStart(7, '0')}`,
      year,
      body,
      docNumber,
      title,
      issuingBodies: [body],
      addressees: [pick(CITIES) + pick(DEPTS)[0]],
      referencedDocNumbers: refs,
      text: `${body}\n${docNumber}\n${title}\n${sentences.join('')}${refs.length ? `根据${refs[0]}的要求，` : ''}\n${body}\n${year}年${month}月${day}日`,
      stamp: `${year}-01-01T00:00:00.000Z`,
    });
  }
  return docs;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};

async function parent(): Promise<void> {
  const dir = values.keep ?? (await mkdtemp(join(tmpdir(), 'xfd-search-bench-')));
  try {
    const t0 = performance.now();
    const docs = await generate(DOCS);
    const genMs = performance.now() - t0;
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    const index = createSearchIndex();
    for (const d of docs) index.put(d.id, d);
    const snap = index.snapshot();
    const buildMs = Math.round(performance.now() - t1);
    // CPU time beside wall time: on a shared machine the wall clock also counts other people's work.
    const buildCpuMs = Math.round(cpuMs(process.cpuUsage(cpu1)));
    const t2 = performance.now();
    const { bytes: indexBytes } = await writeIndexFile(join(dir, 'index', INDEX_FILE), snap, 'bench');
    const saveMs = Math.round(performance.now() - t2);
    const buildRssMB = Math.round(process.memoryUsage().rss / 1048576);
    process.stderr.write(
      `generated ${DOCS} docs in ${Math.round(genMs)} ms; built in ${buildMs} ms; saved ${indexBytes} bytes in ${saveMs} ms\n`,
    );
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        dir,
        '--docs',
        String(DOCS),
        '--queries',
        String(QUERIES),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`child failed: ${r.status}`);
    const child = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    process.stdout.write(
      JSON.stringify({
        docs: DOCS,
        buildMs,
        buildCpuMs,
        saveMs,
        buildRssMB,
        indexBytes,
        loadAvg: loadavg()[0],
        ...child,
      }) + '\n',
    );
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}

async function child(dir: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const index = await openSearchIndex({
    dir: join(dir, 'index'),
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const status = index.status();
  if (!status.loaded) throw new Error(`index did not load: ${status.rebuildReason}`);
  const rssMB = Math.round(process.memoryUsage().rss / 1048576);
  const loadMs = status.ms;
  const loadCpuMs = Math.round(cpuMs(process.cpuUsage(cpu0)));
  // The texts and postings are checksummed in the background after start-up; wait so queries are timed alone.
  const v0 = performance.now();
  const vCpu = process.cpuUsage();
  const damaged = await index.verified();
  if (damaged) throw new Error(`index check failed: ${damaged}`);
  const verifyMs = Math.round(performance.now() - v0);
  const verifyCpuMs = Math.round(cpuMs(process.cpuUsage(vCpu)));
  // Memory once the texts are in memory too (what the app holds from then on).
  const rssAfterCheckMB = Math.round(process.memoryUsage().rss / 1048576);

  const docs = await generate(DOCS);
  const heads = docs.map((d) => headOf(d));
  const texts = docs.map((d) => normalizeForSearch(d.text));
  const parsed = docs.map((d) => parseDocNumber(d.docNumber!));
  const refs = docs.map((d) => (d.referencedDocNumbers ?? []).map((x) => parseDocNumber(x)!));
  const r = rng(7);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const hanRun = (len: number): string => {
    for (;;) {
      const t = texts[Math.floor(r() * texts.length)]!;
      const at = Math.floor(r() * (t.length - len));
      const s = t.slice(at, at + len);
      if (/^\p{Script=Han}+$/u.test(s)) return s;
    }
  };
  const bruteSubstring = (term: string, filter?: (i: number) => boolean) => {
    const out = new Set<string>();
    for (let i = 0; i < docs.length; i++) {
      if ((heads[i]!.includes(term) || texts[i]!.includes(term)) && (!filter || filter(i))) out.add(docs[i]!.id);
    }
    return out;
  };
  const bruteDocNumber = (query: string) => {
    const q = parseDocNumberQuery(query)!;
    const whole = normalizeForSearch(query);
    const single = query.trim().split(/\s+/).length === 1;
    const out = new Set<string>();
    for (let i = 0; i < docs.length; i++) {
      if (
        docNumberMatches(q, parsed[i]!) ||
        refs[i]!.some((x) => docNumberMatches(q, x)) ||
        (single && (heads[i]!.includes(whole) || texts[i]!.includes(whole)))
      )
        out.add(docs[i]!.id);
    }
    return out;
  };
  const byId = new Map(docs.map((d, i) => [d.id, i]));

  interface Case {
    query: string;
    expected: Set<string>;
    filter?: (id: string) => boolean;
    sort?: { key: (id: string) => number | string | null; dir: 'asc' | 'desc' };
  }
  /**
   * A date key as the archive reads it (a record lookup, then its 成文日期 string), with many ties (year and
   * month only) so the tie-break decides much of the page.
   */
  const dates = docs.map((x) => `${x.year}-${String(1 + (x.body.length % 12)).padStart(2, '0')}`);
  const dateKey = (id: string) => dates[byId.get(id)!] ?? null;
  const classes: Record<string, () => Case> = {
    chars2: () => {
      const q = hanRun(2);
      return { query: q, expected: bruteSubstring(q) };
    },
    chars4: () => {
      const q = hanRun(4);
      return { query: q, expected: bruteSubstring(q) };
    },
    chars8: () => {
      const q = hanRun(8);
      return { query: q, expected: bruteSubstring(q) };
    },
    docNumber: () => {
      const d = pick(docs);
      const p = parseDocNumber(d.docNumber!)!;
      const forms = [
        `${p.agencyCode}〔${p.year}〕${p.seq}`,
        `〔${p.year}〕${p.seq}号`,
        `${p.agencyCode} ${p.year} ${p.seq}`,
      ];
      const q = pick(forms);
      return { query: q, expected: bruteDocNumber(q) };
    },
    filtered: () => {
      const d = pick(docs);
      const q = hanRun(4);
      const filter = (id: string) => {
        const x = docs[byId.get(id)!]!;
        return x.year >= d.year - 3 && x.year <= d.year && x.body.includes(d.body.slice(0, 3));
      };
      return { query: q, filter, expected: bruteSubstring(q, (i) => filter(docs[i]!.id)) };
    },
    // A page sorted by date (or 文号) instead of relevance: the sort key is read for every match.
    sortedByDate: () => {
      const q = hanRun(2);
      return { query: q, sort: { key: dateKey, dir: 'desc' }, expected: bruteSubstring(q) };
    },
  };

  const queries: Record<
    string,
    {
      p50Ms: number;
      p95Ms: number;
      p95CpuMs: number;
      recall: number;
      precision: number;
      matches: number;
      estimatedTotals: number;
    }
  > = {};
  for (const [name, make] of Object.entries(classes)) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let estimated = 0;
    let expectedTotal = 0;
    let found = 0;
    let returned = 0;
    for (let k = 0; k < QUERIES; k++) {
      const c = make();
      const c0 = process.cpuUsage();
      const t = performance.now();
      const page = index.search(c.query, { limit: 50, filter: c.filter, sort: c.sort });
      times.push(performance.now() - t);
      cpuTimes.push(cpuMs(process.cpuUsage(c0)));
      // The page itself must be exact too (its total may be an estimate for a phrase most documents hold).
      if (page.hits.some((h) => !c.expected.has(h.id))) throw new Error(`page holds a non-match for ${c.query}`);
      if (page.hits.length !== Math.min(50, c.expected.size)) throw new Error(`page too short for ${c.query}`);
      if (!page.totalExact) estimated++;
      const all = index.search(c.query, { limit: 1_000_000, filter: c.filter, sort: c.sort, snippets: false });
      // The page is the head of the full ranking: the top-k selection gives what a sort of every match gives.
      if (page.hits.some((h, i) => h.id !== all.hits[i]!.id))
        throw new Error(`page differs from the full ranking for ${c.query}`);
      const got = new Set(all.hits.map((h) => h.id));
      if (all.total !== got.size) throw new Error('total differs from the hits returned');
      expectedTotal += c.expected.size;
      returned += got.size;
      for (const id of got) if (c.expected.has(id)) found++;
    }
    queries[name] = {
      p50Ms: pct(times, 50),
      p95Ms: pct(times, 95),
      // CPU time of the same queries: on a loaded machine the wall clock also counts waiting for a core.
      p95CpuMs: pct(cpuTimes, 95),
      matches: Math.round(returned / QUERIES),
      estimatedTotals: estimated,
      recall: expectedTotal ? Math.round((found / expectedTotal) * 10000) / 10000 : 1,
      precision: returned ? Math.round((found / returned) * 10000) / 10000 : 1,
    };
  }
  // Bad input: fast and harmless.
  const bad = [
    '信',
    '信访'.repeat(500),
    '，。！？……',
    '.*+?^${}()|[]\\',
    '\uD800\uDC00\uDFFF信访\uD83D',
    '((((((((',
    '   ',
  ];
  const badCpu: number[] = [];
  const badTimes = bad.map((q) => {
    const c0 = process.cpuUsage();
    const t = performance.now();
    index.search(q, { limit: 50 });
    const ms = performance.now() - t;
    badCpu.push(cpuMs(process.cpuUsage(c0)));
    return ms;
  });
  queries.badInput = {
    p50Ms: pct(badTimes, 50),
    p95Ms: pct(badTimes, 95),
    p95CpuMs: pct(badCpu, 95),
    estimatedTotals: 0,
    recall: 1,
    precision: 1,
    matches: 0,
  };

  // Filing: one record write into a full shard (what lowdb costs at 100k) plus the index update and its journal fsync.
  const storeDir = join(dir, 'store');
  await mkdir(join(storeDir, 'records', 'documents'), { recursive: true });
  const template = (i: number) => ({
    id: `d${String(i).padStart(7, '0')}`,
    seq: i,
    status: 'filed',
    fields: {
      issuingBodies: [docs[i % docs.length]!.body],
      docNumber: docs[i % docs.length]!.docNumber,
      title: docs[i % docs.length]!.title,
      docType: '通知',
      addressees: [],
      signingDate: '2020-01-01',
      attachments: [],
      cc: [],
      printedBy: null,
      printedDate: null,
      classification: null,
      urgency: null,
      copyNumber: null,
      referencedDocNumbers: [],
    },
    suggested: {},
    originalName: 'scan.pdf',
    sha256: `${i}`.padStart(64, '0'),
    size: 1,
    originals: [],
    previewSizes: [],
    pages: 1,
    textSource: 'ocr',
    ocrMs: 0,
    pageConfidence: [null],
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    filedAt: null,
  });
  const shard = Array.from({ length: SHARD_SIZE - 1 }, (_, k) => template(k + 1));
  await writeFile(join(storeDir, 'records', 'documents', 'documents-0.json'), JSON.stringify({ documents: shard }));
  const store = await openStore(storeDir);
  const fileTimes: number[] = [];
  const recordTimes: number[] = [];
  const indexTimes: number[] = [];
  for (let k = 0; k < 20; k++) {
    const d = docs[k]!;
    const t = performance.now();
    const rec = await store.updateDocument(`d${String(k + 1).padStart(7, '0')}`, {
      status: 'filed',
      updatedAt: new Date().toISOString(),
    });
    const t1 = performance.now();
    index.put(d.id, { ...d, stamp: rec.updatedAt });
    await index.flush();
    // The filed document is found by the next search (its postings are settled there).
    if (!index.search(d.docNumber!, { limit: 5 }).hits.some((h) => h.id === d.id)) throw new Error('filed, not found');
    const t2 = performance.now();
    fileTimes.push(t2 - t);
    recordTimes.push(t1 - t);
    indexTimes.push(t2 - t1);
  }
  await store.close();
  await index.close();
  process.stdout.write(
    JSON.stringify({
      loadMs,
      loadCpuMs,
      verifyMs,
      verifyCpuMs,
      rssMB,
      rssAfterCheckMB,
      fileMs: pct(fileTimes, 95),
      fileMsP50: pct(fileTimes, 50),
      fileRecordMsP95: pct(recordTimes, 95),
      fileIndexMsP95: pct(indexTimes, 95),
      queries,
    }) + '\n',
  );
}

if (values.child) await child(values.child);
else await parent();
