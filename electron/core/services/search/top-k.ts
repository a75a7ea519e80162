/**
 * Ranking of matches without sorting all of them: a page of 20 among 100,000 matches costs one pass over the
 * scores (O(n)) plus O(k log k), not a sort of the 100,000. Pure, so it is tested against a full sort.
 *
 * The order is total and deterministic: the sort key first when there is one (nulls last, ascending or
 * descending), then the score (higher first), then the newer document (higher ordinal) — so two equal
 * matches always come in the same order, and a page never depends on how the matches were gathered.
 */

export type SortKeyValue = number | string | null;

/** The matches of a query in parallel arrays; positions 0..n-1 index all three. */
export interface Ranking {
  readonly n: number;
  readonly ords: Uint32Array;
  readonly scores: Float64Array;
  /** The sort key per match, or null to order by relevance only. */
  readonly keys: readonly SortKeyValue[] | null;
  readonly dir: 'asc' | 'desc';
}

/** Negative when the match at position `a` ranks before the one at `b`; never 0 for two different ordinals. */
export function compareMatches(r: Ranking, a: number, b: number): number {
  if (r.keys) {
    const ka = r.keys[a]!;
    const kb = r.keys[b]!;
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      const c = ka < kb ? -1 : 1;
      return r.dir === 'asc' ? c : -c;
    }
  }
  return r.scores[b]! - r.scores[a]! || r.ords[b]! - r.ords[a]!;
}

/**
 * Positions of the best `k` matches, best first. Below `k` matches everything is sorted; above, a bounded heap
 * keeps the k best seen so far with the worst of them at the root, so most matches cost one comparison.
 * Matches come in ascending ordinals and ties go to the newer document, so they are read from the end: the
 * heap fills with the newest and an older match of the same rank is turned away at the root.
 */
export function topMatches(r: Ranking, k: number): Uint32Array {
  const n = r.n;
  if (k <= 0 || n === 0) return new Uint32Array(0);
  if (n <= k) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return sortPositions(r, all);
  }
  const heap = new Uint32Array(k);
  let size = 0;
  if (!r.keys) {
    // Relevance only (the common case): the comparison inlined on the typed arrays.
    const { scores, ords } = r;
    /** True when position a ranks after position b. */
    const after = (a: number, b: number) => {
      const d = scores[a]! - scores[b]!;
      return d < 0 || (d === 0 && ords[a]! < ords[b]!);
    };
    for (let i = n - 1; i >= 0; i--) {
      if (size < k) {
        heap[size] = i;
        siftUp(heap, size++, after);
      } else if (after(heap[0]!, i)) {
        heap[0] = i;
        siftDown(heap, size, after);
      }
    }
  } else {
    const after = (a: number, b: number) => compareMatches(r, a, b) > 0;
    for (let i = n - 1; i >= 0; i--) {
      if (size < k) {
        heap[size] = i;
        siftUp(heap, size++, after);
      } else if (after(heap[0]!, i)) {
        heap[0] = i;
        siftDown(heap, size, after);
      }
    }
  }
  return sortPositions(r, heap);
}

/**
 * Positions in rank order, computed only as far as they are read: the first `first` by a bounded selection,
 * then four times as many each time the reader goes further (a phrase whose first candidates fail verification).
 */
export function* inRankOrder(r: Ranking, first: number): Generator<number> {
  let done = 0;
  for (let k = Math.max(1, first); ; k *= 4) {
    const top = topMatches(r, Math.min(k, r.n));
    for (let i = done; i < top.length; i++) yield top[i]!;
    done = top.length;
    if (done >= r.n) return;
  }
}

function sortPositions(r: Ranking, positions: Uint32Array): Uint32Array {
  if (!r.keys) {
    const { scores, ords } = r;
    return positions.sort((a, b) => scores[b]! - scores[a]! || ords[b]! - ords[a]!);
  }
  return positions.sort((a, b) => compareMatches(r, a, b));
}

/** A max-heap on "ranks after": the root is the worst position kept. */
function siftUp(heap: Uint32Array, i: number, after: (a: number, b: number) => boolean): void {
  const x = heap[i]!;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const y = heap[p]!;
    if (!after(x, y)) break;
    heap[i] = y;
    i = p;
  }
  heap[i] = x;
}

function siftDown(heap: Uint32Array, size: number, after: (a: number, b: number) => boolean): void {
  let i = 0;
  const x = heap[0]!;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const rgt = l + 1;
    const m = rgt < size && after(heap[rgt]!, heap[l]!) ? rgt : l;
    if (!after(heap[m]!, x)) break;
    heap[i] = heap[m]!;
    i = m;
  }
  heap[i] = x;
}
