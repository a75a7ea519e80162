import { parseDocNumber } from '../../../../shared/documents/doc-number';
import { bodyAliases } from '../../../../shared/search/body-aliases';
import { parseDocNumberQuery } from '../../../../shared/search/doc-number-query';
import { hasWordCharacter, normalizeForSearch, queryTerms } from '../../../../shared/search/normalize';
import { decodeBytes, encodeVarint, type PostingBase, type PostingDirectory } from './postings';
import { inRankOrder, topMatches, type Ranking, type SortKeyValue } from './top-k';

export interface IndexedFields {
  readonly docNumber: string | null;
  readonly title: string | null;
  readonly issuingBodies: readonly string[];
  readonly addressees?: readonly string[];
  /** Further names the document is found by (petitioners of a case …). */
  readonly extra?: readonly string[];
  /** 文号 the document cites: found by 文号 queries as a lower-ranked match. */
  readonly referencedDocNumbers?: readonly string[];
  readonly text: string;
  /** The record's `updatedAt`: a persisted entry with another stamp is stale and re-indexed at start-up. */
  readonly stamp?: string;
}

export type MatchField = 'docNumber' | 'title' | 'issuingBodies' | 'addressees' | 'references' | 'text';

export interface IndexHit {
  readonly id: string;
  readonly score: number;
  readonly matchedIn: MatchField[];
  readonly snippet: string;
  readonly highlights: [number, number][];
}

export interface SearchOptions {
  readonly limit?: number;
  readonly offset?: number;
  /** Only documents for which this returns true (filters on the records: body, year, 文种 …). */
  readonly filter?: (id: string) => boolean;
  /** Order by this key instead of relevance (nulls last); relevance breaks ties. */
  readonly sort?: { readonly key: (id: string) => number | string | null; readonly dir: 'asc' | 'desc' };
  /** False for exports: ids and scores only. */
  readonly snippets?: boolean;
}

export interface IndexSearchResult {
  /** Number of matches; an estimate when `totalExact` is false (a phrase in most documents, see rankedSearch). */
  readonly total: number;
  readonly totalExact: boolean;
  readonly hits: IndexHit[];
  /** Why the query was read the way it was (Chinese), e.g. a one-character query only searches titles. */
  readonly notice: string | null;
  /** The 文号 fragment the query was read as, if any. */
  readonly docNumberQuery: boolean;
}

/** A document as the index keeps it: the short fields joined by SEP (the "head") and the normalised text. */
export interface IndexedDoc {
  readonly id: string;
  readonly stamp: string;
  readonly head: string;
  readonly text: string;
}

/** Separates the fields of the head: bigrams across it are never indexed and no normalised query contains it. */
const SEP = '\u0001';
const FIELDS: readonly MatchField[] = ['docNumber', 'title', 'issuingBodies', 'addressees', 'references'];
const WEIGHT: Record<MatchField, number> = {
  docNumber: 100,
  title: 40,
  issuingBodies: 25,
  addressees: 10,
  references: 8,
  text: 5,
};
/** Candidates are the intersection of at most this many of a term's rarest bigrams; verification makes it exact. */
const MAX_KEYS = 8;
/**
 * With more candidates than the page plus this many, candidates are verified in rank order and counting stops
 * after this many more (rankedSearch); below it every candidate is verified and the total is exact.
 */
const VERIFY_BUDGET = 2000;
/** Below this many candidates reading further posting lists costs more than verifying the few left. */
const FEW_CANDIDATES = 16;
/** Pending bigram occurrences are merged into the compressed base beyond this many (bounds memory while building). */
const BULK_MERGE = 16_000_000;
/** Beyond this many pending + overlay entries a search merges into the base instead of growing the overlay. */
const PENDING_MERGE = 400_000;
/** Texts of candidates closer together than this (characters) in the base file are read in one go. */
const READ_GAP = 4096;
/** At most this many characters per read while verifying candidates. */
const READ_MAX = 1 << 19;

/**
 * The part of a loaded base that stays on disk (index-file.ts): posting list bytes and texts are read by offset
 * when a query needs them, so start-up reads only the directory, the heads and the 文号 (DESIGN.md §7).
 */
export interface BaseFile {
  /** Bytes [start, end) of the postings blob; valid until the next call. */
  readBlob(start: number, end: number): Uint8Array;
  /** UTF-16LE bytes of text characters [start, end) of the texts section; valid until the next call. */
  readText(start: number, end: number): Buffer;
  close(): void;
}

/** A document's parsed 文号 as numbers: interned 机关代字 (normalised), year and 序号; code -1 when none. */
export interface DocNumbers {
  /** Normalised 机关代字, indexed by the code numbers below. */
  readonly codes: readonly string[];
  /** Three numbers per document: code, year, 序号. */
  readonly own: Int32Array;
  /** Cited 文号 of document i are refs[refOffs[i] .. refOffs[i+1]) in triples. */
  readonly refOffs: Uint32Array;
  readonly refs: Int32Array;
}

/** The head of a document: 文号, title, bodies with their aliases, addressees and extra names, cited 文号. */
export function headOf(f: IndexedFields): string {
  const bodies = f.issuingBodies.flatMap((b) => [b, ...bodyAliases(b)]);
  return [
    f.docNumber ?? '',
    f.title ?? '',
    bodies.join('、'),
    [...(f.addressees ?? []), ...(f.extra ?? [])].join('、'),
    (f.referencedDocNumbers ?? []).join('、'),
  ]
    .map(normalizeForSearch)
    .join(SEP);
}

/** Signed so that it stays a small integer for V8 (unsigned CJK keys would be heap numbers in every Map lookup). */
const keyAt = (s: string, i: number) => (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
const indexable = (s: string, i: number) => s.charCodeAt(i) > 0x1f && s.charCodeAt(i + 1) > 0x1f;

interface GrowList {
  a: Uint32Array;
  n: number;
}

interface Base extends Omit<PostingBase, 'blob'> {
  /** Null when the lists are read from the base file. */
  readonly blob: Uint8Array | null;
}

const emptyBase = (): Base => ({
  keys: new Int32Array(0),
  offs: new Uint32Array(1),
  counts: new Uint32Array(0),
  lasts: new Int32Array(0),
  blob: new Uint8Array(0),
});

/**
 * A character-bigram inverted index with exact substring verification (DESIGN.md §7: the only approach that stays
 * fast for Chinese at 100k documents; word segmenters lose matches). Postings are delta-varint compressed in a
 * base (what was loaded or last merged) plus a small overlay of documents added since; replaced and removed
 * documents are masked until the next compaction renumbers them away. A loaded base keeps its posting bytes and
 * texts in the file; documents added since keep theirs in memory.
 */
export function createSearchIndex() {
  let ids: string[] = [];
  let stamps: string[] = [];
  let heads: string[] = [];
  /** The normalised text, or null when it is in the base file at textPos/textLen. */
  let texts: (string | null)[] = [];
  let textPos: number[] = [];
  let textLen: number[] = [];
  let codes: string[] = [];
  let codeIds = new Map<string, number>();
  /** Own 文号 per ordinal: interned code (-1: none), year, 序号. */
  let dnCode: number[] = [];
  let dnYear: number[] = [];
  let dnSeq: number[] = [];
  /** Cited 文号 per ordinal as code, year, 序号 triples. */
  let refs: (number[] | null)[] = [];
  let alive = new Uint8Array(1024);
  let idToOrd = new Map<string, number>();
  let live = 0;
  let base: Base = emptyBase();
  let file: BaseFile | null = null;
  let overlay = new Map<number, GrowList>();
  let overlayEntries = 0;
  /** While a snapshot is being written the base must stay as written: new documents go to the overlay only. */
  let frozen = false;
  let generation = 0;

  const intern = (code: string): number => {
    let c = codeIds.get(code);
    if (c === undefined) {
      c = codes.length;
      codes.push(code);
      codeIds.set(code, c);
    }
    return c;
  };
  const parsedTriple = (s: string): number[] | null => {
    const p = s ? parseDocNumber(s) : null;
    return p ? [intern(normalizeForSearch(p.agencyCode)), p.year, p.seq] : null;
  };
  const parseRefs = (head: string): number[] | null => {
    const field = head.slice(head.lastIndexOf(SEP) + 1);
    if (!field) return null;
    const out = field.split('、').flatMap((r) => parsedTriple(r) ?? []);
    return out.length ? out : null;
  };

  /** Bigram occurrences of documents added since the last settle: (key, ordinal) pairs in insertion order. */
  let pendK = new Int32Array(1 << 16);
  let pendO = new Uint32Array(1 << 16);
  let pendN = 0;

  function addPostings(ord: number, s: string): void {
    if (pendN + s.length > pendK.length) {
      const size = Math.max(pendK.length * 2, pendN + s.length);
      const k = new Int32Array(size);
      const o = new Uint32Array(size);
      k.set(pendK.subarray(0, pendN));
      o.set(pendO.subarray(0, pendN));
      pendK = k;
      pendO = o;
    }
    for (let i = 0; i + 1 < s.length; i++) {
      if (!indexable(s, i)) continue;
      pendK[pendN] = keyAt(s, i);
      pendO[pendN++] = ord;
    }
  }

  /**
   * Makes pending documents searchable: a few go to the overlay lists (filing one document stays cheap),
   * many are sorted and merged into an in-memory base (bulk building stays within memory). A base on disk is
   * never merged here: its documents are folded in when the index is saved.
   */
  function settle(): void {
    if (pendN === 0) return;
    if (!file && !frozen && pendN + overlayEntries > PENDING_MERGE) {
      mergeBase(null);
      return;
    }
    for (let i = 0; i < pendN; i++) {
      const key = pendK[i]!;
      const ord = pendO[i]!;
      let l = overlay.get(key);
      if (!l) overlay.set(key, (l = { a: new Uint32Array(4), n: 0 }));
      else if (l.a[l.n - 1] === ord) continue; // already listed for this document
      if (l.n === l.a.length) {
        const grown = new Uint32Array(l.a.length * 2);
        grown.set(l.a);
        l.a = grown;
      }
      l.a[l.n++] = ord;
      overlayEntries++;
    }
    pendN = 0;
  }

  function addDoc(d: IndexedDoc): void {
    const old = idToOrd.get(d.id);
    if (old !== undefined) {
      alive[old] = 0;
      live--;
    }
    const ord = ids.length;
    ids.push(d.id);
    stamps.push(d.stamp);
    heads.push(d.head);
    texts.push(d.text);
    textPos.push(0);
    textLen.push(d.text.length);
    const own = parsedTriple(d.head.slice(0, d.head.indexOf(SEP)));
    dnCode.push(own ? own[0]! : -1);
    dnYear.push(own ? own[1]! : 0);
    dnSeq.push(own ? own[2]! : 0);
    refs.push(parseRefs(d.head));
    if (ord >= alive.length) {
      const grown = new Uint8Array(alive.length * 2);
      grown.set(alive);
      alive = grown;
    }
    alive[ord] = 1;
    live++;
    idToOrd.set(d.id, ord);
    addPostings(ord, d.head);
    addPostings(ord, d.text);
    if (pendN > BULK_MERGE && !file && !frozen) mergeBase(null);
  }

  /** The normalised text of a document, read from the base file when it is not in memory. */
  function textOf(o: number): string {
    const t = texts[o];
    if (t !== null && t !== undefined) return t;
    return file!.readText(textPos[o]!, textPos[o]! + textLen[o]!).toString('utf16le');
  }

  function findKey(key: number): number {
    const k = base.keys;
    let lo = 0;
    let hi = k.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = k[mid]!;
      if (v === key) return mid;
      if (v < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  const listBytes = (i: number): Uint8Array =>
    base.blob ? base.blob.subarray(base.offs[i]!, base.offs[i + 1]!) : file!.readBlob(base.offs[i]!, base.offs[i + 1]!);

  /** Base list `i` decoded; ordinals a damaged file could hold beyond the documents are cut off. */
  function baseList(i: number): Uint32Array {
    const out = new Uint32Array(base.counts[i]!);
    const n = decodeBytes(listBytes(i), out);
    let m = 0;
    let prev = -1;
    for (let k = 0; k < n; k++) {
      const v = out[k]!;
      if (v <= prev || v >= ids.length) break;
      out[m++] = prev = v;
    }
    return m === out.length ? out : out.subarray(0, m);
  }

  const countOf = (key: number): number => {
    const i = findKey(key);
    return (i >= 0 ? base.counts[i]! : 0) + (overlay.get(key)?.n ?? 0);
  };

  /** All ordinals listed for a key, ascending (dead ones included). */
  function postings(key: number): Uint32Array {
    const i = findKey(key);
    const o = overlay.get(key);
    const fromBase = i >= 0 ? baseList(i) : null;
    if (!o) return fromBase ?? new Uint32Array(0);
    const out = new Uint32Array((fromBase?.length ?? 0) + o.n);
    if (fromBase) out.set(fromBase);
    out.set(o.a.subarray(0, o.n), fromBase?.length ?? 0);
    return out;
  }

  /**
   * Merges the overlay and the pending pairs into a new in-memory base. With `remap` (old ordinal → new, -1 for
   * dead) the ordinals are renumbered too (compaction before saving).
   */
  function mergeBase(remap: Int32Array | null): void {
    // Overlay entries first, then pending ones: both ascending, and every pending ordinal is newer.
    const n = overlayEntries + pendN;
    const K = new Int32Array(n);
    const O = new Uint32Array(n);
    let m = 0;
    for (const [key, l] of overlay) {
      K.fill(key, m, m + l.n);
      O.set(l.a.subarray(0, l.n), m);
      m += l.n;
    }
    K.set(pendK.subarray(0, pendN), m);
    O.set(pendO.subarray(0, pendN), m);
    const order = radixOrder(K);
    overlay = new Map();
    overlayEntries = 0;
    pendN = 0;
    if (pendK.length > 1 << 20) {
      pendK = new Int32Array(1 << 16);
      pendO = new Uint32Array(1 << 16);
    }

    const out: number[] = [];
    const outCounts: number[] = [];
    const outLasts: number[] = [];
    const baseBytes = base.blob?.length ?? base.offs[base.offs.length - 1]!;
    let blob: Uint8Array = new Uint8Array(Math.max(1024, baseBytes + n * 2));
    let p = 0;
    const offs: number[] = [];
    let i = 0; // base key index
    let j = 0; // position in `order`
    const bk = base.keys;
    while (i < bk.length || j < n) {
      const nextPair = j < n ? K[order[j]!]! : Infinity;
      const nextBase = i < bk.length ? bk[i]! : Infinity;
      const key = Math.min(nextPair, nextBase);
      const fromBase = nextBase === key ? i++ : -1;
      const pairStart = j;
      while (j < n && K[order[j]!] === key) j++;
      offs.push(p);
      if (fromBase >= 0 && !remap) {
        const bytes = listBytes(fromBase);
        if (p + bytes.length + (j - pairStart) * 5 > blob.length)
          blob = growBytes(blob, p + bytes.length + (j - pairStart) * 5);
        blob.set(bytes, p);
        p += bytes.length;
        let prev = base.lasts[fromBase]!;
        let c = base.counts[fromBase]!;
        for (let k = pairStart; k < j; k++) {
          const v = O[order[k]!]!;
          if (v === prev) continue;
          p = encodeVarint(blob, p, v - prev);
          prev = v;
          c++;
        }
        out.push(key);
        outCounts.push(c);
        outLasts.push(prev);
        continue;
      }
      const list = fromBase >= 0 ? baseList(fromBase) : null;
      const size = (list?.length ?? 0) + (j - pairStart);
      if (p + size * 5 > blob.length) blob = growBytes(blob, p + size * 5);
      let prev = -1;
      let c = 0;
      const emit = (old: number) => {
        const v = remap ? remap[old]! : old;
        if (v < 0 || v === prev) return;
        p = encodeVarint(blob, p, v - prev);
        prev = v;
        c++;
      };
      if (list) for (const v of list) emit(v);
      for (let k = pairStart; k < j; k++) emit(O[order[k]!]!);
      if (c === 0) {
        offs.pop();
        continue;
      }
      out.push(key);
      outCounts.push(c);
      outLasts.push(prev);
    }
    offs.push(p);
    base = {
      keys: Int32Array.from(out),
      offs: Uint32Array.from(offs),
      counts: Uint32Array.from(outCounts),
      lasts: Int32Array.from(outLasts),
      blob: blob.slice(0, p),
    };
  }

  /** Drops dead documents and renumbers, leaving everything in an in-memory base (before saving). */
  function compact(): void {
    const n = ids.length;
    if (live === n && overlayEntries === 0 && pendN === 0 && base.blob) return;
    generation++;
    const remap = new Int32Array(n);
    let next = 0;
    for (let o = 0; o < n; o++) remap[o] = alive[o] ? next++ : -1;
    mergeBase(live !== n ? remap : null);
    if (live === n) return;
    const keep = <T>(a: T[]) => a.filter((_, o) => alive[o] === 1);
    ids = keep(ids);
    stamps = keep(stamps);
    heads = keep(heads);
    texts = keep(texts);
    textPos = keep(textPos);
    textLen = keep(textLen);
    dnCode = keep(dnCode);
    dnYear = keep(dnYear);
    dnSeq = keep(dnSeq);
    refs = keep(refs);
    alive = new Uint8Array(Math.max(1024, ids.length * 2));
    alive.fill(1, 0, ids.length);
    idToOrd = new Map(ids.map((id, o) => [id, o]));
  }

  /**
   * Ordinals that may contain `term` (normalised), ascending: the intersection of its rarest bigrams' lists.
   * Exact for a two-character term; longer terms are verified afterwards. A one-character term is searched in
   * the heads only, exactly.
   */
  function termCandidates(term: string, within: Uint32Array | null): Uint32Array {
    if (term.length === 1) {
      // One character says too little to search the full text: only the head (文号, 标题, 机关 …) is searched.
      if (within) return within.filter((o) => heads[o]!.includes(term));
      const out: number[] = [];
      for (let o = 0; o < ids.length; o++) if (alive[o] && heads[o]!.includes(term)) out.push(o);
      return Uint32Array.from(out);
    }
    const keys: number[] = [];
    const seen = new Set<number>();
    for (let i = 0; i + 1 < term.length; i++) {
      const k = keyAt(term, i);
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
    const counted = keys.map((k) => [k, countOf(k)] as const).sort((a, b) => a[1] - b[1]);
    if (counted[0]![1] === 0) return new Uint32Array(0);
    let cand: Uint32Array | null = within;
    for (const [k] of counted.slice(0, MAX_KEYS)) {
      if (term.length > 2 && cand && cand.length <= FEW_CANDIDATES) break;
      cand = intersect(postings(k), cand);
      if (cand.length === 0) return cand;
    }
    return cand!;
  }

  /**
   * The candidates that really contain `term`: the head and in-memory texts are checked directly, texts in the
   * base file are read in runs of neighbouring documents (few reads) and searched as UTF-16 bytes.
   */
  function verify(cands: Uint32Array, term: string): Uint32Array {
    const out = new Uint32Array(cands.length);
    let n = 0;
    const onDisk: number[] = [];
    for (const o of cands) {
      if (alive[o] !== 1) continue;
      const t = texts[o];
      if (heads[o]!.includes(term)) out[n++] = o;
      else if (t !== null && t !== undefined) {
        if (t.includes(term)) out[n++] = o;
      } else onDisk.push(o);
    }
    let k = 0;
    while (k < onDisk.length) {
      const first = onDisk[k]!;
      const start = textPos[first]!;
      let end = start + textLen[first]!;
      let j = k + 1;
      while (j < onDisk.length) {
        const o = onDisk[j]!;
        const s = textPos[o]!;
        const e = s + textLen[o]!;
        if (s < end || s - end > READ_GAP || e - start > READ_MAX) break;
        end = e;
        j++;
      }
      const buf = file!.readText(start, end);
      for (let m = k; m < j; m++) {
        const o = onDisk[m]!;
        const a = (textPos[o]! - start) * 2;
        if (buf.subarray(a, a + textLen[o]! * 2).indexOf(term, 0, 'utf16le') >= 0) out[n++] = o;
      }
      k = j;
    }
    return out.subarray(0, n).sort();
  }

  const contains = (o: number, term: string) =>
    alive[o] === 1 && (heads[o]!.includes(term) || textOf(o).includes(term));

  /** Live ordinals containing `term`, ascending. */
  const termOrdinals = (term: string): Uint32Array => {
    const cand = termCandidates(term, null);
    return term.length > 2 ? verify(cand, term) : cand.filter((o) => alive[o] === 1);
  };

  function docNumberOrdinals(q: NonNullable<ReturnType<typeof parseDocNumberQuery>>): Map<number, number> {
    const out = new Map<number, number>();
    // Which interned 机关代字 contain the typed code: once per query, not once per document.
    const codeOk = new Uint8Array(codes.length);
    for (let c = 0; c < codes.length; c++) codeOk[c] = q.code === null || codes[c]!.includes(q.code) ? 1 : 0;
    const matches = (code: number, year: number, seq: number) =>
      code >= 0 && year === q.year && (q.seq === null || seq === q.seq) && codeOk[code] === 1;
    for (let o = 0; o < ids.length; o++) {
      if (!alive[o]) continue;
      // Above any text score (at most 100 × 20): the 文号 itself first, then documents citing it.
      if (matches(dnCode[o]!, dnYear[o]!, dnSeq[o]!)) out.set(o, dnSeq[o] === q.seq ? 10_000 : 6000);
      else {
        const r = refs[o];
        if (!r) continue;
        for (let i = 0; i < r.length; i += 3) {
          if (matches(r[i]!, r[i + 1]!, r[i + 2]!)) {
            out.set(o, 4000);
            break;
          }
        }
      }
    }
    return out;
  }

  function fieldOf(head: string, at: number): MatchField {
    let f = 0;
    for (let i = head.indexOf(SEP); i >= 0 && i < at; i = head.indexOf(SEP, i + 1)) f++;
    return FIELDS[f] ?? 'text';
  }

  /**
   * The score of a document for `terms`, as a function over many documents: every term is worth its field's
   * weight times its length (capped at 20), the text's weight unless the head holds it. Scores depend on the
   * head only, so a candidate is ranked before its text is read.
   */
  function scorer(terms: readonly string[]): (o: number) => number {
    const lens = terms.map((t) => Math.min(t.length, 20));
    const textScore = lens.reduce((sum, l) => sum + WEIGHT.text * l, 0);
    return (o) => {
      const head = heads[o]!;
      let score = textScore;
      for (let i = 0; i < terms.length; i++) {
        const at = head.indexOf(terms[i]!);
        if (at >= 0) score += (WEIGHT[fieldOf(head, at)] - WEIGHT.text) * lens[i]!;
      }
      return score;
    };
  }
  const scoreOf = (o: number, terms: readonly string[]) => scorer(terms)(o);

  function matchedIn(o: number, text: string, terms: readonly string[]): MatchField[] {
    const out = new Set<MatchField>();
    const head = heads[o]!;
    for (const t of terms) {
      for (let at = head.indexOf(t); at >= 0; at = head.indexOf(t, at + 1)) out.add(fieldOf(head, at));
      if (text.includes(t)) out.add('text');
    }
    return [...out];
  }

  /** Whether a live document contains every term (head first, then its text). */
  const containsAll = (o: number, long: readonly string[]) => long.every((t) => contains(o, t));

  function hitOf(o: number, score: number, useTerms: readonly string[], snippets: boolean): IndexHit {
    if (!snippets) return { id: ids[o]!, score, matchedIn: [], snippet: '', highlights: [] };
    const text = textOf(o);
    return { id: ids[o]!, score, matchedIn: matchedIn(o, text, useTerms), ...makeSnippet(heads[o]!, text, useTerms) };
  }

  /**
   * Many candidates (a phrase most documents hold): the rank of a candidate is known before its text is read
   * (scores come from the head; ties go to the newer document), so candidates are verified in rank order until
   * the page is full, then up to VERIFY_BUDGET more to count. The hits are exact; the total is exact when
   * everything got verified, else estimated from the share verified so far and marked as such.
   */
  function rankedSearch(
    cand: Uint32Array,
    terms: readonly string[],
    long: readonly string[],
    offset: number,
    limit: number,
    opts: SearchOptions,
    notice: string | null,
  ): IndexSearchResult {
    const ords = new Uint32Array(cand.length);
    const scores = new Float64Array(cand.length);
    const score = scorer(terms);
    let n = 0;
    for (let i = 0; i < cand.length; i++) {
      const o = cand[i]!;
      if (alive[o] !== 1) continue;
      ords[n] = o;
      scores[n++] = score(o);
    }
    const sort = opts.sort;
    const keys = sort ? sortKeys(ords, n, sort.key) : null;
    const ranking: Ranking = { n, ords, scores, keys, dir: sort?.dir ?? 'desc' };
    const found: number[] = [];
    let checked = 0;
    // In rank order, computed only as far as it is read: the page plus the counting budget, more if many fail.
    for (const i of inRankOrder(ranking, offset + limit + VERIFY_BUDGET)) {
      if (found.length >= offset + limit && checked >= offset + limit + VERIFY_BUDGET) break;
      checked++;
      if (containsAll(ords[i]!, long)) found.push(i);
    }
    const rest = n - checked;
    const total = rest === 0 ? found.length : found.length + Math.round((rest * found.length) / checked);
    const hits = found
      .slice(offset, offset + limit)
      .map((i) => hitOf(ords[i]!, scores[i]!, terms, opts.snippets !== false));
    return { total, totalExact: rest === 0, hits, notice, docNumberQuery: false };
  }

  function search(query: string, options: SearchOptions | number = {}): IndexSearchResult {
    settle();
    const opts: SearchOptions = typeof options === 'number' ? { limit: options } : options;
    const limit = opts.limit ?? 50;
    const offset = opts.offset ?? 0;
    const dnq = parseDocNumberQuery(query);
    const allTerms = queryTerms(query);
    const terms = allTerms.filter(hasWordCharacter);
    let notice: string | null = null;
    if (allTerms.length > 0 && terms.length === 0) {
      return {
        total: 0,
        totalExact: true,
        hits: [],
        notice: '检索词只有标点符号，请输入文字、数字或文号。',
        docNumberQuery: false,
      };
    }
    if (terms.some((t) => t.length === 1))
      notice = '单个字只在文号、标题、发文机关和主送机关中查找；查正文请输入至少两个字。';

    const filter = opts.filter;
    const passes = (o: number) => !filter || filter(ids[o]!);
    /** Matches and their scores in typed arrays (no Map, no object per match: at 100k matches that is the cost). */
    let ords = new Uint32Array(0);
    let scores = new Float64Array(0);
    let n = 0;
    if (dnq) {
      const found = docNumberOrdinals(dnq);
      // Typed as one piece (国信发〔2019〕3), the fragment is also found as text, e.g. where a document cites it.
      if (allTerms.length === 1 && allTerms[0]!.length > 1) {
        for (const o of termOrdinals(allTerms[0]!)) if (!found.has(o)) found.set(o, scoreOf(o, allTerms));
      }
      ords = new Uint32Array(found.size);
      scores = new Float64Array(found.size);
      for (const [o, s] of found) {
        if (!passes(o)) continue;
        ords[n] = o;
        scores[n++] = s;
      }
    } else if (terms.length > 0) {
      // Longest first: its rare bigrams narrow the candidates most; the filter runs before any text is read.
      const ordered = [...terms].sort((a, b) => b.length - a.length);
      let cand: Uint32Array | null = null;
      for (const t of ordered) {
        cand = termCandidates(t, cand);
        if (cand.length === 0) break;
      }
      let c = cand!;
      if (filter) c = c.filter((o) => alive[o] === 1 && filter(ids[o]!));
      const long = ordered.filter((t) => t.length > 2);
      if (long.length > 0 && c.length > offset + limit + VERIFY_BUDGET) {
        return rankedSearch(c, terms, long, offset, limit, opts, notice);
      }
      for (const t of long) if (c.length > 0) c = verify(c, t);
      ords = new Uint32Array(c.length);
      scores = new Float64Array(c.length);
      const score = scorer(terms);
      for (let i = 0; i < c.length; i++) {
        const o = c[i]!;
        if (alive[o] !== 1) continue;
        ords[n] = o;
        scores[n++] = score(o);
      }
    } else if (filter || opts.sort) {
      // No query: browse everything the filters let through.
      ords = new Uint32Array(ids.length);
      scores = new Float64Array(ids.length);
      for (let o = 0; o < ids.length; o++) {
        if (!alive[o] || !passes(o)) continue;
        ords[n++] = o;
      }
    }

    const sort = opts.sort;
    const keys = sort ? sortKeys(ords, n, sort.key) : null;
    const ranking: Ranking = { n, ords, scores, keys, dir: sort?.dir ?? 'desc' };
    const top = topMatches(ranking, offset + limit).subarray(offset);
    const useTerms = dnq && allTerms.length === 1 ? allTerms : terms;
    const hits = Array.from(top, (i) => hitOf(ords[i]!, scores[i]!, useTerms, opts.snippets !== false));
    return { total: n, totalExact: true, hits, notice, docNumberQuery: dnq !== null };
  }

  /** The sort key of each of the first `n` matches, read once (the key reads the record). */
  function sortKeys(ords: Uint32Array, n: number, key: (id: string) => SortKeyValue): SortKeyValue[] {
    const out = new Array<SortKeyValue>(n);
    for (let i = 0; i < n; i++) out[i] = key(ids[ords[i]!]!);
    return out;
  }

  /** Parsed 文号 of ordinals 0..n-1 in the compact form the index file keeps. */
  function docNumbersOf(n: number): DocNumbers {
    const own = new Int32Array(n * 3);
    const refOffs = new Uint32Array(n + 1);
    const flat: number[] = [];
    for (let o = 0; o < n; o++) {
      own[o * 3] = dnCode[o]!;
      own[o * 3 + 1] = dnYear[o]!;
      own[o * 3 + 2] = dnSeq[o]!;
      const r = refs[o];
      if (r) for (const v of r) flat.push(v);
      refOffs[o + 1] = flat.length;
    }
    return { codes: codes.slice(), own, refOffs, refs: Int32Array.from(flat) };
  }

  return {
    put(id: string, f: IndexedFields): void {
      addDoc({ id, stamp: f.stamp ?? '', head: headOf(f), text: normalizeForSearch(f.text) });
    },
    /** Adds a document already in the index's own form (loading, journal replay). */
    putIndexed: addDoc,
    remove(id: string): boolean {
      const o = idToOrd.get(id);
      if (o === undefined) return false;
      alive[o] = 0;
      live--;
      idToOrd.delete(id);
      return true;
    },
    clear(): void {
      generation++;
      ids = [];
      stamps = [];
      heads = [];
      texts = [];
      textPos = [];
      textLen = [];
      codes = [];
      codeIds = new Map();
      dnCode = [];
      dnYear = [];
      dnSeq = [];
      refs = [];
      alive = new Uint8Array(1024);
      idToOrd = new Map();
      live = 0;
      base = emptyBase();
      file?.close();
      file = null;
      frozen = false;
      overlay = new Map();
      overlayEntries = 0;
      pendN = 0;
    },
    search,
    size: () => live,
    has: (id: string) => idToOrd.has(id),
    stampOf: (id: string): string | undefined => {
      const o = idToOrd.get(id);
      return o === undefined ? undefined : stamps[o];
    },
    ids: (): string[] => [...idToOrd.keys()],
    /** The document as indexed (normalised head and text), e.g. for the journal. */
    indexed(id: string): IndexedDoc | undefined {
      const o = idToOrd.get(id);
      return o === undefined ? undefined : { id, stamp: stamps[o]!, head: heads[o]!, text: textOf(o) };
    },
    /** Whether a document's text contains `term` (normalised), for tests and checks. */
    contains: (id: string, term: string) => {
      const o = idToOrd.get(id);
      return o !== undefined && contains(o, term);
    },
    /**
     * Compacts and returns a view to write to disk. Until `attach` or `thaw`, the base stays as it is (new
     * documents wait in the overlay), so the view stays valid while it is written.
     */
    snapshot(): IndexSnapshot {
      frozen = false;
      compact();
      frozen = true;
      const n = ids.length;
      const b = base;
      return {
        ids: ids.slice(),
        stamps: stamps.slice(),
        heads: heads.slice(),
        textLength: (i: number) => textLen[i]!,
        text: textOf,
        numbers: docNumbersOf(n),
        postings: { keys: b.keys, offs: b.offs, counts: b.counts, lasts: b.lasts, blob: b.blob! },
      };
    },
    /** Ends a snapshot's freeze without switching to the written file (the write failed). */
    thaw(): void {
      frozen = false;
    },
    /**
     * After a snapshot was written: the base's lists are read from `written` from now on, which frees their
     * memory. Texts stay in memory where they are (verification is ten times faster on strings); those not yet
     * read are read from `written` at `textOffs`.
     */
    attach(written: BaseFile, docs: number, textOffs: Uint32Array): void {
      frozen = false;
      generation++;
      if (file !== written) file?.close();
      file = written;
      base = { keys: base.keys, offs: base.offs, counts: base.counts, lasts: base.lasts, blob: null };
      for (let o = 0; o < docs; o++) textPos[o] = textOffs[o]!;
    },
    /** Changes whenever ordinals or the base file change, so a background text load knows it is outdated. */
    generation: () => generation,
    /**
     * Takes the texts of base documents `from`..`to`-1 (file order) out of `chunk`, which holds the texts
     * section from character `firstChar` on: start-up reads them in the background so that verification,
     * the bulk of a query, works on strings instead of file reads. Ignored when `gen` is outdated.
     */
    adoptTexts(gen: number, from: number, to: number, chunk: Buffer, firstChar: number): void {
      if (gen !== generation) return;
      for (let o = from; o < to && o < texts.length; o++) {
        if (texts[o] !== null || alive[o] !== 1) continue;
        const a = (textPos[o]! - firstChar) * 2;
        texts[o] = chunk.toString('utf16le', a, a + textLen[o]! * 2);
      }
    },
    /** Replaces the whole content with a base loaded from disk. */
    restore(s: LoadedIndex): void {
      file?.close();
      generation++;
      const n = s.ids.length;
      ids = s.ids.slice();
      stamps = s.stamps.slice();
      heads = s.heads.slice();
      texts = new Array<string | null>(n).fill(null);
      textPos = Array.from(s.textOffs.subarray(0, n));
      textLen = textPos.map((p, i) => s.textOffs[i + 1]! - p);
      codes = s.numbers.codes.slice();
      codeIds = new Map(codes.map((c, i) => [c, i]));
      dnCode = new Array<number>(n);
      dnYear = new Array<number>(n);
      dnSeq = new Array<number>(n);
      refs = new Array<number[] | null>(n);
      const own = s.numbers.own;
      for (let o = 0; o < n; o++) {
        dnCode[o] = own[o * 3]!;
        dnYear[o] = own[o * 3 + 1]!;
        dnSeq[o] = own[o * 3 + 2]!;
        const a = s.numbers.refOffs[o]!;
        const b = s.numbers.refOffs[o + 1]!;
        refs[o] = b > a ? Array.from(s.numbers.refs.subarray(a, b)) : null;
      }
      alive = new Uint8Array(Math.max(1024, n * 2));
      alive.fill(1, 0, n);
      idToOrd = new Map(ids.map((id, o) => [id, o]));
      live = n;
      base = { ...s.postings, blob: null };
      file = s.file;
      frozen = false;
      overlay = new Map();
      overlayEntries = 0;
      pendN = 0;
    },
    /** Closes the base file (the index is no longer used). */
    close(): void {
      file?.close();
      file = null;
    },
  };
}
export type SearchIndex = ReturnType<typeof createSearchIndex>;

/** What is written to the index file. */
export interface IndexSnapshot {
  readonly ids: readonly string[];
  readonly stamps: readonly string[];
  readonly heads: readonly string[];
  textLength(i: number): number;
  text(i: number): string;
  readonly numbers: DocNumbers;
  readonly postings: PostingBase;
}

/** What is read back at start-up: everything but the posting bytes and the texts, which stay in `file`. */
export interface LoadedIndex {
  readonly ids: readonly string[];
  readonly stamps: readonly string[];
  readonly heads: readonly string[];
  /** Character offsets of each text in the file's texts section; one more entry than documents. */
  readonly textOffs: Uint32Array;
  readonly numbers: DocNumbers;
  readonly postings: PostingDirectory;
  readonly file: BaseFile;
}

function growBytes(b: Uint8Array, need: number): Uint8Array {
  const out = new Uint8Array(Math.max(need, Math.floor(b.length * 1.5)));
  out.set(b);
  return out;
}

/** A stable order of `keys` ascending: LSD radix sort on the two 16-bit halves (signed keys). */
function radixOrder(keys: Int32Array): Uint32Array {
  const n = keys.length;
  let src = new Uint32Array(n);
  let dst = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  const count = new Uint32Array(65537);
  // Low halves first, then high halves flipped in their sign bit so negative keys sort first.
  const lo = new Uint16Array(n);
  const hi = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    lo[i] = k & 0xffff;
    hi[i] = ((k >>> 16) ^ 0x8000) & 0xffff;
  }
  for (const digit of [lo, hi]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[digit[i]! + 1]!++;
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const idx = src[i]!;
      dst[count[digit[idx]!]!++] = idx;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/** Intersection of two ascending ordinal lists (`b` null means "everything"). */
function intersect(a: Uint32Array, b: Uint32Array | null): Uint32Array {
  if (!b) return a;
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/** About 90 characters of text around the first match of any term, with every term occurrence marked. */
function makeSnippet(
  head: string,
  text: string,
  terms: readonly string[],
): { snippet: string; highlights: [number, number][] } {
  const parts = head.split(SEP);
  const source = terms.some((t) => text.includes(t))
    ? text
    : (parts.find((p) => terms.some((t) => p.includes(t))) ?? parts[1] ?? text);
  let first = source.length;
  for (const t of terms) {
    const i = source.indexOf(t);
    if (i >= 0 && i < first) first = i;
  }
  if (first === source.length) first = 0;
  const start = Math.max(0, first - 30);
  const end = Math.min(source.length, start + 90);
  const body = source.slice(start, end);
  const prefix = start > 0 ? '…' : '';
  const snippet = prefix + body + (end < source.length ? '…' : '');
  const highlights: [number, number][] = [];
  for (const t of terms) {
    for (let i = body.indexOf(t); i >= 0; i = body.indexOf(t, i + t.length)) {
      highlights.push([prefix.length + i, prefix.length + i + t.length]);
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  // Overlapping ranges (信访 and 访工) are merged so the UI marks each character once.
  const merged: [number, number][] = [];
  for (const h of highlights) {
    const last = merged[merged.length - 1];
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([h[0], h[1]]);
  }
  return { snippet, highlights: merged };
}
