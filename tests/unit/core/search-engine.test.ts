import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSearchIndex, type IndexedFields } from '../../../electron/core/services/search/search-index';
import { INDEX_FILE, JOURNAL_FILE, openSearchIndex } from '../../../electron/core/services/search/persistent-index';
import type { Logger } from '../../../electron/core/logger';
import { hasWordCharacter } from '../../../shared/search/normalize';
import { tempDir } from '../../helpers/fakes';

const doc = (over: Partial<IndexedFields> = {}): IndexedFields => ({
  docNumber: null,
  title: null,
  issuingBodies: [],
  text: '',
  ...over,
});

const recordingLogger = () => {
  const lines: string[] = [];
  const log = (msg: string, meta?: Record<string, unknown>) => lines.push(`${msg} ${JSON.stringify(meta ?? {})}`);
  const logger: Logger = { debug: log, info: log, warn: log, error: log };
  return { logger, lines };
};

describe('the bigram search engine', () => {
  it('finds a 文号 typed in any of the three fragment forms, the exact one first', () => {
    const index = createSearchIndex();
    index.put('a', doc({ docNumber: '国信发〔2019〕3号', title: '关于学习宣传的通知', issuingBodies: ['国家信访局'] }));
    index.put('b', doc({ docNumber: '国信发〔2019〕31号', title: '另一份通知', issuingBodies: ['国家信访局'] }));
    index.put('c', doc({ docNumber: '国信发〔2018〕3号', title: '往年通知', issuingBodies: ['国家信访局'] }));
    index.put(
      'd',
      doc({ title: '转发通知', text: '根据国信发〔2019〕3号文件精神', referencedDocNumbers: ['国信发〔2019〕3号'] }),
    );
    for (const q of ['国信发〔2019〕3', '〔2019〕3号', '国信发 2019 3', '国信发[2019]3号']) {
      const r = index.search(q);
      expect(r.docNumberQuery).toBe(true);
      expect(r.hits[0]!.id).toBe('a');
      expect(r.hits.map((h) => h.id)).toContain('d');
      expect(r.hits.map((h) => h.id)).not.toContain('c');
    }
  });

  it('finds traditional-character text with a simplified query and the reverse', () => {
    const index = createSearchIndex();
    index.put('t', doc({ text: '國家信訪局關於進一步加強信訪工作的意見' }));
    expect(index.search('信访工作').hits.map((h) => h.id)).toEqual(['t']);
    expect(index.search('信訪工作').hits.map((h) => h.id)).toEqual(['t']);
  });

  it('finds a body by its abbreviation and by its full name', () => {
    const index = createSearchIndex();
    index.put('full', doc({ issuingBodies: ['某县住房和城乡建设局'], title: '通知' }));
    index.put('short', doc({ issuingBodies: ['某县住建局'], title: '函' }));
    expect(new Set(index.search('县住建局').hits.map((h) => h.id))).toEqual(new Set(['full', 'short']));
    expect(new Set(index.search('住房和城乡建设局').hits.map((h) => h.id))).toEqual(new Set(['full', 'short']));
  });

  it('answers bad queries quickly with a sensible result instead of failing', () => {
    const index = createSearchIndex();
    index.put('x', doc({ title: '信访事项通知', text: '正文里有信访二字和 a.*b 以及 (1) [2]' }));
    expect(index.search('，。！？').notice).toMatch(/标点/);
    expect(index.search('信').hits.map((h) => h.id)).toEqual(['x']);
    expect(index.search('信').notice).toMatch(/单个字/);
    expect(index.search('a.*b').total).toBe(1);
    expect(index.search('.*').notice).toMatch(/标点/);
    expect(index.search('((((').total).toBe(0);
    expect(index.search('\uD800信访\uDFFF').total).toBe(1);
    const started = performance.now();
    expect(index.search('信访'.repeat(500)).total).toBe(0);
    expect(performance.now() - started).toBeLessThan(500);
    expect(index.search('').total).toBe(0);
  });

  it('answers a phrase most documents hold with exact hits in rank order and an estimated total, exact when all are asked for', () => {
    const index = createSearchIndex();
    const holds = (i: number) => i % 10 !== 3; // nine in ten hold the phrase, the rest only its bigrams
    for (let i = 0; i < 4000; i++) {
      const text = holds(i) ? `第${i}号材料：信访工作条例规定。` : `第${i}号材料：信访工作，条例规定。`;
      index.put(`d${i}`, doc({ title: i === 17 ? '信访工作条例释义' : `材料${i}`, text }));
    }
    const expected = Array.from({ length: 4000 }, (_, i) => i).filter(holds).length;
    const page = index.search('信访工作条例', { limit: 20 });
    // The title match ranks first, then the newest documents; every hit really holds the phrase.
    expect(page.hits[0]!.id).toBe('d17');
    const rest = page.hits.slice(1).map((h) => Number(h.id.slice(1)));
    expect(rest).toEqual([...rest].sort((a, b) => b - a));
    expect(rest.every(holds)).toBe(true);
    expect(rest[0]).toBe(3999);
    expect(page.totalExact).toBe(false);
    expect(Math.abs(page.total - expected)).toBeLessThan(expected * 0.05);
    const next = index.search('信访工作条例', { limit: 20, offset: 20 });
    expect(next.hits.map((h) => h.id)).toEqual(
      index
        .search('信访工作条例', { limit: 40 })
        .hits.slice(20)
        .map((h) => h.id),
    );
    const all = index.search('信访工作条例', { limit: 1_000_000, snippets: false });
    expect(all.totalExact).toBe(true);
    expect(all.total).toBe(expected);
    expect(all.hits.every((h) => holds(Number(h.id.slice(1))))).toBe(true);
  });

  it('filters, sorts by a key and pages through the matches', () => {
    const index = createSearchIndex();
    for (let i = 1; i <= 30; i++) index.put(`d${i}`, doc({ title: `第${i}份信访通知`, text: '信访' }));
    const years = (id: string) => 2000 + Number(id.slice(1));
    const r = index.search('信访', {
      filter: (id) => years(id) >= 2010,
      sort: { key: years, dir: 'asc' },
      limit: 5,
      offset: 5,
    });
    expect(r.total).toBe(21);
    expect(r.hits.map((h) => h.id)).toEqual(['d15', 'd16', 'd17', 'd18', 'd19']);
  });

  it('marks every occurrence in the snippet once, merging overlapping terms', () => {
    const index = createSearchIndex();
    index.put('s', doc({ text: '前言。信访工作是党的群众工作的重要组成部分，信访工作要依法。' }));
    const hit = index.search('信访 访工').hits[0]!;
    const marked = hit.highlights.map(([a, b]) => hit.snippet.slice(a, b));
    expect(marked).toEqual(['信访工', '信访工']);
  });

  it('returns exactly the documents a brute-force substring scan finds, through merges, replacements and removals', () => {
    const alphabet = ['信', '访', '工', '作', '局', '县', '〔', '2', '0', '1', '9', '〕', '号'];
    const text = fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(24), { maxLength: 8 }),
        fc.array(
          fc.array(fc.constantFrom(...alphabet), { minLength: 2, maxLength: 5 }).map((a) => a.join('')),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (texts, removals, queries) => {
          const index = createSearchIndex();
          const live = new Map<string, string>();
          texts.forEach((t, i) => {
            index.put(`d${i}`, doc({ text: t }));
            live.set(`d${i}`, t);
          });
          index.snapshot(); // merges into the compressed base
          for (const r of removals) {
            index.remove(`d${r}`);
            live.delete(`d${r}`);
          }
          index.put('d0', doc({ text: '信访工作' })); // a replacement after the merge
          live.set('d0', '信访工作');
          for (const q of queries) {
            if (!hasWordCharacter(q)) continue; // punctuation-only queries are answered with a notice instead
            const expected = [...live].filter(([, t]) => t.includes(q)).map(([id]) => id);
            const got = index.search(q, { limit: 1000, snippets: false });
            if (got.docNumberQuery) continue;
            expect(new Set(got.hits.map((h) => h.id))).toEqual(new Set(expected));
            expect(got.total).toBe(expected.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the persisted index', () => {
  it('saves, loads and replays documents filed after the save from its journal', async () => {
    const { dir, cleanup } = await tempDir();
    const a = await openSearchIndex({ dir, logger: recordingLogger().logger });
    expect(a.status().rebuildReason).toBe('索引文件不存在');
    a.put('d1', doc({ title: '关于信访工作的通知', stamp: 's1' }));
    await a.save();
    a.put('d2', doc({ text: '第二份信访材料', stamp: 's2' }));
    a.remove('d1');
    await a.close();

    const b = await openSearchIndex({ dir, logger: recordingLogger().logger });
    expect(b.status().loaded).toBe(true);
    expect(b.status().journalEntries).toBe(2);
    expect(b.search('信访').hits.map((h) => h.id)).toEqual(['d2']);
    expect(b.stampOf('d2')).toBe('s2');
    expect(b.stampOf('d1')).toBeUndefined();
    await b.close();
    await cleanup();
  });

  it('detects a corrupted index file, says why, and starts empty so the caller rebuilds', async () => {
    const { dir, cleanup } = await tempDir();
    const a = await openSearchIndex({ dir, logger: recordingLogger().logger });
    a.put('d1', doc({ title: '关于信访工作的通知', text: '信访工作条例全文'.repeat(50) }));
    await a.save();
    await a.close();
    const path = join(dir, INDEX_FILE);
    const bytes = await readFile(path);
    // A byte of the part read at start-up (ids, heads, 文号, postings directory): found at once.
    bytes[bytes.indexOf(Buffer.from('信访', 'utf16le'))] ^= 0xff;
    await writeFile(path, bytes);

    const { logger, lines } = recordingLogger();
    const b = await openSearchIndex({ dir, logger });
    expect(b.status().loaded).toBe(false);
    expect(b.status().rebuildReason).toMatch(/校验和不符|损坏/);
    expect(lines.join('\n')).toMatch(/rebuilt/);
    expect(b.size()).toBe(0);
    await b.close();
    await cleanup();
  });

  /** A saved index whose texts section (which start-up does not read) has one damaged byte. */
  async function indexWithDamagedTexts(dir: string): Promise<void> {
    const a = await openSearchIndex({ dir, logger: recordingLogger().logger });
    a.put('d1', doc({ text: '信访工作条例全文'.repeat(50) }));
    await a.save();
    await a.close();
    const path = join(dir, INDEX_FILE);
    const bytes = await readFile(path);
    // The last copy of the repeated text lies in the texts section.
    bytes[bytes.lastIndexOf(Buffer.from('条例', 'utf16le'))] ^= 0xff;
    await writeFile(path, bytes);
  }

  it('finds damage in the texts and postings left on disk by checking them after start-up', async () => {
    const { dir, cleanup } = await tempDir();
    await indexWithDamagedTexts(dir);

    const { logger, lines } = recordingLogger();
    const b = await openSearchIndex({ dir, logger });
    expect(b.status().loaded).toBe(true);
    expect(await b.verified()).toMatch(/正文部分校验和不符/);
    expect(lines.join('\n')).toMatch(/rebuilt/);
    await b.close();
    await cleanup();
  });

  it('waits with that check until start-up is over, and a close before then ends the wait without checking', async () => {
    const { dir, cleanup } = await tempDir();
    await indexWithDamagedTexts(dir);

    let startUpOver = (): void => undefined;
    const b = await openSearchIndex({
      dir,
      logger: recordingLogger().logger,
      checkAfter: new Promise<void>((resolve) => (startUpOver = resolve)),
    });
    const outcome = vi.fn();
    void b.verified().then(outcome);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outcome).not.toHaveBeenCalled();
    startUpOver();
    expect(await b.verified()).toMatch(/正文部分校验和不符/);
    await b.close();

    // Never released: close() must still return, and nothing is checked.
    const c = await openSearchIndex({
      dir,
      logger: recordingLogger().logger,
      checkAfter: new Promise(() => undefined),
    });
    await c.close();
    expect(await c.verified()).toBeNull();
    await cleanup();
  });

  it('reads texts and postings from the saved file and keeps results exact after filing, removing and saving again', async () => {
    const { dir, cleanup } = await tempDir();
    const a = await openSearchIndex({ dir, logger: recordingLogger().logger });
    const texts = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const t = `第${i}份文件。${i % 3 === 0 ? '信访工作条例' : '群众来信'}${'办理'.repeat(i % 7)}${i % 5 === 0 ? '依法分类处理' : ''}`;
      texts.set(`d${i}`, t);
      a.put(`d${i}`, doc({ text: t, stamp: String(i) }));
    }
    await a.save();
    await a.close();
    const b = await openSearchIndex({ dir, logger: recordingLogger().logger });
    expect(await b.verified()).toBeNull();
    const expectExact = (q: string) => {
      const want = [...texts].filter(([, t]) => t.includes(q)).map(([id]) => id);
      const got = b.search(q, { limit: 1000, snippets: false });
      expect(new Set(got.hits.map((h) => h.id))).toEqual(new Set(want));
      expect(got.total).toBe(want.length);
    };
    for (const q of ['信访', '信访工作条例', '办理办理办理', '依法分类处理', '群众来信办理']) expectExact(q);
    expect(b.search('依法分类').hits[0]!.snippet).toMatch(/依法分类处理/);
    b.put('d100', doc({ text: '新收到的信访工作条例', stamp: '100' }));
    texts.set('d100', '新收到的信访工作条例');
    b.remove('d3');
    texts.delete('d3');
    expectExact('信访工作条例');
    await b.save(); // compacts into a new file and reads from it from now on
    expectExact('信访工作条例');
    b.put('d101', doc({ text: '又一份信访工作条例', stamp: '101' }));
    texts.set('d101', '又一份信访工作条例');
    expectExact('信访工作条例');
    await b.close();
    const c = await openSearchIndex({ dir, logger: recordingLogger().logger });
    expect(c.status().journalEntries).toBe(1);
    const got = c.search('信访工作条例', { limit: 1000, snippets: false });
    expect(got.total).toBe([...texts.values()].filter((t) => t.includes('信访工作条例')).length);
    expect(c.indexed('d100')!.text).toBe('新收到的信访工作条例');
    await c.close();
    await cleanup();
  });

  it('ignores a torn last journal line and keeps the entries before it', async () => {
    const { dir, cleanup } = await tempDir();
    const a = await openSearchIndex({ dir, logger: recordingLogger().logger });
    await a.save();
    a.put('d1', doc({ text: '第一份信访', stamp: '1' }));
    a.put('d2', doc({ text: '第二份信访', stamp: '2' }));
    await a.close();
    const journal = join(dir, JOURNAL_FILE);
    const raw = await readFile(journal, 'utf8');
    await writeFile(journal, raw.slice(0, raw.length - 20));
    const b = await openSearchIndex({ dir, logger: recordingLogger().logger });
    expect(b.ids()).toEqual(['d1']);
    await b.close();
    await cleanup();
  });
});
