import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSearchIndex, headOf, type IndexedFields } from '../../../electron/core/services/search/search-index';

const doc = (over: Partial<IndexedFields>): IndexedFields => ({
  docNumber: null,
  title: null,
  issuingBodies: [],
  text: '',
  ...over,
});

describe('one-character queries (heads only)', () => {
  it('find exactly the live documents whose head holds the character, through adds, removals and compaction', () => {
    const chars = ['信', '访', '局', '县', '通', '知', '2', '号'];
    const field = fc.array(fc.constantFrom(...chars), { maxLength: 6 }).map((a) => a.join(''));
    const fields = fc.record({ title: field, body: field, text: field });
    const step = fc.oneof(
      fc.record({ op: fc.constant('put' as const), id: fc.nat(15), f: fields }),
      fc.record({ op: fc.constant('remove' as const), id: fc.nat(15) }),
      fc.record({ op: fc.constant('snapshot' as const) }),
      fc.record({ op: fc.constant('query' as const), ch: fc.constantFrom(...chars) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const index = createSearchIndex();
        const live = new Map<string, IndexedFields>();
        const check = (ch: string) => {
          // The head is what a one-character query searches: 文号, title, bodies, addressees, cited 文号.
          const expected = [...live].filter(([, f]) => headOf(f).includes(ch)).map(([id]) => id);
          const got = index.search(ch, { limit: 1000, snippets: false });
          expect(new Set(got.hits.map((h) => h.id))).toEqual(new Set(expected));
          expect(got.total).toBe(expected.length);
          expect(got.notice).toMatch(/单个字/);
        };
        for (const s of steps) {
          if (s.op === 'put') {
            const f = doc({ title: s.f.title, issuingBodies: s.f.body ? [s.f.body] : [], text: s.f.text });
            index.put(`d${s.id}`, f);
            live.set(`d${s.id}`, f);
          } else if (s.op === 'remove') {
            index.remove(`d${s.id}`);
            live.delete(`d${s.id}`);
          } else if (s.op === 'snapshot') {
            index.snapshot();
            index.thaw();
          } else check(s.ch);
        }
        for (const ch of chars) check(ch);
      }),
      { numRuns: 60 },
    );
  });

  it('never finds a character only the full text holds', () => {
    const index = createSearchIndex();
    index.put('t', doc({ title: '通知', text: '信访' }));
    index.put('h', doc({ title: '信访通知', text: '正文' }));
    expect(index.search('信').hits.map((h) => h.id)).toEqual(['h']);
    expect(index.search('正').total).toBe(0);
  });
});
