import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareMatches,
  inRankOrder,
  topMatches,
  type Ranking,
  type SortKeyValue,
} from '../../../electron/core/services/search/top-k';
import { createSearchIndex, type IndexedFields } from '../../../electron/core/services/search/search-index';

/** The reference: every position sorted by the documented order. */
const fullSort = (r: Ranking): number[] =>
  Array.from({ length: r.n }, (_, i) => i).sort((a, b) => compareMatches(r, a, b));

/** Few distinct scores and keys (with nulls) so that ties are the rule, not the exception. */
const rankingArb = fc
  .record({
    n: fc.integer({ min: 0, max: 300 }),
    seed: fc.integer(),
    keyKind: fc.constantFrom('none', 'number', 'date'),
    dir: fc.constantFrom('asc' as const, 'desc' as const),
    ascendingOrds: fc.boolean(),
  })
  .map(({ n, seed, keyKind, dir, ascendingOrds }): Ranking => {
    let s = seed >>> 0;
    const next = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    // Distinct ordinals, ascending as the index gathers them, or shuffled as a 文号 query's map yields them.
    const ords = Uint32Array.from({ length: n }, (_, i) => i * 3 + Math.floor(next() * 3));
    if (!ascendingOrds) ords.sort(() => next() - 0.5);
    const scores = Float64Array.from({ length: n }, () => [10, 10, 10, 50, 200][Math.floor(next() * 5)]!);
    const keys: SortKeyValue[] | null =
      keyKind === 'none'
        ? null
        : Array.from({ length: n }, () => {
            const v = Math.floor(next() * 6);
            if (v === 0) return null;
            return keyKind === 'number' ? v * 1e10 + 2019 * 1e6 : `20${10 + v}-0${v}-15`;
          });
    return { n, ords, scores, keys, dir };
  });

describe('top-k ranking of search matches', () => {
  it('returns exactly the first k of a full sort, ties included, for relevance, number and date keys', () => {
    fc.assert(
      fc.property(rankingArb, fc.integer({ min: 0, max: 320 }), (r, k) => {
        expect(Array.from(topMatches(r, k))).toEqual(fullSort(r).slice(0, k));
      }),
      { numRuns: 200 },
    );
  });

  it('yields positions lazily in the same order as the full sort, however far it is read', () => {
    fc.assert(
      fc.property(rankingArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 320 }), (r, first, take) => {
        const got: number[] = [];
        for (const i of inRankOrder(r, first)) {
          if (got.length >= take) break;
          got.push(i);
        }
        expect(got).toEqual(fullSort(r).slice(0, take));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks ties by the newer document and puts missing sort keys last in both directions', () => {
    const r: Ranking = {
      n: 4,
      ords: Uint32Array.from([1, 2, 3, 4]),
      scores: Float64Array.from([10, 10, 10, 10]),
      keys: null,
      dir: 'desc',
    };
    expect(Array.from(topMatches(r, 3))).toEqual([3, 2, 1]);
    const keyed = (dir: 'asc' | 'desc'): Ranking => ({ ...r, keys: [null, '2019-01-01', '2020-01-01', null], dir });
    expect(Array.from(topMatches(keyed('asc'), 4))).toEqual([1, 2, 3, 0]);
    expect(Array.from(topMatches(keyed('desc'), 4))).toEqual([2, 1, 3, 0]);
  });
});

const doc = (over: Partial<IndexedFields>): IndexedFields => ({
  docNumber: null,
  title: null,
  issuingBodies: [],
  text: '',
  ...over,
});

describe('search pages through the index', () => {
  /** Documents where a common pair and a common phrase have many equal scores: title, body and text matches. */
  const build = (n: number) => {
    const index = createSearchIndex();
    for (let i = 0; i < n; i++) {
      const where = i % 7;
      index.put(
        `d${i}`,
        doc({
          title: where === 0 ? '信访工作条例的通知' : `第${i % 13}号材料`,
          issuingBodies: [where === 1 ? '县信访局' : '县住建局'],
          text: i % 10 === 3 ? '信访，工作条例。' : `正文：信访工作条例规定${i}。`,
        }),
      );
    }
    return index;
  };
  const date = (id: string) => {
    const i = Number(id.slice(1));
    return i % 11 === 0 ? null : `20${10 + (i % 9)}-0${1 + (i % 5)}-01`;
  };
  const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

  it('gives every page of a common pair the same hits as a full sort of all matches', () => {
    const index = build(2500);
    const all = index.search('信访', { limit: 1_000_000, snippets: false });
    expect(all.total).toBe(2500);
    for (const [offset, limit] of [
      [0, 20],
      [20, 20],
      [977, 50],
    ] as const) {
      const page = index.search('信访', { offset, limit });
      expect(page.total).toBe(2500);
      expect(ids(page)).toEqual(ids(all).slice(offset, offset + limit));
    }
    // Title matches first (highest score), newest first among equals.
    const first = ids(index.search('信访', { limit: 3 }));
    expect(first).toEqual(['d2499', 'd2492', 'd2485']);
  });

  it('gives date- and number-sorted pages the same hits as a full sort, also for a phrase verified in rank order', () => {
    const index = build(2500);
    const num = (id: string) => (Number(id.slice(1)) % 4 === 0 ? null : Number(id.slice(1)) % 17);
    for (const q of ['信访', '信访工作条例']) {
      for (const sort of [
        { key: date, dir: 'desc' as const },
        { key: date, dir: 'asc' as const },
        { key: num, dir: 'asc' as const },
      ]) {
        const all = index.search(q, { limit: 1_000_000, snippets: false, sort });
        expect(all.totalExact).toBe(true);
        for (const [offset, limit] of [
          [0, 20],
          [60, 20],
        ] as const) {
          const page = index.search(q, { offset, limit, sort });
          // The phrase has more candidates than the page plus the counting budget: verified in rank order.
          expect(page.totalExact).toBe(q === '信访');
          expect(ids(page)).toEqual(ids(all).slice(offset, offset + limit));
        }
      }
    }
  });
});
