/**
 * `npm run bench -- load [--docs 100000] [--cases 20000] [--samples 20] [--data DIR] [--keep]`: builds an archive of
 * N documents and M cases, then in a fresh process measures start-up (createApp to ready), search, opening a
 * document and a case, the audit trail of one record, filing a new document (import + save), registering a case
 * and recording a step. Last line: one JSON object.
 *
 * How the archive is made: the first documents and cases go through the app's real use cases (createApp,
 * documents.importFile + save, cases.register + step). The rest are written by a bulk path that copies the records
 * the app just wrote and writes the same files the app writes for each one — the original (content-addressed,
 * read-only), texts/xx/<id>.json, the record shards (SHARD_SIZE), meta.json's counter, the case shards per year with
 * their counters, and the hash-chained audit entries (import + file, register + step) sealed with the audit log's
 * own function — without an fsync per file and without running the extractor on each text (the fields are the
 * generated ones the text's header carries). The search index is not written by the bulk path: the first real
 * start builds and saves it, as it would for an archive whose index was lost (skipped when `--data` reuses an
 * archive that has one).
 *
 * Start-up is reported as `startMs` (createApp resolved: the first request can be answered), `firstAnswerMs` (that
 * request, app.info), and `settledMs` (from the start until the background work — the search index's check of its
 * big sections and the audit index — is done). Each block of figures carries the 1-minute load average at its end.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createApp, type XinfangApp } from '../../electron/core/create-app';
import { silentLogger } from '../../electron/core/logger';
import type { DocumentRecord } from '../../electron/core/store/store';
import { SHARD_SIZE } from '../../electron/core/store/store';
import { sealAuditEntry, type AuditEntry } from '../../electron/core/services/audit/audit-log';
import { cleanOcrText } from '../../shared/text/cleanup';
import { formatCaseNumber, type CaseRecord } from '../../shared/cases/case-record';
import type { DocumentFieldsInput } from '../../shared/api/contract';
import type { RegisterInput } from '../../shared/api/cases.contract';
import { sharedDir } from '../helpers/corpus';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    cases: { type: 'string', default: '20000' },
    samples: { type: 'string', default: '20' },
    data: { type: 'string' },
    keep: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});
const DOCS = Number(values.docs);
const CASES = Number(values.cases);
const SAMPLES = Math.max(3, Number(values.samples));
/** Documents and cases that go through the real use cases before the bulk path copies them. */
const REAL_DOCS = Math.min(DOCS, 40);
const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
const REAL_CASES_PER_YEAR = Math.max(1, Math.min(8, Math.floor(CASES / YEARS.length)));

/** Deterministic PRNG (mulberry32). */
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
const r = rng(20261127);
const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};
const say = (s: string) => process.stderr.write(`${s}\n`);

async function sentencePool(): Promise<string[]> {
  const shared = sharedDir;
  const texts: string[] = [];
  for (const d of await readdir(join(shared, 'corpus', 'docs')).catch(() => [] as string[])) {
    texts.push(await readFile(join(shared, 'corpus', 'docs', d, 'text.txt'), 'utf8').catch(() => ''));
  }
  for (const f of await readdir(join(shared, 'seeds')).catch(() => [] as string[]))
    texts.push(await readFile(join(shared, 'seeds', f), 'utf8').catch(() => ''));
  const pool = texts
    .join('\n')
    .replace(/[ \t\u3000]+/g, '')
    .split(/(?<=[。；！？\n])/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 8 && /\p{Script=Han}/u.test(s));
  if (pool.length < 50) throw new Error('找不到语料（shared/corpus、shared/seeds），无法生成测试文档。');
  return pool;
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
  ['教育局', '教'],
  ['民政局', '民'],
] as const;
const SHORT = ['苏', '浙', '皖', '豫', '川', '粤', '鄂', '鲁', '滇', '甘'];
const TYPES = ['通知', '通报', '意见', '决定', '报告', '请示', '批复', '函'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建国志文春梅辉鹏飞斌宇浩凯健俊帆';

interface GenDoc {
  readonly fields: DocumentFieldsInput;
  readonly text: string;
  readonly token: string;
}

const seqs = new Map<string, number>();
function genDoc(pool: readonly string[], i: number): GenDoc {
  const level = r();
  const p = Math.floor(r() * PLACES.length);
  const dept = Math.floor(r() * DEPTS.length);
  const place = level < 0.2 ? PLACES[p]! : level < 0.6 ? PLACES[p]! + CITIES[p]! : CITIES[p]! + COUNTIES[p]!;
  const body = place + DEPTS[dept]![0];
  const year = 2010 + Math.floor(r() * 17);
  const code = SHORT[p]! + (level < 0.2 ? '' : level < 0.6 ? '市' : '县') + DEPTS[dept]![1] + pick(['发', '函', '办']);
  const k = `${code}|${year}`;
  const seq = (seqs.get(k) ?? 0) + 1 + (r() < 0.05 ? 1 : 0);
  seqs.set(k, seq);
  const docNumber = `${code}〔${year}〕${seq}号`;
  const docType = pick(TYPES);
  const title = `${body}关于${pick(pool)
    .slice(0, 6 + Math.floor(r() * 10))
    .replace(/[，。；：、！？\n“”《》（）]/g, '')}的${docType}`;
  const sentences: string[] = [];
  let len = 0;
  const target = 600 + Math.floor(r() * 1400);
  while (len < target) {
    const s = pick(pool);
    sentences.push(s);
    len += s.length;
  }
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const signingDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // A unique word per document, so a search can look for exactly one.
  const token = `编码${i.toString(36)}号`;
  const text = `${body}\n${docNumber}\n${title}\n${sentences.join('')}\n（${token}）\n${body}\n${year}年${month}月${day}日`;
  return {
    token,
    text,
    fields: {
      issuingBodies: [body],
      docNumber,
      title,
      docType,
      addressees: [pick(CITIES) + pick(DEPTS)[0]],
      signingDate,
      attachments: [],
      cc: [],
      printedBy: null,
      printedDate: null,
      classification: null,
      urgency: null,
      copyNumber: null,
      referencedDocNumbers: [],
    },
  };
}

/** A GB 11643 number with a correct check digit. */
function idNumber(): string {
  const born = `${1950 + Math.floor(r() * 55)}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const body17 = `${pick(['110101', '320115', '330185', '340123', '410122', '510124'])}${born}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((n, c, i) => n + Number(c) * w[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

function caseInput(pool: readonly string[], year: number): RegisterInput {
  const p = Math.floor(r() * PLACES.length);
  const name = pick([...SURNAMES]) + pick([...GIVEN]) + (r() < 0.5 ? pick([...GIVEN]) : '');
  const on = `${year}-${String(1 + Math.floor(r() * 10)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  return {
    fields: {
      form: pick(['letter', 'visit', 'online', 'phone'] as const),
      petitioners: [
        {
          name,
          idNumber: idNumber(),
          phone: `13${Math.floor(1e8 + r() * 9e8)}`,
          address: `${PLACES[p]}${CITIES[p]}${COUNTIES[p]}${pick(['建设', '人民', '解放', '和平'])}路${1 + Math.floor(r() * 300)}号`,
        },
      ],
      headcount: 1,
      region: `${PLACES[p]}${CITIES[p]}${COUNTIES[p]}`,
      topic: pick(['城乡建设', '劳动社保', '国土资源', '教育文体', '民政']),
      claimRoute: 'opinion',
      summary: [pick(pool), pick(pool), pick(pool)].join(''),
      request: `请求${pick(pool).slice(0, 30)}`,
      documentIds: [],
    },
    receivedOn: on,
    registeredOn: on,
    by: '李登记',
    source: 'direct',
    category: pick(['suggestion', 'accusation', 'claim'] as const),
  };
}

const openApp = (dataDir: string) => createApp({ dataDir, logger: silentLogger, watch: false, autoBackupMs: 0 });

const madeDirs = new Map<string, Promise<unknown>>();
/** The original (content-addressed, read-only) and the page texts, as the store writes them, without the fsyncs. */
async function writeDocFiles(dataDir: string, id: string, hash: string, bytes: Buffer, pages: string[]) {
  const blobDir = join(dataDir, 'files', hash.slice(0, 2));
  const textDir = join(dataDir, 'texts', id.slice(-2));
  for (const d of [blobDir, textDir]) {
    if (!madeDirs.has(d)) madeDirs.set(d, mkdir(d, { recursive: true }));
    await madeDirs.get(d);
  }
  const blob = join(blobDir, `${hash}.txt`);
  await writeFile(blob, bytes);
  await chmod(blob, 0o444);
  await writeFile(join(textDir, `${id}.json`), JSON.stringify({ pages }));
}

/** Real use cases first, then the bulk copy. */
async function generate(dataDir: string): Promise<void> {
  const pool = await sentencePool();
  const t0 = performance.now();
  const app: XinfangApp = await openApp(dataDir);
  for (let i = 0; i < REAL_DOCS; i++) {
    const g = genDoc(pool, i);
    const { document } = await app.documents.importFile({ name: `扫描${i}.txt`, bytes: Buffer.from(g.text) });
    await app.documents.save(document.id, g.fields);
  }
  for (const year of YEARS) {
    for (let k = 0; k < REAL_CASES_PER_YEAR; k++) {
      const c = await app.api['cases.register'](caseInput(pool, year));
      await app.api['cases.step']({
        id: c.id,
        step: { type: 'transfer', on: c.registeredOn, by: '王办理', to: pick(CITIES) + pick(DEPTS)[0] },
      });
    }
  }
  await app.close();
  say(
    `real use cases: ${REAL_DOCS} documents, ${REAL_CASES_PER_YEAR * YEARS.length} cases in ${Math.round(performance.now() - t0)} ms`,
  );

  // ---- bulk: documents ----
  const t1 = performance.now();
  const docsDir = join(dataDir, 'records', 'documents');
  const shard0 = JSON.parse(await readFile(join(docsDir, 'documents-0.json'), 'utf8')) as {
    documents: DocumentRecord[];
  };
  const template = shard0.documents.at(-1)!;
  const shards = new Map<number, DocumentRecord[]>([[0, shard0.documents]]);
  const auditDir = join(dataDir, 'audit');
  const auditFiles = (await readdir(auditDir)).filter((n) => n.endsWith('.jsonl')).sort();
  const lastAudit = (await readFile(join(auditDir, auditFiles.at(-1)!), 'utf8')).trim().split('\n').at(-1)!;
  let tail = JSON.parse(lastAudit) as AuditEntry;
  let auditBuf: string[] = [];
  const auditAt = new Date().toISOString();
  const auditFile = join(auditDir, `audit-${auditAt.slice(0, 4)}.jsonl`);
  const audit = (action: string, entity: { type: string; id: string }, before: unknown, after: unknown) => {
    const body = {
      seq: tail.seq + 1,
      at: auditAt,
      actor: tail.actor,
      action,
      entity,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
      prev: tail.hash,
    };
    tail = sealAuditEntry(body);
    auditBuf.push(JSON.stringify(tail));
  };
  const flushAudit = async () => {
    if (auditBuf.length) await appendFile(auditFile, auditBuf.join('\n') + '\n');
    auditBuf = [];
  };
  const pending: Promise<void>[] = [];
  for (let seq = REAL_DOCS + 1; seq <= DOCS; seq++) {
    const g = genDoc(pool, seq);
    const id = `d${String(seq).padStart(7, '0')}`;
    const bytes = Buffer.from(g.text);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const pages = g.text.split('\f').map(cleanOcrText);
    pending.push(writeDocFiles(dataDir, id, hash, bytes, pages));
    if (pending.length >= 64) await Promise.all(pending.splice(0));
    const at = new Date().toISOString();
    const name = `扫描${seq}.txt`;
    const rec: DocumentRecord = {
      ...template,
      id,
      seq,
      status: 'filed',
      fields: g.fields,
      suggested: g.fields,
      originalName: name,
      sha256: hash,
      size: bytes.length,
      originals: [{ name, sha256: hash, ext: 'txt', size: bytes.length }],
      pages: pages.length,
      createdAt: at,
      updatedAt: at,
      filedAt: at,
    };
    const n = Math.floor(seq / SHARD_SIZE);
    let list = shards.get(n);
    if (!list) shards.set(n, (list = []));
    list.push(rec);
    audit('document.import', { type: 'document', id }, undefined, {
      status: 'review',
      originalName: name,
      sha256: hash,
    });
    audit(
      'document.file',
      { type: 'document', id },
      { status: 'review', fields: g.fields },
      { status: 'filed', fields: g.fields },
    );
    if (auditBuf.length >= 2000) await flushAudit();
    if (seq % 10000 === 0) say(`bulk: ${seq} documents`);
  }
  await Promise.all(pending.splice(0));
  for (const [n, documents] of shards)
    await writeFile(join(docsDir, `documents-${n}.json`), JSON.stringify({ documents }));
  const metaPath = join(dataDir, 'records', 'meta.json');
  const meta = JSON.parse(await readFile(metaPath, 'utf8')) as { nextDocSeq: number };
  await writeFile(metaPath, JSON.stringify({ ...meta, nextDocSeq: Math.max(meta.nextDocSeq, DOCS + 1) }));

  // ---- bulk: cases ----
  const casesDir = join(dataDir, 'records', 'cases');
  const settings = JSON.parse(
    await readFile(join(dataDir, 'records', 'case-settings.json'), 'utf8').catch(() => '{}'),
  ) as {
    numberFormat?: string;
  };
  const format = settings.numberFormat ?? 'XF-YYYY-NNNN';
  const perYear = Math.ceil((CASES - REAL_CASES_PER_YEAR * YEARS.length) / YEARS.length);
  let made = REAL_CASES_PER_YEAR * YEARS.length;
  for (const year of YEARS) {
    const file = join(casesDir, `cases-${year}.json`);
    const shard = JSON.parse(await readFile(file, 'utf8')) as { year: number; nextSeq: number; cases: CaseRecord[] };
    const templates = [...shard.cases];
    for (let k = 0; k < perYear && made < CASES; k++, made++) {
      const t = templates[k % templates.length]!;
      const input = caseInput(pool, year);
      const seq = shard.nextSeq++;
      const at = new Date().toISOString();
      const rec: CaseRecord = {
        ...t,
        id: `c${randomBytes(6).toString('hex')}`,
        number: formatCaseNumber(format, year, seq),
        fields: { ...t.fields, ...input.fields },
        repeat: { kind: 'first', relatedCaseIds: [] },
        createdAt: at,
        updatedAt: at,
      };
      shard.cases.push(rec);
      audit('case.register', { type: 'case', id: rec.id }, undefined, { number: rec.number, event: rec.events[0] });
      audit('case.step', { type: 'case', id: rec.id }, undefined, { number: rec.number, event: rec.events.at(-1) });
    }
    await writeFile(file, JSON.stringify(shard));
    await flushAudit();
  }
  await flushAudit();
  say(
    `bulk path: ${DOCS - REAL_DOCS} documents, ${made - REAL_CASES_PER_YEAR * YEARS.length} cases in ${Math.round(performance.now() - t1)} ms`,
  );
}

/** The first real start after generation builds the search index for the whole archive and saves it (close waits). */
async function firstStart(dataDir: string): Promise<number> {
  const t = performance.now();
  const app = await openApp(dataDir);
  if (app.recovery) throw new Error(`generated archive needed recovery: ${app.recovery.message}`);
  const n = app.store.allDocuments().length;
  await app.close();
  const ms = Math.round(performance.now() - t);
  say(`first start (index build for ${n} documents) ${ms} ms`);
  return ms;
}

/** In a fresh process: every figure the issue asks for, through the app's own API. */
async function measure(dataDir: string): Promise<Record<string, unknown>> {
  const runTag = `批次${Date.now().toString(36)}`;
  const pool = await sentencePool();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const app = await openApp(dataDir);
  const startMs = Math.round(performance.now() - t0);
  const startCpuMs = cpuMs(process.cpuUsage(c0));
  const rssMB = Math.round(process.memoryUsage().rss / 1048576);
  const load = () => Math.round(loadavg()[0]! * 10) / 10;
  const loadAtStart = load();
  const ta = performance.now();
  await app.api['app.info']({} as never);
  const firstAnswerMs = Math.round(performance.now() - ta);
  await app.settled();
  const settledMs = Math.round(performance.now() - t0);
  const settledCpuMs = cpuMs(process.cpuUsage(c0));
  const rssSettledMB = Math.round(process.memoryUsage().rss / 1048576);
  const loadAtSettled = load();
  try {
    const docs = app.store.allDocuments();
    const caseList = app.cases.list();
    const time = async <T>(n: number, fn: (k: number) => Promise<T>) => {
      const ms: number[] = [];
      for (let k = 0; k < n; k++) {
        const t = performance.now();
        await fn(k);
        ms.push(performance.now() - t);
      }
      return { p50Ms: pct(ms, 50), p95Ms: pct(ms, 95), maxMs: pct(ms, 100), load: load() };
    };
    const someDoc = (k: number) => docs[(k * 7919) % docs.length]!;
    const search = {
      word: await time(SAMPLES, () => app.api['search.query']({ query: pick(pool).slice(2, 6), limit: 50 })),
      docNumber: await time(SAMPLES, (k) =>
        app.api['search.query']({ query: someDoc(k).fields.docNumber ?? '信访', limit: 50 }),
      ),
      title: await time(SAMPLES, (k) =>
        app.api['search.query']({ query: (someDoc(k).fields.title ?? '信访').slice(0, 12), limit: 50 }),
      ),
    };
    const openDocument = await time(SAMPLES, (k) => app.api['documents.get']({ id: someDoc(k).id }));
    const openCase = await time(SAMPLES, (k) =>
      app.api['cases.get']({ id: caseList[(k * 104729) % caseList.length]!.id }),
    );
    // The 信访件 screen: its first page with the tab counts, a deep page, and the 已逾期 tab.
    const listCases = await time(SAMPLES, (k) =>
      app.api['cases.list']({ offset: (k % 3) * 400, filter: k % 2 ? 'overdue' : 'all' }),
    );
    const listCasesBytes = JSON.stringify(await app.api['cases.list']({})).length;
    // The 工作台: a page of each group (the generated backlog has ~20,000 overdue clocks).
    const dashboard = await time(SAMPLES, (k) => app.api['cases.dashboard']({ offsets: { overdue: (k % 3) * 500 } }));
    const dashboardBytes = JSON.stringify(await app.api['cases.dashboard']({})).length;
    const auditOfDocument = await time(SAMPLES, (k) => app.audit.forEntity('document', someDoc(k).id));
    const auditOfCase = await time(SAMPLES, (k) =>
      app.api['audit.trail']({ type: 'case', id: caseList[(k * 7907) % caseList.length]!.id }),
    );
    // 档案 → 按发文机关: the bodies and years with counts and 文号 gaps, then the first page of the largest year.
    const archiveBrowse = await time(3, () => app.api['archive.browse']({ by: 'body' }));
    const bodyTree = await app.api['archive.browse']({ by: 'body' });
    const biggest = bodyTree.flatMap((b) => b.children).sort((a, b) => b.count - a.count)[0];
    const archiveGroupPage = await time(SAMPLES, (k) =>
      app.api['archive.groupDocuments']({ ...biggest!.group!, offset: (k % 3) * 50, limit: 50 }),
    );

    // Filing a new document: the real reader and extractor read a text scan, then the person's save files it.
    const importMs: number[] = [];
    const fileMs: number[] = [];
    const fileCpu: number[] = [];
    for (let k = 0; k < SAMPLES; k++) {
      const g = genDoc(pool, DOCS + 1000 + k);
      let t = performance.now();
      // The generator is seeded: a run on a reused archive would otherwise import the last run's files again.
      const { document } = await app.api['intake.importFile']({
        name: `新扫描${k}.txt`,
        dataBase64: Buffer.from(`${g.text}\n${runTag}`).toString('base64'),
      });
      importMs.push(performance.now() - t);
      const c = process.cpuUsage();
      t = performance.now();
      await app.api['documents.save']({ id: document.id, fields: g.fields });
      fileMs.push(performance.now() - t);
      fileCpu.push(cpuMs(process.cpuUsage(c)));
      const found = app.documents.search(g.token, 5).hits.some((h) => h.document.id === document.id);
      if (!found) throw new Error(`filed document ${document.id} not found by its token`);
    }
    const registerMs: number[] = [];
    const stepMs: number[] = [];
    for (let k = 0; k < Math.min(SAMPLES, 10); k++) {
      let t = performance.now();
      const c = await app.api['cases.register'](caseInput(pool, 2026));
      registerMs.push(performance.now() - t);
      t = performance.now();
      await app.api['cases.step']({
        id: c.id,
        step: { type: 'transfer', on: c.registeredOn, by: '王办理', to: '某县住建局' },
      });
      stepMs.push(performance.now() - t);
    }
    const t3 = performance.now();
    await app.close();
    const closeMs = Math.round(performance.now() - t3);
    return {
      documents: docs.length,
      casesFound: caseList.length,
      listCasesBytes,
      dashboardBytes,
      startMs,
      startCpuMs,
      rssMB,
      loadAtStart,
      firstAnswerMs,
      settledMs,
      settledCpuMs,
      rssSettledMB,
      loadAtSettled,
      search,
      openDocument,
      openCase,
      listCases,
      dashboard,
      archiveBrowse,
      archiveGroupPage,
      auditOfDocument,
      auditOfCase,
      importMs: { p50Ms: pct(importMs, 50), p95Ms: pct(importMs, 95) },
      fileMs: {
        p50Ms: pct(fileMs, 50),
        p95Ms: pct(fileMs, 95),
        maxMs: pct(fileMs, 100),
        cpuP50Ms: pct(fileCpu, 50),
        load: load(),
      },
      registerCaseMs: { p50Ms: pct(registerMs, 50), p95Ms: pct(registerMs, 95) },
      caseStepMs: { p50Ms: pct(stepMs, 50), p95Ms: pct(stepMs, 95) },
      closeMs,
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}

if (values.child) {
  const out = await measure(values.child);
  process.stdout.write(JSON.stringify(out) + '\n');
} else {
  const given = values.data;
  const dataDir = given ?? join(await mkdtemp(join(tmpdir(), 'xfd-load-')), 'data');
  try {
    const reuse = given
      ? await readdir(join(given, 'records')).then(
          () => true,
          () => false,
        )
      : false;
    const tg = performance.now();
    if (!reuse) await generate(dataDir);
    else say(`reusing the archive in ${given}`);
    const generateMs = Math.round(performance.now() - tg);
    const haveIndex = reuse && existsSync(join(dataDir, 'index', 'search-index.bin'));
    const firstStartMs = haveIndex ? null : await firstStart(dataDir);
    // A fresh process, so start-up includes reading every record file from disk.
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        dataDir,
        '--samples',
        String(SAMPLES),
        '--docs',
        String(DOCS),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`测量进程失败（退出码 ${child.status}）`);
    const figures = JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    process.stdout.write(
      JSON.stringify({
        docs: DOCS,
        cases: CASES,
        generateMs: reuse ? null : generateMs,
        firstStartMs,
        loadAvg: loadavg().map((x) => Math.round(x * 100) / 100),
        ...figures,
      }) + '\n',
    );
  } finally {
    if (!values.keep && !given) await rm(join(dataDir, '..'), { recursive: true, force: true });
    else say(`数据保留在 ${dataDir}`);
  }
}
